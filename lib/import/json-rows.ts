// The API's bulk upsert sends the import's rows as JSON objects instead of a file. Each object's
// values become the cells a file would hold (true and false as yes and no, null as an empty cell,
// as an XLSX reader gives them), and then go through the very checks an uploaded row goes through
// (RowValidator), so the same value is accepted or refused with the same words either way.
// A row's number is its index in the request's `devices`, so "row 3" in a message is devices[3].
import { MAX_LISTED_ERRORS } from "@/lib/import/limits";
import { RowValidator, type RowError } from "@/lib/import/validate-file";
import { IMPORT_COLUMN_NAMES, type ImportColumnName, type ImportRow, type ImportRowContext } from "@/lib/validation/import-row";

/** A problem with one entry of `devices`; `column` null for the entry as a whole. */
export interface RecordError {
  index: number;
  column: string | null;
  message: string;
}

export interface JsonRowsOutcome {
  rows: ImportRow[];
  /** In entry order, at most MAX_LISTED_ERRORS; every problem is counted in errorCount. */
  errors: RecordError[];
  errorCount: number;
  organisationIds: number[];
}

const KNOWN = new Set<string>(IMPORT_COLUMN_NAMES);

/** The cells of one entry, or the problems that keep it from being read as a row at all. */
function cellsOf(value: unknown, index: number): { ok: true; cells: Record<string, string> } | { ok: false; errors: RecordError[] } {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return { ok: false, errors: [{ index, column: null, message: "Each device must be a JSON object whose fields are the import's columns" }] };
  }
  const cells: Record<string, string> = Object.create(null) as Record<string, string>;
  const errors: RecordError[] = [];
  for (const key of Object.keys(value)) {
    const v = (value as Record<string, unknown>)[key];
    if (!KNOWN.has(key)) {
      errors.push({ index, column: key, message: `${key} is not one of the import's columns: see docs/IMPORT.md for their names` });
    } else if (typeof v === "string") {
      cells[key] = v;
    } else if (typeof v === "number" && Number.isFinite(v)) {
      cells[key] = String(v);
    } else if (typeof v === "boolean") {
      cells[key] = v ? "yes" : "no";
    } else if (v === null) {
      cells[key] = "";
    } else {
      errors.push({ index, column: key, message: `${key} must be text, a number, true, false or null` });
    }
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, cells };
}

/** Validates the entries as import rows: the valid rows, or every problem (the first 1,000 listed). */
export function validateJsonRows(records: readonly unknown[], ctx: ImportRowContext): JsonRowsOutcome {
  const outcome: JsonRowsOutcome = { rows: [], errors: [], errorCount: 0, organisationIds: [] };
  const validator = new RowValidator(ctx);
  const organisations = new Set<number>();
  const add = (e: RecordError) => {
    outcome.errorCount += 1;
    if (outcome.errors.length < MAX_LISTED_ERRORS) outcome.errors.push(e);
  };
  records.forEach((record, index) => {
    const read = cellsOf(record, index);
    if (!read.ok) {
      read.errors.forEach(add);
      return;
    }
    const result = validator.check(index, read.cells);
    if (!result.ok) {
      for (const e of result.errors) add({ index: e.row, column: e.column, message: e.message });
      return;
    }
    organisations.add(result.row.organisationId);
    // A file that fails is not applied, so its valid rows need not be kept once one has failed.
    if (outcome.errorCount === 0) outcome.rows.push(result.row);
  });
  if (outcome.errorCount > 0) outcome.rows = [];
  outcome.organisationIds = [...organisations].sort((a, b) => a - b);
  return outcome;
}

/** Problems the register found (runImport's conflicts), named by entry. */
export function recordErrorsOf(errors: readonly RowError[]): RecordError[] {
  return errors.map((e) => ({ index: e.row, column: e.column as ImportColumnName | null, message: e.message }));
}

export async function* rowsOf(rows: readonly ImportRow[]): AsyncGenerator<ImportRow> {
  yield* rows;
}
