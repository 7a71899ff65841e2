import type { ReactNode } from "react";
import { cx } from "./cx";

export interface SummaryListAction {
  href: string;
  text: string;
  /** Completes the link text for screen readers, e.g. "name" → "Change name". */
  visuallyHiddenText: string;
}

export interface SummaryListRow {
  key: ReactNode;
  value: ReactNode;
  action?: SummaryListAction;
}

export interface SummaryListProps {
  rows: SummaryListRow[];
  /** Remove the row separators. */
  noBorder?: boolean;
  className?: string;
}

export function SummaryList({ rows, noBorder = false, className }: SummaryListProps) {
  const anyActions = rows.some((row) => row.action !== undefined);
  return (
    <dl className={cx("govuk-summary-list", noBorder && "govuk-summary-list--no-border", className)}>
      {rows.map((row, index) => (
        <div
          key={index}
          className={cx("govuk-summary-list__row", anyActions && !row.action && "govuk-summary-list__row--no-actions")}
        >
          <dt className="govuk-summary-list__key">{row.key}</dt>
          <dd className="govuk-summary-list__value">{row.value}</dd>
          {row.action ? (
            <dd className="govuk-summary-list__actions">
              <a href={row.action.href} className="govuk-link">
                {row.action.text}
                <span className="govuk-visually-hidden"> {row.action.visuallyHiddenText}</span>
              </a>
            </dd>
          ) : null}
        </div>
      ))}
    </dl>
  );
}
