import type { ReactNode, TextareaHTMLAttributes } from "react";
import { cx } from "./cx";
import { ErrorMessage, FormGroup, Hint, Label, fieldIds, type LabelSize } from "./form-group";

type NativeTextareaProps = TextareaHTMLAttributes<HTMLTextAreaElement>;

export interface TextareaProps {
  id: string;
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | null;
  defaultValue?: string;
  rows?: number;
  autoComplete?: NativeTextareaProps["autoComplete"];
  spellCheck?: boolean;
  maxLength?: number;
  labelSize?: LabelSize;
  labelIsPageHeading?: boolean;
}

export function Textarea({
  id,
  name,
  label,
  hint,
  error,
  defaultValue,
  rows = 5,
  autoComplete,
  spellCheck,
  maxLength,
  labelSize,
  labelIsPageHeading,
}: TextareaProps) {
  const { hintId, errorId, describedBy } = fieldIds(id, hint, error);
  return (
    <FormGroup error={Boolean(error)}>
      <Label htmlFor={id} size={labelSize} isPageHeading={labelIsPageHeading}>
        {label}
      </Label>
      {hintId ? <Hint id={hintId}>{hint}</Hint> : null}
      {errorId ? <ErrorMessage id={errorId}>{error}</ErrorMessage> : null}
      <textarea
        id={id}
        name={name}
        rows={rows}
        className={cx("govuk-textarea", error && "govuk-textarea--error")}
        defaultValue={defaultValue}
        autoComplete={autoComplete}
        spellCheck={spellCheck}
        maxLength={maxLength}
        aria-describedby={describedBy}
      />
    </FormGroup>
  );
}
