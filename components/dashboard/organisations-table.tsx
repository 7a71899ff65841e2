import type { SortableColumn } from "@/components/moj/sortable-table";
import { dashboardSearch, type DashboardQuery, type OrganisationRow, type SortKey } from "@/lib/dashboard/query-types";
import { formatCompleteness, formatCount, formatShortDateTime } from "./format";
import { OrganisationsTableView, type OrganisationTableRow } from "./organisations-table-view";

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

// Rows are shared between requests while the figures are unchanged, so each is formatted once.
const formatted = new WeakMap<OrganisationRow, OrganisationTableRow>();

function tableRow(r: OrganisationRow, snapshot: boolean): OrganisationTableRow {
  const known = formatted.get(r);
  if (known) return known;
  const row: OrganisationTableRow = {
    id: r.id,
    name: r.name,
    acronym: r.acronym,
    depth: r.depth,
    parentName: r.parentName,
    continued: r.continued ?? false,
    status: r.status,
    figures: [
      formatCount(r.sensitiveSites), formatCount(r.breach), formatCount(r.actionDue), formatCount(r.unverified),
      formatCount(r.advisory), formatCount(r.compliant), formatCount(r.coveredRemaining),
      r.probableUnrecorded === null ? "Not in snapshots" : formatCount(r.probableUnrecorded), formatCompleteness(r),
      r.lastChangeAt ? formatShortDateTime(r.lastChangeAt) : snapshot ? "Not in snapshots" : "No changes recorded",
    ],
  };
  formatted.set(r, row);
  return row;
}

interface Column {
  key: SortKey | null;
  text: string;
  numeric?: boolean;
}

function sortColumn(col: Column, query: DashboardQuery): SortableColumn {
  if (col.key === null) return { text: col.text, numeric: col.numeric };
  const active = query.sort === col.key;
  const defaultDir = col.key === "name" ? "asc" : "desc";
  const dir = active ? (query.dir === "asc" ? "desc" : "asc") : defaultDir;
  return {
    text: col.text,
    numeric: col.numeric,
    sort: {
      state: active ? (query.dir === "asc" ? "ascending" : "descending") : "none",
      query: Object.fromEntries(new URLSearchParams(dashboardSearch(query, { sort: col.key, dir }))),
    },
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
    { key: null, text: "Found on the network, not recorded", numeric: true },
    { key: "completeness", text: "Data completeness", numeric: true },
    { key: "lastChange", text: "Last change" },
  ];
  return (
    <OrganisationsTableView
      caption={caption}
      action={`${basePath}#organisations`}
      columns={columns.map((c) => sortColumn(c, query))}
      flat={flat}
      linkOrganisations={linkOrganisations}
      rows={rows.map((r) => tableRow(r, snapshot))}
    />
  );
}
