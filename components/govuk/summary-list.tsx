import type { ReactNode } from "react";
import { cx } from "./cx";

export interface SummaryListAction {
  href: string;
  text: ReactNode;
  /** Completes the link text for screen readers, e.g. "name" → "Change name". */
  visuallyHiddenText?: string;
}

export interface SummaryListRow {
  key: ReactNode;
  value: ReactNode;
  /** One action (e.g. "Change"); use `actions` for several. */
  action?: SummaryListAction;
  actions?: SummaryListAction[];
  /** No separator under this row (e.g. the last row above a button). */
  noBorder?: boolean;
}

export interface SummaryCard {
  title: ReactNode;
  /** Level of the card's title (default 2). */
  headingLevel?: 2 | 3 | 4;
  /** Actions on the whole card (e.g. "Remove system"). Screen readers hear the card's title after each. */
  actions?: SummaryListAction[];
}

export interface SummaryListProps {
  rows: SummaryListRow[];
  /** Remove the row separators. */
  noBorder?: boolean;
  /** Put the list in a summary card: a titled box, for one of several records on a page. */
  card?: SummaryCard;
  className?: string;
}

function ActionLink({ action, cardTitle }: { action: SummaryListAction; cardTitle?: ReactNode }) {
  const hidden = action.visuallyHiddenText || cardTitle;
  return (
    <a className="govuk-link" href={action.href}>
      {action.text}
      {hidden ? (
        <span className="govuk-visually-hidden">
          {action.visuallyHiddenText ? ` ${action.visuallyHiddenText}` : null}
          {cardTitle ? <> ({cardTitle})</> : null}
        </span>
      ) : null}
    </a>
  );
}

function rowActions(row: SummaryListRow): SummaryListAction[] {
  return [...(row.action ? [row.action] : []), ...(row.actions ?? [])];
}

export function SummaryList({ rows, noBorder = false, card, className }: SummaryListProps) {
  const anyActions = rows.some((row) => rowActions(row).length > 0);
  const list = (
    <dl className={cx("govuk-summary-list", noBorder && "govuk-summary-list--no-border", className)}>
      {rows.map((row, index) => {
        const actions = rowActions(row);
        return (
          <div
            key={index}
            className={cx(
              "govuk-summary-list__row",
              anyActions && actions.length === 0 && "govuk-summary-list__row--no-actions",
              row.noBorder && "govuk-summary-list__row--no-border",
            )}
          >
            <dt className="govuk-summary-list__key">{row.key}</dt>
            <dd className="govuk-summary-list__value">{row.value}</dd>
            {actions.length === 1 ? (
              <dd className="govuk-summary-list__actions">
                <ActionLink action={actions[0]!} cardTitle={card?.title} />
              </dd>
            ) : actions.length > 1 ? (
              <dd className="govuk-summary-list__actions">
                <ul className="govuk-summary-list__actions-list">
                  {actions.map((action, i) => (
                    <li key={i} className="govuk-summary-list__actions-list-item">
                      <ActionLink action={action} cardTitle={card?.title} />
                    </li>
                  ))}
                </ul>
              </dd>
            ) : null}
          </div>
        );
      })}
    </dl>
  );
  if (!card) return list;
  const H = `h${card.headingLevel ?? 2}` as "h2" | "h3" | "h4";
  const cardActions = card.actions ?? [];
  return (
    <div className="govuk-summary-card">
      <div className="govuk-summary-card__title-wrapper">
        <H className="govuk-summary-card__title">{card.title}</H>
        {cardActions.length === 1 ? (
          <div className="govuk-summary-card__actions">
            <ActionLink action={cardActions[0]!} cardTitle={card.title} />
          </div>
        ) : cardActions.length > 1 ? (
          <ul className="govuk-summary-card__actions">
            {cardActions.map((action, i) => (
              <li key={i} className="govuk-summary-card__action">
                <ActionLink action={action} cardTitle={card.title} />
              </li>
            ))}
          </ul>
        ) : null}
      </div>
      <div className="govuk-summary-card__content">{list}</div>
    </div>
  );
}
