import type { ReactNode } from "react";
import { cx } from "./cx";

export interface BackLinkProps {
  href: string;
  children?: ReactNode;
  /** For a back link on a dark background. */
  inverse?: boolean;
}

/** Place before <main> content starts (above the h1), not inside a form. */
export function BackLink({ href, children = "Back", inverse = false }: BackLinkProps) {
  return (
    <a href={href} className={cx("govuk-back-link", inverse && "govuk-back-link--inverse")}>
      {children}
    </a>
  );
}
