import type { ReactNode } from "react";
import { cx } from "./cx";

export interface SkipLinkProps {
  /** Defaults to "#main-content" (the id MainWrapper renders). */
  href?: string;
  children?: ReactNode;
  classes?: string;
}

/**
 * Must be the first focusable element in <body>. A plain link moves focus without JavaScript;
 * govuk-frontend's script (data-module) also makes the target focusable and hides its outline.
 */
export function SkipLink({ href = "#main-content", children = "Skip to main content", classes }: SkipLinkProps) {
  return (
    <a href={href} className={cx("govuk-skip-link", classes)} data-module="govuk-skip-link">
      {children}
    </a>
  );
}
