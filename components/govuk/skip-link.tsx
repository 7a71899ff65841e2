import type { ReactNode } from "react";

export interface SkipLinkProps {
  /** Defaults to "#main-content" (the id MainWrapper renders). */
  href?: string;
  children?: ReactNode;
}

/** Must be the first focusable element in <body>. A plain <a> so the browser moves focus to the target. */
export function SkipLink({ href = "#main-content", children = "Skip to main content" }: SkipLinkProps) {
  return (
    <a href={href} className="govuk-skip-link">
      {children}
    </a>
  );
}
