import type { ReactNode, TextareaHTMLAttributes } from "react";
import { cx } from "./cx";
import { FieldFrame, fieldIds, type DataAttributes, type LabelSize } from "./form-group";

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
  /**
   * A hard limit the browser enforces by refusing keystrokes. For long free text prefer
   * CharacterCount, which says how many are left and lets people edit down.
   */
  maxLength?: number;
  labelSize?: LabelSize;
  labelIsPageHeading?: boolean;
  /** Ids of other elements describing the field, read before its hint and error. */
  describedBy?: string;
  /** Extra classes on the textarea. */
  className?: string;
}

/** The parts CharacterCount adds around the same textarea, as govuk-frontend's macro does. */
interface TextareaFrameProps {
  formGroupClassName?: string;
  formGroupAttributes?: DataAttributes;
  afterInput?: ReactNode;
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
  describedBy: extraDescribedBy,
  className,
  formGroupClassName,
  formGroupAttributes,
  afterInput,
}: TextareaProps & TextareaFrameProps) {
  const { hintId, errorId, describedBy } = fieldIds(id, hint, error, extraDescribedBy);
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
      formGroupClassName={formGroupClassName}
      formGroupAttributes={formGroupAttributes}
    >
      <textarea
        id={id}
        name={name}
        rows={rows}
        className={cx("govuk-textarea", error && "govuk-textarea--error", className)}
        defaultValue={defaultValue}
        autoComplete={autoComplete}
        spellCheck={spellCheck}
        maxLength={maxLength}
        aria-describedby={describedBy}
      />
      {afterInput}
    </FieldFrame>
  );
}
