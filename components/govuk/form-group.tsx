import type { HTMLAttributes, ReactNode } from "react";
import { cx } from "./cx";

export type LabelSize = "xl" | "l" | "m" | "s";

/** data-* attributes a wrapper passes through, e.g. the character count's data-module. */
export type DataAttributes = { [name: `data-${string}`]: string | number | undefined };

export interface FormGroupProps {
  children: ReactNode;
  /** Adds the red left border (govuk-form-group--error). */
  error?: boolean;
  className?: string;
  attributes?: DataAttributes;
}

export function FormGroup({ children, error = false, className, attributes }: FormGroupProps) {
  const props: HTMLAttributes<HTMLDivElement> & DataAttributes = {
    ...attributes,
    className: cx("govuk-form-group", error && "govuk-form-group--error", className),
  };
  return <div {...props}>{children}</div>;
}

export interface LabelProps {
  /** The id of the field it labels (omitted only for a label that names no single field). */
  htmlFor?: string;
  children: ReactNode;
  size?: LabelSize;
  /** Wrap the label in an <h1> (question pages with one field). */
  isPageHeading?: boolean;
  className?: string;
}

export function Label({ htmlFor, children, size, isPageHeading = false, className }: LabelProps) {
  const label = (
    <label htmlFor={htmlFor} className={cx("govuk-label", size && `govuk-label--${size}`, className)}>
      {children}
    </label>
  );
  return isPageHeading ? <h1 className="govuk-label-wrapper">{label}</h1> : label;
}

export interface HintProps {
  id?: string;
  children: ReactNode;
  className?: string;
}

export function Hint({ id, children, className }: HintProps) {
  return (
    <div id={id} className={cx("govuk-hint", className)}>
      {children}
    </div>
  );
}

export interface ErrorMessageProps {
  id?: string;
  children: ReactNode;
}

/** <p class="govuk-error-message"><span class="govuk-visually-hidden">Error:</span> message</p> */
export function ErrorMessage({ id, children }: ErrorMessageProps) {
  return (
    <p id={id} className="govuk-error-message">
      <span className="govuk-visually-hidden">Error:</span> {children}
    </p>
  );
}

/**
 * Ids used by every field component: `${id}-hint` and `${id}-error`, and the aria-describedby
 * that joins them after any ids the caller adds (govuk-frontend's order).
 */
export function fieldIds(id: string, hint: unknown, error: unknown, extraDescribedBy?: string) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [extraDescribedBy, hintId, errorId].filter(Boolean).join(" ") || undefined;
  return { hintId, errorId, describedBy };
}

export interface FieldFrameProps {
  id: string;
  label: ReactNode;
  labelSize?: LabelSize;
  labelIsPageHeading?: boolean;
  hintId?: string;
  hint?: ReactNode;
  errorId?: string;
  error?: ReactNode;
  formGroupClassName?: string;
  formGroupAttributes?: DataAttributes;
  /** The control itself, then anything govuk-frontend puts after it (the character count's message). */
  children: ReactNode;
}

/** Form group, label, hint and error message in govuk-frontend's order around one control. */
export function FieldFrame({
  id,
  label,
  labelSize,
  labelIsPageHeading,
  hintId,
  hint,
  errorId,
  error,
  formGroupClassName,
  formGroupAttributes,
  children,
}: FieldFrameProps) {
  return (
    <FormGroup error={Boolean(errorId)} className={formGroupClassName} attributes={formGroupAttributes}>
      <Label htmlFor={id} size={labelSize} isPageHeading={labelIsPageHeading}>
        {label}
      </Label>
      {hintId ? <Hint id={hintId}>{hint}</Hint> : null}
      {errorId ? <ErrorMessage id={errorId}>{error}</ErrorMessage> : null}
      {children}
    </FormGroup>
  );
}
