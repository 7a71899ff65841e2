import type { InputHTMLAttributes, ReactNode } from "react";
import { cx } from "./cx";
import { ErrorMessage, FormGroup, Hint, Label, fieldIds, type LabelSize } from "./form-group";

export type TextInputWidth = "full" | "20" | "10" | "5" | "4" | "3" | "2";
export type TextInputType = "text" | "email" | "password" | "tel" | "url" | "search" | "number";

type NativeInputProps = InputHTMLAttributes<HTMLInputElement>;

export interface TextInputProps {
  id: string;
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | null;
  defaultValue?: string | number;
  type?: TextInputType;
  /** "full" (default) or a GOV.UK fixed width in characters. */
  width?: TextInputWidth;
  autoComplete?: NativeInputProps["autoComplete"];
  inputMode?: NativeInputProps["inputMode"];
  spellCheck?: boolean;
  labelSize?: LabelSize;
  labelIsPageHeading?: boolean;
  /** Escape hatch for other native attributes (maxLength, pattern, disabled, readOnly...). */
  inputProps?: Omit<NativeInputProps, "id" | "name" | "type" | "className" | "defaultValue" | "aria-describedby">;
}

export function TextInput({
  id,
  name,
  label,
  hint,
  error,
  defaultValue,
  type = "text",
  width = "full",
  autoComplete,
  inputMode,
  spellCheck,
  labelSize,
  labelIsPageHeading,
  inputProps,
}: TextInputProps) {
  const { hintId, errorId, describedBy } = fieldIds(id, hint, error);
  return (
    <FormGroup error={Boolean(error)}>
      <Label htmlFor={id} size={labelSize} isPageHeading={labelIsPageHeading}>
        {label}
      </Label>
      {hintId ? <Hint id={hintId}>{hint}</Hint> : null}
      {errorId ? <ErrorMessage id={errorId}>{error}</ErrorMessage> : null}
      <input
        {...inputProps}
        id={id}
        name={name}
        type={type}
        className={cx("govuk-input", width !== "full" && `govuk-input--width-${width}`, error && "govuk-input--error")}
        defaultValue={defaultValue}
        autoComplete={autoComplete}
        inputMode={inputMode}
        spellCheck={spellCheck}
        aria-describedby={describedBy}
      />
    </FormGroup>
  );
}
