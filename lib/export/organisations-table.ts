import "server-only";
import { neutraliseValue } from "@/lib/export/neutralise";
import { stringify } from "csv-stringify/sync";
import ExcelJS from "exceljs";
import { STATUS_WORDS } from "@/lib/presentation/status-words";
import { formatLongDate } from "@/lib/compliance/dates";
import type { OrganisationRow } from "@/lib/dashboard/query-types";
import type { ComplianceFigures } from "@/lib/figures/types";
import { formatDateTime, percentOf } from "@/lib/presentation/figures-format";
import { figuresBasis } from "@/lib/reports/figures-basis";
import { returnStatusFor } from "@/lib/reports/returns-text";
import type { RoundStatuses } from "@/lib/returns/types";
import { ORG_TYPE_LABELS } from "@/lib/validation/dashboard-options";

// The organisations table of the dashboard as a file. Both formats carry the same columns and the
// same neutralised text, so a spreadsheet cannot run a formula smuggled into an organisation name.

export const PROTECTIVE_MARKING = "OFFICIAL-SENSITIVE";

type Cell = string | number | null;

interface Column {
  header: string;
  width: number;
  value: (row: OrganisationRow) => Cell;
}

const COLUMNS: Column[] = [
  { header: "Organisation", width: 48, value: (r) => r.name },
  { header: "Acronym", width: 10, value: (r) => r.acronym },
  { header: "Type", width: 28, value: (r) => ORG_TYPE_LABELS[r.type] },
  { header: "Parent department", width: 40, value: (r) => r.parentName },
  { header: "Status", width: 20, value: (r) => STATUS_WORDS[r.status] },
  { header: "Sites", width: 8, value: (r) => r.sites },
  { header: "Sensitive sites", width: 10, value: (r) => r.sensitiveSites },
  { header: "Devices", width: 10, value: (r) => r.devices },
  { header: "Breach", width: 9, value: (r) => r.breach },
  { header: "Action due", width: 9, value: (r) => r.actionDue },
  { header: "Unverified", width: 10, value: (r) => r.unverified },
  { header: "Advisory", width: 9, value: (r) => r.advisory },
  { header: "Compliant", width: 10, value: (r) => r.compliant },
  { header: "Removed", width: 9, value: (r) => r.removed },
  { header: "Covered devices remaining on controlled sites", width: 16, value: (r) => r.coveredRemaining },
  { header: "Covered devices removed from controlled sites", width: 16, value: (r) => r.coveredRemoved },
  { header: "Covered devices in service", width: 12, value: (r) => r.coveredInService },
  { header: "Covered devices on core networks", width: 12, value: (r) => r.coveredCore },
  { header: "Probable covered equipment on the network, not recorded", width: 16, value: (r) => r.probableUnrecorded },
  { header: "Data completeness (%)", width: 12, value: (r) => (r.inService === 0 ? null : percentOf(r.completeness)) },
  { header: "Last change", width: 22, value: (r) => r.lastChangeAt },
];

/** Text that a spreadsheet would read as a formula is prefixed with a single quote. */
export { neutraliseCell as neutralise } from "@/lib/export/neutralise";

/** The last column: the department's return in the latest round (an agency's is its department's). */
const RETURN_HEADER = "Return status in the latest round";

function cellsOf(row: OrganisationRow, returns: RoundStatuses | null): Cell[] {
  return [...COLUMNS.map((c) => c.value(row)), returnStatusFor(returns, row) || null].map(neutraliseValue);
}

function headers(returns: RoundStatuses | null): string[] {
  return [...COLUMNS.map((c) => c.header), returns ? `${RETURN_HEADER} (${returns.round.name})` : RETURN_HEADER];
}

export function exportFileName(asOf: string, extension: "csv" | "xlsx"): string {
  return `organisations-compliance-${asOf}.${extension}`;
}

type Basis = Pick<ComplianceFigures, "asOf" | "source">;

/** The file's first line: its marking, what it holds, and whether the figures are live or a snapshot. */
function titleOf(figures: Basis): string {
  return `${PROTECTIVE_MARKING}: organisations' compliance with HCWS386 as of ${figures.asOf} (${figuresBasis(figures)})`;
}

export function organisationsCsv(rows: readonly OrganisationRow[], figures: Basis, returns: RoundStatuses | null = null): string {
  return stringify([[titleOf(figures)], headers(returns), ...rows.map((r) => cellsOf(r, returns))], { bom: true, record_delimiter: "\r\n" });
}

export async function organisationsXlsx(rows: readonly OrganisationRow[], figures: Basis & Pick<ComplianceFigures, "computedAt">, returns: RoundStatuses | null = null): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Estate Camera Register";
  workbook.title = `Organisations' compliance as of ${figures.asOf}`;
  workbook.subject = PROTECTIVE_MARKING;
  const sheet = workbook.addWorksheet("Organisations", {
    views: [{ state: "frozen", ySplit: 3 }],
    pageSetup: { orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
    headerFooter: {
      oddHeader: `&C&B${PROTECTIVE_MARKING}`,
      oddFooter: `&L${PROTECTIVE_MARKING}&RPage &P of &N`,
    },
  });
  sheet.columns = [...COLUMNS.map((c) => ({ width: c.width })), { width: 24 }];
  sheet.addRow([titleOf(figures)]).font = { bold: true, size: 14 };
  sheet.addRow([figures.source === "snapshot" ? `Snapshot taken at the end of ${formatLongDate(figures.asOf)}` : `Figures computed at ${formatDateTime(figures.computedAt)}`]);
  const header = sheet.addRow(headers(returns));
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: "top" };
  for (const row of rows) sheet.addRow(cellsOf(row, returns));
  sheet.autoFilter = { from: { row: 3, column: 1 }, to: { row: 3, column: COLUMNS.length + 1 } };
  const data = await workbook.xlsx.writeBuffer();
  return Buffer.from(data);
}
