// Streaming readers for uploaded files: one row at a time, so a 200,000-row file never sits in
// memory whole. Both formats yield the same shape: the spreadsheet row number and its cells as text.
// Every cap that keeps a hostile file from exhausting the server is applied while streaming, and
// a refusal is thrown as an ImportFileError carrying the message to show.
import { createReadStream } from "node:fs";
import { CsvError, parse } from "csv-parse";
import ExcelJS from "exceljs";
import { ImportFileError, MAX_CELL_LENGTH, MAX_COLUMNS, XLSX_LIMITS, type ImportFormat } from "@/lib/import/limits";
import { openVettedXlsx } from "@/lib/import/xlsx-stream";

export interface SheetRow {
  /** As the spreadsheet shows it: the header is row 1. */
  rowNumber: number;
  cells: string[];
}

/** The same caps for both formats, on each row as it is read. */
function checkedRow(rowNumber: number, cells: string[]): SheetRow {
  if (cells.length > MAX_COLUMNS) throw new ImportFileError("tooManyColumns");
  for (const cell of cells) if (cell.length > MAX_CELL_LENGTH) throw new ImportFileError("cellTooLong");
  return { rowNumber, cells };
}

export async function* readCsvRows(path: string): AsyncGenerator<SheetRow> {
  const parser = createReadStream(path).pipe(
    parse({
      bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: false, trim: false,
      // csv-parse holds a whole record while reading it; past this it stops with CSV_MAX_RECORD_SIZE.
      max_record_size: XLSX_LIMITS.rowBytes,
    }),
  );
  let rowNumber = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      rowNumber += 1;
      yield checkedRow(rowNumber, record);
    }
  } catch (error) {
    if (error instanceof CsvError && error.code === "CSV_MAX_RECORD_SIZE") throw new ImportFileError("tooManyColumns");
    throw error;
  } finally {
    parser.destroy();
  }
}

type CellValue = ExcelJS.CellValue;

/** What the user sees in the cell, as text. Formulas give their cached result, never the formula. */
export function cellText(value: CellValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number") return Number.isInteger(value) ? String(value) : String(value);
  if (typeof value === "boolean") return value ? "yes" : "no";
  // ExcelJS gives date cells as Dates at UTC midnight of the day shown.
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "" : value.toISOString().slice(0, 10);
  if (typeof value === "object") {
    if ("richText" in value && Array.isArray(value.richText)) return value.richText.map((r) => r.text).join("");
    if ("formula" in value || "sharedFormula" in value) {
      const result = (value as { result?: CellValue }).result;
      return result === undefined ? "" : cellText(result as CellValue);
    }
    if ("text" in value && typeof value.text === "string") return value.text;
    if ("error" in value) return "";
  }
  return String(value);
}

export async function* readXlsxRows(path: string): AsyncGenerator<SheetRow> {
  const xlsx = await openVettedXlsx(path);
  try {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(xlsx.stream, {
      worksheets: "emit",
      sharedStrings: "cache",
      hyperlinks: "ignore",
      // Styles tell dates from numbers.
      styles: "cache",
      entries: "ignore",
    });
    // Only the first worksheet is the register, and it is the only one xlsx.stream holds.
    const sheet = await Promise.race([reader[Symbol.asyncIterator]().next(), xlsx.failure]);
    if (sheet.done) throw new ImportFileError("unreadable");
    const rows = sheet.value[Symbol.asyncIterator]();
    for (;;) {
      const next = await Promise.race([rows.next(), xlsx.failure]);
      if (next.done) break;
      const row = next.value;
      // row.values is 1-based with a hole at 0.
      const values = row.values as CellValue[];
      if (values.length > MAX_COLUMNS + 1) throw new ImportFileError("tooManyColumns");
      const cells: string[] = [];
      for (let i = 1; i < values.length; i++) cells.push(cellText(values[i]));
      yield checkedRow(row.number, cells);
    }
  } finally {
    xlsx.close();
  }
}

export function readRows(path: string, format: ImportFormat): AsyncGenerator<SheetRow> {
  return format === "csv" ? readCsvRows(path) : readXlsxRows(path);
}

/** "Site code", "site-code" and "SITE_CODE" all name the column `site_code`. */
export function normaliseHeader(s: string): string {
  return s.trim().toLowerCase().replace(/[\s-]+/g, "_");
}
