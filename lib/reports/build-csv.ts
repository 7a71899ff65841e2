import { stringify } from "csv-stringify/sync";
import type { ComplianceFigures } from "@/lib/data/figures";
import { neutraliseCell, ORGANISATION_COLUMNS, organisationRow } from "@/lib/reports/format";

/** The organisations table as CSV (RFC 4180, CRLF), text cells neutralised against formula injection. */
export function buildCsv(figures: ComplianceFigures): string {
  const rows = figures.organisations.map((o) => organisationRow(o).map((v) => (typeof v === "string" ? neutraliseCell(v) : v)));
  return stringify([[...ORGANISATION_COLUMNS], ...rows], { record_delimiter: "\r\n" });
}
