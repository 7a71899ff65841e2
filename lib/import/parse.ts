// Streaming readers for uploaded files: one row at a time, so a 200,000-row file never sits in
// memory whole. Both formats yield the same shape: the spreadsheet row number and its cells as text.
import { createReadStream } from "node:fs";
import { parse } from "csv-parse";
import ExcelJS from "exceljs";
import type { ImportFormat } from "@/lib/import/limits";

export interface SheetRow {
  /** As the spreadsheet shows it: the header is row 1. */
  rowNumber: number;
  cells: string[];
}

export async function* readCsvRows(path: string): AsyncGenerator<SheetRow> {
  const parser = createReadStream(path).pipe(
    parse({ bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: false, trim: false }),
  );
  let rowNumber = 0;
  for await (const record of parser as AsyncIterable<string[]>) {
    rowNumber += 1;
    yield { rowNumber, cells: record };
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
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, {
    worksheets: "emit",
    sharedStrings: "cache",
    hyperlinks: "ignore",
    // Styles tell dates from numbers.
    styles: "cache",
    entries: "emit",
  });
  for await (const sheet of reader) {
    for await (const row of sheet) {
      // row.values is 1-based with a hole at 0.
      const values = row.values as CellValue[];
      const cells: string[] = [];
      for (let i = 1; i < values.length; i++) cells.push(cellText(values[i]));
      yield { rowNumber: row.number, cells };
    }
    // Only the first worksheet is the register; others (such as notes) are ignored.
    break;
  }
}

export function readRows(path: string, format: ImportFormat): AsyncGenerator<SheetRow> {
  return format === "csv" ? readCsvRows(path) : readXlsxRows(path);
}

/** "Site code", "site-code" and "SITE_CODE" all name the column `site_code`. */
export function normaliseHeader(s: string): string {
  return s.trim().toLowerCase().replace(/[\s-]+/g, "_");
}
