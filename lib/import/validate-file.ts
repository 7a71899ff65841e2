// Reads an uploaded file row by row, validates every row, and writes the valid rows as NDJSON for
// the preview and the confirmation. Every error is counted; the first MAX_LISTED_ERRORS are kept.
import { createWriteStream } from "node:fs";
import { once } from "node:events";
import { ImportFileError, LIMIT_MESSAGES, MAX_IMPORT_ROWS, MAX_LISTED_ERRORS, type ImportFormat } from "@/lib/import/limits";
import { normaliseHeader, readRows, type SheetRow } from "@/lib/import/parse";
import {
  IMPORT_COLUMN_NAMES,
  describeCellError,
  validateImportRow,
  type ImportColumnName,
  type ImportRow,
  type ImportRowContext,
  type ImportSite,
} from "@/lib/validation/import-row";

export interface RowError {
  row: number;
  column: ImportColumnName | null;
  message: string;
}

export interface ValidationOutcome {
  /** Data rows read (blank rows are skipped). */
  rows: number;
  validRows: number;
  errorCount: number;
  /** In row order, at most MAX_LISTED_ERRORS. */
  errors: RowError[];
  /** A problem with the whole file (size, rows, header): nothing else is reported. */
  fileError: string | null;
  ignoredColumns: string[];
  organisationIds: number[];
}

export function formatRowError(e: RowError): string {
  return e.column ? describeCellError(e.row, { column: e.column, message: e.message }) : `Row ${e.row}: ${e.message}`;
}

const SITE_COLUMNS: readonly [keyof ImportSite, ImportColumnName][] = [
  ["name", "site_name"], ["addressLine1", "address_line1"], ["town", "town"], ["postcode", "postcode"],
  ["sensitivity", "sensitivity"], ["holdsSecretMaterial", "holds_secret_material"], ["hostsDvStaff", "hosts_dv_staff"],
  ["usedByMinisters", "used_by_ministers"], ["socpaDesignated", "socpa_designated"],
  ["controlsExtended", "controls_extended"], ["sensitiveSince", "sensitive_since"],
];

/** Checks that need more than one row: a device listed twice, a new site described two ways. */
class CrossRowChecks {
  private readonly assetTags = new Map<string, number>();
  private readonly serials = new Map<string, number>();
  private readonly macs = new Map<string, number>();
  private readonly newSites = new Map<string, { row: number; site: ImportSite; epimsId: string | null }>();
  private readonly newSiteEpims = new Map<string, { row: number; key: string }>();

  check(r: ImportRow): RowError[] {
    const errors: RowError[] = [];
    const org = r.organisationId;
    const seen = (map: Map<string, number>, value: string | null, column: ImportColumnName, label: string) => {
      if (value === null) return;
      const key = `${org}\u0000${value}`;
      const first = map.get(key);
      if (first === undefined) map.set(key, r.row);
      else errors.push({ row: r.row, column, message: `${label} ${value} is also on row ${first}: list each device once` });
    };
    seen(this.assetTags, r.assetTag, "asset_tag", "Asset tag");
    seen(this.serials, r.serial, "serial", "Serial number");
    // A MAC address is only the device's key when it has neither asset tag nor serial.
    if (r.assetTag === null && r.serial === null) seen(this.macs, r.mac, "mac", "MAC address");

    if (r.site !== null && r.siteCode !== null) {
      const key = `${org}\u0000${r.siteCode}`;
      const first = this.newSites.get(key);
      if (!first) {
        this.newSites.set(key, { row: r.row, site: r.site, epimsId: r.epimsId });
        if (r.epimsId !== null) {
          const other = this.newSiteEpims.get(r.epimsId);
          if (other && other.key !== key) {
            errors.push({ row: r.row, column: "epims_id", message: `ePIMS ID ${r.epimsId} is also given to a different site on row ${other.row}` });
          } else {
            this.newSiteEpims.set(r.epimsId, { row: r.row, key });
          }
        }
      } else {
        for (const [field, column] of SITE_COLUMNS) {
          if (first.site[field] !== r.site[field]) {
            errors.push({ row: r.row, column, message: `Site ${r.siteCode} is described differently on row ${first.row}: give a new site the same details on every row` });
            break;
          }
        }
        if (first.epimsId !== r.epimsId) {
          errors.push({ row: r.row, column: "epims_id", message: `Site ${r.siteCode} has a different ePIMS ID on row ${first.row}` });
        }
      }
    }
    return errors;
  }
}

/**
 * One row's cells (column name → text) through the import's checks: the row on its own
 * (validateImportRow), then against the rows before it. The file upload and the API's bulk upsert
 * both validate through this, so a row one accepts the other accepts too.
 */
export class RowValidator {
  private readonly cross = new CrossRowChecks();

  constructor(private readonly ctx: ImportRowContext) {}

