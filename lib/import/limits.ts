/** Upload limits: large enough for a department's whole register, small enough to stay responsive. */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 200_000;
/** Errors kept for display; every error is still counted. */
export const MAX_LISTED_ERRORS = 1_000;

export const LIMIT_MESSAGES = {
  tooLarge: "The selected file must be smaller than 20 MB: split it into smaller files and import them one after another",
  tooManyRows: "The selected file must have 200,000 rows or fewer: split it into smaller files and import them one after another",
  empty: "The selected file is empty",
  noFile: "Select a CSV or XLSX file",
  wrongType: "The selected file must be a CSV or XLSX file",
  noRows: "The selected file has a header row but no devices",
  unreadable: "The selected file could not be read: save it again as CSV (UTF-8) or as an Excel workbook (.xlsx) and upload it again",
} as const;

export type ImportFormat = "csv" | "xlsx";

/** From the file name, confirmed by the first bytes (an XLSX is a zip: "PK\x03\x04"). */
export function detectFormat(filename: string, head: Uint8Array): ImportFormat | null {
  const lower = filename.toLowerCase();
  const isZip = head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04;
  if (lower.endsWith(".xlsx")) return isZip ? "xlsx" : null;
  if (lower.endsWith(".csv") || lower.endsWith(".txt")) return isZip ? null : "csv";
  return null;
}
