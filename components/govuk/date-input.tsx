import type { ReactNode } from "react";
import { cx } from "./cx";
import { ErrorMessage, FormGroup, Hint, Label, fieldIds, type LabelSize } from "./form-group";

export interface DateInputProps {
  id: string;
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | null;
  /** ISO date, YYYY-MM-DD. */
  defaultValue?: string;
  /** ISO date, YYYY-MM-DD. */
  min?: string;
  /** ISO date, YYYY-MM-DD. */
  max?: string;
  labelSize?: LabelSize;
  labelIsPageHeading?: boolean;
}

/** One native <input type="date">; the submitted value is an ISO date (YYYY-MM-DD) or "". */
export function DateInput({
  id,
  name,
  label,
  hint,
  error,
  defaultValue,
  min,
  max,
  labelSize,
  labelIsPageHeading,
}: DateInputProps) {
  const { hintId, errorId, describedBy } = fieldIds(id, hint, error);
  return (
    <FormGroup error={Boolean(error)}>
      <Label htmlFor={id} size={labelSize} isPageHeading={labelIsPageHeading}>
        {label}
      </Label>
      {hintId ? <Hint id={hintId}>{hint}</Hint> : null}
      {errorId ? <ErrorMessage id={errorId}>{error}</ErrorMessage> : null}
      <input
        id={id}
        name={name}
        type="date"
        className={cx("govuk-input app-date-input", error && "govuk-input--error")}
        defaultValue={defaultValue}
        min={min}
        max={max}
        aria-describedby={describedBy}
      />
    </FormGroup>
  );
}