  check(rowNumber: number, cells: Readonly<Record<string, string>>): { ok: true; row: ImportRow } | { ok: false; errors: RowError[] } {
    const result = validateImportRow(rowNumber, cells, this.ctx);
    if (!result.ok) return { ok: false, errors: result.errors.map((e) => ({ row: rowNumber, column: e.column, message: e.message })) };
    const crossErrors = this.cross.check(result.row);
    return crossErrors.length > 0 ? { ok: false, errors: crossErrors } : result;
  }
}

async function writeLine(out: NodeJS.WritableStream, line: string): Promise<void> {
  if (!out.write(line)) await once(out, "drain");
}

/**
 * Validates `inputPath` and writes the valid rows to `outputPath` (NDJSON, one ImportRow a line).
 * `onProgress` is told the number of rows read, every few thousand rows.
 */
export async function validateFile(
  inputPath: string,
  format: ImportFormat,
  outputPath: string,
  ctx: ImportRowContext,
  onProgress?: (rows: number) => void,
): Promise<ValidationOutcome> {
  const outcome: ValidationOutcome = {
    rows: 0, validRows: 0, errorCount: 0, errors: [], fileError: null, ignoredColumns: [], organisationIds: [],
  };
  const organisations = new Set<number>();
  const validator = new RowValidator(ctx);
  const out = createWriteStream(outputPath, { encoding: "utf8" });
  const addError = (e: RowError) => {
    outcome.errorCount += 1;
    if (outcome.errors.length < MAX_LISTED_ERRORS) outcome.errors.push(e);
  };

  let header: (string | null)[] | null = null;
  const known = new Set<string>(IMPORT_COLUMN_NAMES);
  try {
    let rows: AsyncGenerator<SheetRow>;
    try {
      rows = readRows(inputPath, format);
    } catch {
      outcome.fileError = LIMIT_MESSAGES.unreadable;
      return outcome;
    }
    for await (const { rowNumber, cells } of rows) {
      if (cells.every((c) => c.trim() === "")) continue;
      if (header === null) {
        const names = cells.map(normaliseHeader);
        const problem = headerProblem(names, ctx.defaultOrganisationId !== null);
        if (problem) {
          outcome.fileError = problem;
          return outcome;
        }
        header = names.map((n) => (known.has(n) ? n : null));
        outcome.ignoredColumns = names.filter((n) => n !== "" && !known.has(n));
        continue;
      }
      outcome.rows += 1;
      if (outcome.rows > MAX_IMPORT_ROWS) {
        outcome.fileError = LIMIT_MESSAGES.tooManyRows;
        outcome.errors = [];
        outcome.errorCount = 0;
        return outcome;
      }
      const record: Record<string, string> = {};
      for (let i = 0; i < header.length; i++) {
        const name = header[i];
        if (name) record[name] = cells[i] ?? "";
      }
      const result = validator.check(rowNumber, record);
      if (!result.ok) {
        for (const e of result.errors) addError(e);
      } else {
        outcome.validRows += 1;
        organisations.add(result.row.organisationId);
        await writeLine(out, `${JSON.stringify(result.row)}\n`);
      }
      if (onProgress && outcome.rows % 5_000 === 0) onProgress(outcome.rows);
    }
  } catch (error) {
    outcome.fileError = error instanceof ImportFileError ? error.message : LIMIT_MESSAGES.unreadable;
    outcome.errors = [];
    outcome.errorCount = 0;
    return outcome;
  } finally {
    out.end();
    await once(out, "close");
  }
  if (header === null) outcome.fileError = LIMIT_MESSAGES.empty;
  else if (outcome.rows === 0) outcome.fileError = LIMIT_MESSAGES.noRows;
  outcome.organisationIds = [...organisations].sort((a, b) => a - b);
  onProgress?.(outcome.rows);
  return outcome;
}

function headerProblem(names: string[], organisationOptional: boolean): string | null {
  const present = new Set<string>();
  for (const n of names) {
    if (n === "") continue;
    if (present.has(n)) return `The file has two columns called ${n}: keep one of them`;
    present.add(n);
  }
  const missing: string[] = [];
  if (!organisationOptional && !present.has("organisation")) missing.push("organisation");
  if (!present.has("site_code") && !present.has("epims_id")) missing.push("site_code");
  for (const n of ["kind", "brand"]) if (!present.has(n)) missing.push(n);
  if (missing.length === 0) return null;
  const list = missing.length === 1 ? `a column called ${missing[0]}` : `columns called ${missing.join(", ")}`;
  return `The first row of the file must be the column names, including ${list}: download the template to see the columns`;
}

/** Reads the stored valid rows back, one at a time. */
export async function* readValidatedRows(path: string): AsyncGenerator<ImportRow> {
  const { createInterface } = await import("node:readline");
  const { createReadStream } = await import("node:fs");
  const lines = createInterface({ input: createReadStream(path, { encoding: "utf8" }), crlfDelay: Infinity });
  for await (const line of lines) {
    if (line !== "") yield JSON.parse(line) as ImportRow;
  }
}
