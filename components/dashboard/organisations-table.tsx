import Link from "next/link";
import { StatusTag, Table, type TableHeadCell } from "@/components/govuk";
import { dashboardSearch, type DashboardQuery, type OrganisationRow, type SortKey } from "@/lib/data/dashboard";
import { formatCount, formatShare, formatShortDateTime } from "./format";

export interface OrganisationsTableProps {
  rows: OrganisationRow[];
  query: DashboardQuery;
  /** Base path the sort links go to (the dashboard). */
  basePath: string;
  /** Link organisation names to their pages (roles that may see an organisation's sites). */
  linkOrganisations: boolean;
  caption: string;
  /** Snapshots do not record when an organisation's register last changed. */
  snapshot?: boolean;
}

interface Column {
  key: SortKey | null;
  text: string;
  numeric?: boolean;
}

function sortHead(col: Column, query: DashboardQuery, basePath: string): TableHeadCell {
  if (col.key === null) return { text: col.text, numeric: col.numeric };
  const active = query.sort === col.key;
  const defaultDir = col.key === "name" ? "asc" : "desc";
  const dir = active ? (query.dir === "asc" ? "desc" : "asc") : defaultDir;
  return {
    text: col.text,
    numeric: col.numeric,
    sortHref: `${basePath}${dashboardSearch(query, { sort: col.key, dir })}#organisations`,
    sort: active ? (query.dir === "asc" ? "ascending" : "descending") : "none",
  };
}

/** Every organisation with its status and counts; agencies indented under their department. */
export function OrganisationsTable({ rows, query, basePath, linkOrganisations, caption, snapshot = false }: OrganisationsTableProps) {
  const flat = query.sort !== "name";
  const columns: Column[] = [
    { key: "name", text: "Organisation" },
    ...(flat ? [{ key: null, text: "Parent department" }] : []),
    { key: "status", text: "Status" },
    { key: "sensitiveSites", text: "Sensitive sites", numeric: true },
    { key: "breach", text: "Breach", numeric: true },
    { key: "actionDue", text: "Action due", numeric: true },
    { key: "unverified", text: "Unverified", numeric: true },
    { key: null, text: "Advisory", numeric: true },
    { key: null, text: "Compliant", numeric: true },
    { key: "coveredRemaining", text: "Covered devices remaining", numeric: true },
    { key: "completeness", text: "Data completeness", numeric: true },
    { key: "lastChange", text: "Last change" },
  ];
  return (
    <Table
      caption={caption}
      head={columns.map((c) => sortHead(c, query, basePath))}
      firstCellIsHeader
      emptyText="No organisations match the filters."
      rows={rows.map((r) => {
        const name = linkOrganisations ? (
          <Link className="govuk-link" href={`/organisations/${r.id}`}>{r.name}</Link>
        ) : (
          r.name
        );
        const nameCell = (
          <span className={r.depth === 1 ? "block min-w-56 border-l-4 border-[#b1b4b6] pl-4 font-normal" : "block min-w-56"}>
            {name} <span className="govuk-secondary-text font-normal">({r.acronym}){r.continued ? ", continued from the previous page" : ""}</span>
            {r.depth === 1 && r.parentName ? <span className="govuk-visually-hidden">, part of {r.parentName}</span> : null}
          </span>
        );
        return [
          nameCell,
          ...(flat ? [r.parentName ?? "None"] : []),
          <StatusTag key="s" status={r.status} />,
          formatCount(r.sensitiveSites),
          formatCount(r.breach),
          formatCount(r.actionDue),
          formatCount(r.unverified),
          formatCount(r.advisory),
          formatCount(r.compliant),
          formatCount(r.coveredRemaining),
          formatShare(r.completeness),
          <span key="c" className="whitespace-nowrap">{r.lastChangeAt ? formatShortDateTime(r.lastChangeAt) : snapshot ? "Not in snapshots" : "No changes recorded"}</span>,
        ];
      })}
    />
  );
}
