import type { ReactNode } from "react";
import { cx } from "./cx";

export interface TableHeadCell {
  text: ReactNode;
  numeric?: boolean;
}

export interface TableProps {
  /** Also the accessible name of the scroll region. */
  caption: string;
  captionSize?: "s" | "m" | "l" | "xl";
  /** Keep the caption for screen readers but hide it visually (when a heading above says the same). */
  captionVisuallyHidden?: boolean;
  head: TableHeadCell[];
  rows: ReactNode[][];
  /** 0-based column indexes to right-align with tabular figures (head cells with numeric: true are included too). */
  numericColumns?: number[];
  /** Render the first cell of each row as <th scope="row">. */
  firstCellIsHeader?: boolean;
  /** Shown in a single full-width row when rows is empty. */
  emptyText?: ReactNode;
  className?: string;
}

export function Table({
  caption,
  captionSize = "m",
  captionVisuallyHidden = false,
  head,
  rows,
  numericColumns,
  firstCellIsHeader = false,
  emptyText,
  className,
}: TableProps) {
  const numeric = new Set<number>(numericColumns ?? []);
  head.forEach((cell, index) => {
    if (cell.numeric) numeric.add(index);
  });

  return (
    <div className="app-table-wrapper" role="region" aria-label={caption} tabIndex={0}>
      <table className={cx("govuk-table", className)}>
        <caption
          className={cx(
            "govuk-table__caption",
            `govuk-table__caption--${captionSize}`,
            captionVisuallyHidden && "govuk-visually-hidden",
          )}
        >
          {caption}
        </caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            {head.map((cell, index) => (
              <th
                key={index}
                scope="col"
                className={cx(
                  "govuk-table__header",
                  numeric.has(index) && "govuk-table__header--numeric",
                )}
              >
                {cell.text}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {rows.length === 0 && emptyText !== undefined ? (
            <tr className="govuk-table__row">
              <td className="govuk-table__cell" colSpan={Math.max(head.length, 1)}>
                {emptyText}
              </td>
            </tr>
          ) : null}
          {rows.map((row, rowIndex) => (
            <tr key={rowIndex} className="govuk-table__row">
              {row.map((cell, cellIndex) => {
                const isNumeric = numeric.has(cellIndex);
                if (firstCellIsHeader && cellIndex === 0) {
                  return (
                    <th
                      key={cellIndex}
                      scope="row"
                      className={cx("govuk-table__header", isNumeric && "govuk-table__header--numeric")}
                    >
                      {cell}
                    </th>
                  );
                }
                return (
                  <td
                    key={cellIndex}
                    className={cx("govuk-table__cell", isNumeric && "govuk-table__cell--numeric")}
                  >
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
