// The register as a spreadsheet: the import's columns first (so an export can be edited and
// imported again), then the stored status and findings. Every text cell is neutralised so a
// spreadsheet never runs it as a formula.
import { PassThrough, Readable } from "node:stream";
import ExcelJS from "exceljs";
import { neutraliseCell } from "@/lib/export/neutralise";
import { IMPORT_COLUMN_NAMES } from "@/lib/validation/import-row";

export interface RegisterExportRow {
  id: number;
  organisation: string;
  site_code: string;
  epims_id: string | null;
  site_name: string;
  address_line1: string;
  town: string;
  postcode: string;
  sensitivity: string;
  holds_secret_material: boolean;
  hosts_dv_staff: boolean;
  used_by_ministers: boolean;
  socpa_designated: boolean;
  controls_extended: boolean;
  sensitive_since: string | null;
  system: string | null;
  kind: string;
  brand: string;
  model: string | null;
  serial: string | null;
  asset_tag: string | null;
  mac: string | null;
  ip: string | null;
  installed_on: string | null;
  network: string;
  vendor_cloud: boolean | null;
  lifecycle: string;
  decommissioned_on: string | null;
  removed_on: string | null;
  removal_evidence: string | null;
  notes: string | null;
  status: string | null;
  producer_name: string | null;
  findings: unknown;
  evaluated_on: string | null;
}

export const EXPORT_EXTRA_COLUMNS = ["status", "producer", "findings", "finding_rules", "evaluated_on"] as const;
export const EXPORT_COLUMNS: readonly string[] = [...IMPORT_COLUMN_NAMES, ...EXPORT_EXTRA_COLUMNS];

const STATUS_WORDS: Record<string, string> = {
  BREACH: "Breach", ACTION_DUE: "Action due", UNVERIFIED: "Unverified", ADVISORY: "Advisory",
  COMPLIANT: "Compliant", REMOVED: "Removed",
};

/** "NOT_SENSITIVE" → "Not sensitive": words a person reads and the import accepts back. */
export function enumWords(value: string): string {
  const s = value.toLowerCase().replace(/_/g, " ");
  return s.charAt(0).toUpperCase() + s.slice(1);
}

const yesNo = (b: boolean) => (b ? "yes" : "no");

function formatMac(mac: string | null): string {
  if (!mac) return "";
  return mac.length === 12 ? mac.match(/../g)!.join(":") : mac;
}

interface FindingLike {
  ruleId?: unknown;
  message?: unknown;
}

function findingsOf(value: unknown): FindingLike[] {
  return Array.isArray(value) ? (value as FindingLike[]) : [];
}

/** One row's cells, in EXPORT_COLUMNS order, neutralised. */
export function exportCells(r: RegisterExportRow): string[] {
  const findings = findingsOf(r.findings);
  const cells = [
    r.organisation, r.site_code, r.epims_id ?? "", r.site_name, r.address_line1, r.town, r.postcode,
    enumWords(r.sensitivity), yesNo(r.holds_secret_material), yesNo(r.hosts_dv_staff), yesNo(r.used_by_ministers),
    yesNo(r.socpa_designated), yesNo(r.controls_extended), r.sensitive_since ?? "", r.system ?? "",
    enumWords(r.kind), r.brand, r.model ?? "", r.serial ?? "", r.asset_tag ?? "", formatMac(r.mac), r.ip ?? "",
    r.installed_on ?? "", enumWords(r.network), r.vendor_cloud === null ? "unknown" : yesNo(r.vendor_cloud),
    enumWords(r.lifecycle), r.decommissioned_on ?? "", r.removed_on ?? "", r.removal_evidence ?? "", r.notes ?? "",
    r.status ? (STATUS_WORDS[r.status] ?? r.status) : "Not evaluated",
    r.producer_name ?? "",
    findings.map((f) => String(f.message ?? "")).join("; "),
    findings.map((f) => String(f.ruleId ?? "")).join("; "),
    r.evaluated_on ?? "",
  ];
  return cells.map(neutraliseCell);
}

function csvField(s: string): string {
  return /[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLine(cells: readonly string[]): string {
  return `${cells.map(csvField).join(",")}\r\n`;
}

/** CSV with a byte-order mark, so Excel opens it as UTF-8. */
export function registerCsvStream(pages: AsyncIterable<RegisterExportRow[]>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  async function* lines(): AsyncGenerator<Uint8Array> {
    yield encoder.encode(`\uFEFF${csvLine(EXPORT_COLUMNS)}`);
    for await (const page of pages) {
      let chunk = "";
      for (const r of page) chunk += csvLine(exportCells(r));
      yield encoder.encode(chunk);
    }
  }
  return Readable.toWeb(Readable.from(lines())) as ReadableStream<Uint8Array>;
}

/** XLSX written as it streams: ExcelJS's WorkbookWriter commits each row and keeps none. */
export function registerXlsxStream(pages: AsyncIterable<RegisterExportRow[]>, title: string): ReadableStream<Uint8Array> {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  workbook.creator = "Estate Camera Register";
  const sheet = workbook.addWorksheet("Register", {
    headerFooter: { oddHeader: "&COFFICIAL-SENSITIVE", oddFooter: `&L${title}&ROFFICIAL-SENSITIVE` },
    views: [{ state: "frozen", ySplit: 1 }],
  });
  (async () => {
    const header = sheet.addRow([...EXPORT_COLUMNS]);
    header.font = { bold: true };
    header.commit();
    for await (const page of pages) {
      for (const r of page) sheet.addRow(exportCells(r)).commit();
      // Wait for the reader, so a slow download does not pile the register up in memory.
      if (out.writableNeedDrain) await new Promise((resolve) => out.once("drain", resolve));
    }
    sheet.commit();
    await workbook.commit();
  })().catch((error: unknown) => out.destroy(error instanceof Error ? error : new Error(String(error))));
  return Readable.toWeb(out) as ReadableStream<Uint8Array>;
}
