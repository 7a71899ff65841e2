import type { ReactNode } from "react";
import { cx } from "./cx";

export type ButtonVariant = "primary" | "secondary" | "warning" | "inverse";

const VARIANT_CLASS: Record<ButtonVariant, string | undefined> = {
  primary: undefined,
  secondary: "govuk-button--secondary",
  warning: "govuk-button--warning",
  inverse: "govuk-button--inverse",
};

function StartIcon() {
  return (
    <svg
      className="govuk-button__start-icon"
      xmlns="http://www.w3.org/2000/svg"
      width="17.5"
      height="19"
      viewBox="0 0 33 40"
      aria-hidden="true"
      focusable="false"
    >
      <path fill="currentColor" d="M0 0h13l20 20-20 20H0l20-20z" />
    </svg>
  );
}

export interface ButtonProps {
  children: ReactNode;
  variant?: ButtonVariant;
  type?: "submit" | "button" | "reset";
  name?: string;
  value?: string;
  /** URL only (server actions belong on the <form>). */
  formAction?: string;
  formMethod?: "get" | "post";
  /** Associate with a <form id> elsewhere on the page. */
  form?: string;
  disabled?: boolean;
  /** Adds the start-button arrow. */
  isStartButton?: boolean;
  /**
   * govuk-frontend's JavaScript ignores a second click within a second (a form sent twice).
   * Left unset, the attribute is not written and the script's default applies (clicks allowed).
   */
  preventDoubleClick?: boolean;
  id?: string;
  className?: string;
}

export function Button({
  children,
  variant = "primary",
  type = "submit",
  name,
  value,
  formAction,
  formMethod,
  form,
  disabled = false,
  isStartButton = false,
  preventDoubleClick,
  id,
  className,
}: ButtonProps) {
  return (
    <button
      type={type}
      name={name}
      value={value}
      formAction={formAction}
      formMethod={formMethod}
      form={form}
      id={id}
      disabled={disabled}
      aria-disabled={disabled ? true : undefined}
      data-prevent-double-click={preventDoubleClick === undefined ? undefined : String(preventDoubleClick)}
      className={cx("govuk-button", VARIANT_CLASS[variant], isStartButton && "govuk-button--start", className)}
      data-module="govuk-button"
    >
      {children}
      {isStartButton ? <StartIcon /> : null}
    </button>
  );
}

export interface ButtonLinkProps {
  href: string;
  children: ReactNode;
  variant?: ButtonVariant;
  /** Adds the start-button arrow. */
  isStartButton?: boolean;
  /** For file downloads (e.g. CSV export) — rendered as a plain <a download>. */
  download?: boolean | string;
  id?: string;
  className?: string;
}

/**
 * A link styled as a button (navigation, not form submission). As in govuk-frontend it carries
 * role="button", and the script lets the space bar follow it as it would press a button.
 */
export function ButtonLink({
  href,
  children,
  variant = "primary",
  isStartButton = false,
  download,
  id,
  className,
}: ButtonLinkProps) {
  return (
    <a
      href={href}
      role="button"
      draggable={false}
      download={download === true ? "" : download === false ? undefined : download}
      id={id}
      className={cx("govuk-button", VARIANT_CLASS[variant], isStartButton && "govuk-button--start", className)}
      data-module="govuk-button"
    >
      {children}
      {isStartButton ? <StartIcon /> : null}
    </a>
  );
}

export interface ButtonGroupProps {
  children: ReactNode;
  className?: string;
}

/** Lines up buttons and links (e.g. "Save" + "Cancel") with correct spacing. */
export function ButtonGroup({ children, className }: ButtonGroupProps) {
  return <div className={cx("govuk-button-group", className)}>{children}</div>;
}
