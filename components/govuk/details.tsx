import type { ReactNode } from "react";
import { cx } from "./cx";

export interface DetailsProps {
  summary: ReactNode;
  children: ReactNode;
  open?: boolean;
  id?: string;
  className?: string;
}

/** Native <details>: it needs no JavaScript, so govuk-frontend gives it no data-module. */
export function Details({ summary, children, open, id, className }: DetailsProps) {
  return (
    <details id={id} className={cx("govuk-details", className)} open={open}>
      <summary className="govuk-details__summary">
        <span className="govuk-details__summary-text">{summary}</span>
      </summary>
      <div className="govuk-details__text">{children}</div>
    </details>
  );
}
