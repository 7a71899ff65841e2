import type { ReactNode } from "react";
import { cx } from "./cx";
import type { LabelSize } from "./form-group";

export interface FieldsetProps {
  legend: ReactNode;
  legendSize?: LabelSize;
  /** Wrap the legend text in an <h1> (question pages). */
  legendIsPageHeading?: boolean;
  /** Space-separated ids for aria-describedby (hint and error ids). */
  describedBy?: string;
  children?: ReactNode;
  className?: string;
}

export function Fieldset({
  legend,
  legendSize,
  legendIsPageHeading = false,
  describedBy,
  children,
  className,
}: FieldsetProps) {
  return (
    <fieldset className={cx("govuk-fieldset", className)} aria-describedby={describedBy}>
      <legend className={cx("govuk-fieldset__legend", legendSize && `govuk-fieldset__legend--${legendSize}`)}>
        {legendIsPageHeading ? <h1 className="govuk-fieldset__heading">{legend}</h1> : legend}
      </legend>
      {children}
    </fieldset>
  );
}
