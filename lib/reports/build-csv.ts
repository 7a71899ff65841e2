import { stringify } from "csv-stringify/sync";
import type { ComplianceFigures } from "@/lib/data/figures";
import { neutraliseCell, ORGANISATION_COLUMNS, organisationRow } from "@/lib/reports/format";
import { returnStatusFor } from "@/lib/reports/returns-text";
import type { RoundStatuses } from "@/lib/returns/types";

/** The CSV's columns: the organisations table's, then the latest return round and the department's return in it. */
export const CSV_COLUMNS = [...ORGANISATION_COLUMNS, "Return round", "Return status"] as const;

/**
 * The organisations table as CSV (RFC 4180, CRLF), text cells neutralised against formula
 * injection, each row ending with the return round and its department's status in it.
 */
export function buildCsv(figures: ComplianceFigures, returns: RoundStatuses | null = null): string {
  const rows = figures.organisations.map((o) =>
    [...organisationRow(o), returns ? returns.round.name : "", returnStatusFor(returns, o)].map((v) => (typeof v === "string" ? neutraliseCell(v) : v)),
  );
  return stringify([[...CSV_COLUMNS], ...rows], { record_delimiter: "\r\n" });
}
