import type { ReactNode } from "react";
import { cx } from "./cx";

export interface DetailsProps {
  summary: ReactNode;
  children: ReactNode;
  open?: boolean;
  className?: string;
}

export function Details({ summary, children, open, className }: DetailsProps) {
  return (
    <details className={cx("govuk-details", className)} open={open}>
      <summary className="govuk-details__summary">
        <span className="govuk-details__summary-text">{summary}</span>
      </summary>
      <div className="govuk-details__text">{children}</div>
    </details>
  );
}
