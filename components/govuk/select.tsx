import type { ReactNode } from "react";
import { cx } from "./cx";
import { ErrorMessage, FormGroup, Hint, Label, fieldIds, type LabelSize } from "./form-group";

export interface SelectOption {
  value: string;
  text: string;
  disabled?: boolean;
}

export interface SelectProps {
  id: string;
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | null;
  options: SelectOption[];
  defaultValue?: string;
  labelSize?: LabelSize;
  labelIsPageHeading?: boolean;
  /** Stretch to the container width instead of fitting the options. */
  fullWidth?: boolean;
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
}: SelectProps) {
  const { hintId, errorId, describedBy } = fieldIds(id, hint, error);
  return (
    <FormGroup error={Boolean(error)}>
      <Label htmlFor={id} size={labelSize} isPageHeading={labelIsPageHeading}>
        {label}
      </Label>
      {hintId ? <Hint id={hintId}>{hint}</Hint> : null}
      {errorId ? <ErrorMessage id={errorId}>{error}</ErrorMessage> : null}
      <select
        id={id}
        name={name}
        className={cx("govuk-select", fullWidth && "govuk-select--full", error && "govuk-select--error")}
        defaultValue={defaultValue}
        aria-describedby={describedBy}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value} disabled={option.disabled}>
            {option.text}
          </option>
        ))}
      </select>
    </FormGroup>
  );
}
