import type { ReactNode } from "react";
import { cx } from "./cx";

export type LabelSize = "xl" | "l" | "m" | "s";

export interface FormGroupProps {
  children: ReactNode;
  /** Adds the red left border (govuk-form-group--error). */
  error?: boolean;
  className?: string;
}

export function FormGroup({ children, error = false, className }: FormGroupProps) {
  return <div className={cx("govuk-form-group", error && "govuk-form-group--error", className)}>{children}</div>;
}

export interface LabelProps {
  htmlFor: string;
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
  id: string;
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
  id: string;
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

/** Ids used by every field component: `${id}-hint` and `${id}-error`. */
export function fieldIds(id: string, hint: unknown, error: unknown) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  return { hintId, errorId, describedBy };
}
