"use client";
import { StatusTag, type OrganisationStatus } from "@/components/govuk/status-tag";
import { SortableTable, type SortableColumn } from "@/components/moj/sortable-table";

/** One organisation's row with its figures already formatted: all the browser needs. */
export interface OrganisationTableRow {
  id: number;
  name: string;
  acronym: string;
  /** 1 for an agency indented beneath its department. */
  depth: 0 | 1;
  /** Set for an agency beneath its department (read out) and in the flat view (a column). */
  parentName: string | null;
  continued: boolean;
  status: OrganisationStatus;
  /** The figure columns, formatted, in the order of the head after the status. */
  figures: string[];
}

export interface OrganisationsTableViewProps {
  caption: string;
  /** Where the sort buttons submit: the page's own address. */
  action: string;
  columns: SortableColumn[];
  rows: OrganisationTableRow[];
  /** Sorted by a figure: the list is flat and the parent department has a column. */
  flat: boolean;
  linkOrganisations: boolean;
}

// A client component so the page sends each row as a few values rather than as markup: the
// dashboard is loaded in every meeting, and markup costs the server twice (as HTML and as the
// payload React hydrates from). It renders the same HTML on the server; nothing here needs
// JavaScript to work.
export function OrganisationsTableView({ caption, action, columns, rows, flat, linkOrganisations }: OrganisationsTableViewProps) {
  return (
    <SortableTable
      caption={caption}
      action={action}
      columns={columns}
      firstCellIsHeader
      emptyText="No organisations match the filters."
      className="app-organisations-table"
      rows={rows.map((r) => {
        const name = (
          <>
            {linkOrganisations ? <a className="govuk-link" href={`/organisations/${r.id}`}>{r.name}</a> : r.name}{" "}
            <span className="text-govuk-secondary-text font-normal">
              ({r.acronym}){r.continued ? ", continued from the previous page" : ""}
            </span>
          </>
        );
        return [
          r.depth === 1 ? (
            <span key="n" className="block border-l-4 border-[#b1b4b6] pl-4 font-normal">
              {name}
              {r.parentName ? <span className="govuk-visually-hidden">, part of {r.parentName}</span> : null}
            </span>
          ) : (
            name
          ),
          ...(flat ? [r.parentName ?? "None"] : []),
          <StatusTag key="s" status={r.status} />,
          ...r.figures,
        ];
      })}
    />
  );
}
