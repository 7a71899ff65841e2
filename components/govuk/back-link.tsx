import type { ReactNode } from "react";

export interface BackLinkProps {
  href: string;
  children?: ReactNode;
}

/** Place before <main> content starts (above the h1), not inside a form. */
export function BackLink({ href, children = "Back" }: BackLinkProps) {
  return (
    <a href={href} className="govuk-back-link">
      {children}
    </a>
  );
}
