import type { InputHTMLAttributes, ReactNode } from "react";
import { cx } from "./cx";
import { FieldFrame, fieldIds, type LabelSize } from "./form-group";

export type TextInputWidth = "full" | "30" | "20" | "10" | "5" | "4" | "3" | "2";
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
  /** Shown before and after the field, hidden from screen readers (say the unit in the label). */
  prefix?: ReactNode;
  suffix?: ReactNode;
  /** Ids of other elements describing the field, read before its hint and error. */
  describedBy?: string;
  /** Extra classes on the input, e.g. govuk-input--extra-letter-spacing for codes. */
  className?: string;
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
  prefix,
  suffix,
  describedBy: extraDescribedBy,
  className,
  inputProps,
}: TextInputProps) {
  const { hintId, errorId, describedBy } = fieldIds(id, hint, error, extraDescribedBy);
  const input = (
    <input
      {...inputProps}
      id={id}
      name={name}
      type={type}
      className={cx(
        "govuk-input",
        width !== "full" && `govuk-input--width-${width}`,
        className,
        error && "govuk-input--error",
      )}
      defaultValue={defaultValue}
      autoComplete={autoComplete}
      inputMode={inputMode}
      spellCheck={spellCheck}
      aria-describedby={describedBy}
    />
  );
  return (
    <FieldFrame
      id={id}
      label={label}
      labelSize={labelSize}
      labelIsPageHeading={labelIsPageHeading}
      hintId={hintId}
      hint={hint}
      errorId={errorId}
      error={error}
    >
      {prefix !== undefined || suffix !== undefined ? (
        <div className="govuk-input__wrapper">
          {prefix !== undefined ? (
            <div className="govuk-input__prefix" aria-hidden="true">
              {prefix}
            </div>
          ) : null}
          {input}
          {suffix !== undefined ? (
            <div className="govuk-input__suffix" aria-hidden="true">
              {suffix}
            </div>
          ) : null}
        </div>
      ) : (
        input
      )}
    </FieldFrame>
  );
}
