import type { ReactNode } from "react";
import { cx } from "@/components/govuk";

// MOJ Frontend's sortable table headers (moj/components/sortable-table): aria-sort on each sortable
// <th>, a button inside it with MOJ's arrow, styled by MOJ's `[aria-sort] button` rules. MOJ's own
// script sorts the rows in the browser, which on a paginated list would sort one page only, so it
// is not started here (no data-module): each button submits a GET form that asks the server for
// the list in that order, keeping the filters. It works without JavaScript.

export type AriaSort = "ascending" | "descending" | "none";

export interface SortableColumn {
  text: string;
  numeric?: boolean;
  /** Absent for a column that cannot be sorted. */
  sort?: {
    state: AriaSort;
    /** The query string a press submits: the current filters, this column, and the direction. */
    query: Readonly<Record<string, string>>;
  };
}

// MOJ's arrows, exactly as its script draws them (sortable-table.mjs).
const PATHS: Record<AriaSort, string[]> = {
  ascending: ["M6.5625 15.5L11 6.63125L15.4375 15.5H6.5625Z"],
  descending: ["M15.4375 7L11 15.8687L6.5625 7L15.4375 7Z"],
  none: ["M8.1875 9.5L10.9609 3.95703L13.7344 9.5H8.1875Z", "M13.7344 12.0781L10.9609 17.6211L8.1875 12.0781H13.7344Z"],
};

export function SortArrow({ state }: { state: AriaSort }) {
  return (
    <svg width="22" height="22" focusable="false" aria-hidden="true" role="img" viewBox="0 0 22 22" fill="none" xmlns="http://www.w3.org/2000/svg">
      {PATHS[state].map((d) => (
        <path key={d} d={d} fill="currentColor" />
      ))}
    </svg>
  );
}

export interface SortableTableProps {
  /** Also the accessible name of the scroll region. */
  caption: string;
  captionVisuallyHidden?: boolean;
  /** Where the sort forms submit (the list's own path). */
  action: string;
  columns: readonly SortableColumn[];
  rows: readonly ReactNode[][];
  firstCellIsHeader?: boolean;
  emptyText?: ReactNode;
  /** Classes for cells of each column (e.g. no wrapping for codes), by column index. */
  cellClassNames?: Readonly<Record<number, string>>;
  className?: string;
}

export function SortableTable({
  caption,
  captionVisuallyHidden = false,
  action,
  columns,
  rows,
  firstCellIsHeader = false,
  emptyText,
  cellClassNames = {},
  className,
}: SortableTableProps) {
  return (
    <div className="app-table-wrapper" role="region" aria-label={caption} tabIndex={0}>
      <table className={cx("govuk-table", className)}>
        <caption className={cx("govuk-table__caption govuk-table__caption--m", captionVisuallyHidden && "govuk-visually-hidden")}>
          {caption}
          {/* What MOJ's script adds to the caption, for the same buttons. */}
          <span className="govuk-visually-hidden"> (column headers with buttons are sortable).</span>
        </caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            {columns.map((column) => (
              <th
                key={column.text}
                scope="col"
                className={cx("govuk-table__header", column.numeric && "govuk-table__header--numeric")}
                aria-sort={column.sort?.state}
              >
                {column.sort ? (
                  <form method="get" action={action}>
                    {Object.entries(column.sort.query).map(([name, value]) => (
                      <input key={name} type="hidden" name={name} value={value} />
                    ))}
                    <button type="submit">
                      {column.text}
                      <SortArrow state={column.sort.state} />
                    </button>
                  </form>
                ) : (
                  column.text
                )}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {rows.length === 0 && emptyText !== undefined ? (
            <tr className="govuk-table__row">
              <td className="govuk-table__cell" colSpan={columns.length}>
                {emptyText}
              </td>
            </tr>
          ) : null}
          {rows.map((row, r) => (
            <tr key={r} className="govuk-table__row">
              {row.map((cell, c) => {
                const numeric = columns[c]?.numeric;
                const className = cx(
                  firstCellIsHeader && c === 0 ? "govuk-table__header" : "govuk-table__cell",
                  numeric && (firstCellIsHeader && c === 0 ? "govuk-table__header--numeric" : "govuk-table__cell--numeric"),
                  cellClassNames[c],
                );
                return firstCellIsHeader && c === 0 ? (
                  <th key={c} scope="row" className={className}>
                    {cell}
                  </th>
                ) : (
                  <td key={c} className={className}>
                    {cell}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
