import type { ReactNode } from "react";
import { cx } from "./cx";
import { FieldFrame, fieldIds, type LabelSize } from "./form-group";

export interface SelectOption {
  value: string;
  text: string;
  disabled?: boolean;
}

export interface SelectProps {
  /** Defaults to `name`. */
  id?: string;
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | null;
  options: SelectOption[];
  defaultValue?: string;
  labelSize?: LabelSize;
  labelIsPageHeading?: boolean;
  /** Stretch to the container width instead of fitting the options (govuk-!-width-full). */
  fullWidth?: boolean;
  /** Ids of other elements describing the field, read before its hint and error. */
  describedBy?: string;
}

export function Select({
  id,
  name,
  label,
  hint,
  error,
  options,
  defaultValue,
  labelSize,
  labelIsPageHeading,
  fullWidth = false,
  describedBy: extraDescribedBy,
}: SelectProps) {
  const fieldId = id ?? name;
  const { hintId, errorId, describedBy } = fieldIds(fieldId, hint, error, extraDescribedBy);
  return (
    <FieldFrame
      id={fieldId}
      label={label}
      labelSize={labelSize}
      labelIsPageHeading={labelIsPageHeading}
      hintId={hintId}
      hint={hint}
      errorId={errorId}
      error={error}
    >
      <select
        id={fieldId}
        name={name}
        className={cx("govuk-select", fullWidth && "govuk-!-width-full", error && "govuk-select--error")}
        defaultValue={defaultValue}
        aria-describedby={describedBy}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value} disabled={option.disabled}>
            {option.text}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}
