import type { ReactNode } from "react";
import { cx } from "./cx";

export type ButtonVariant = "primary" | "secondary" | "warning";

const VARIANT_CLASS: Record<ButtonVariant, string | undefined> = {
  primary: undefined,
  secondary: "govuk-button--secondary",
  warning: "govuk-button--warning",
};

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
      className={cx("govuk-button", VARIANT_CLASS[variant], className)}
    >
      {children}
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
  className?: string;
}

/** A link styled as a button (navigation, not form submission). */
export function ButtonLink({
  href,
  children,
  variant = "primary",
  isStartButton = false,
  download,
  className,
}: ButtonLinkProps) {
  const classes = cx(
    "govuk-button",
    VARIANT_CLASS[variant],
    isStartButton && "govuk-button--start",
    className,
  );
  const content = (
    <>
      {children}
      {isStartButton ? (
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
      ) : null}
    </>
  );
  if (download !== undefined && download !== false) {
    return (
      <a href={href} className={classes} download={download === true ? "" : download} draggable={false}>
        {content}
      </a>
    );
  }
  return (
    <a href={href} className={classes} draggable={false}>
      {content}
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
