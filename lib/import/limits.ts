/** Upload limits: large enough for a department's whole register, small enough to stay responsive. */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 200_000;
/** Errors kept for display; every error is still counted. */
export const MAX_LISTED_ERRORS = 1_000;
/** File names are stored and shown; a longer one is refused rather than cut short. */
export const MAX_FILE_NAME_LENGTH = 200;

/**
 * Caps that keep one upload's memory and time bounded whatever the file holds. A 409 KB XLSX can
 * unpack to a 400 MB cell, and an XLSX reader holds a cell, a row and every shared string in
 * memory, so each of those has its own cap, checked on the unpacked bytes as they stream past.
 */
export const XLSX_LIMITS = {
  /** Entries in the zip's directory: a workbook has a few dozen. */
  entries: 1_000,
  /** Unpacked size of each part read. A 200,000-row sheet is well under 300 MB of XML. */
  sheetBytes: 300 * 1024 * 1024,
  sharedStringsBytes: 64 * 1024 * 1024,
  stylesBytes: 8 * 1024 * 1024,
  workbookBytes: 2 * 1024 * 1024,
  /** Distinct texts in the shared strings table: a 200,000-row register has at most about 1.2 million. */
  sharedStrings: 2_000_000,
  /** XML of one shared string, and of one row of the sheet. */
  sharedStringBytes: 512 * 1024,
  rowBytes: 4 * 1024 * 1024,
  /**
   * Row elements in the sheet, blank ones included: the 200,000 devices and their header, with
   * room for formatted blank rows. Each costs the reader time even when empty.
   */
  sheetRows: 250_000,
  /**
   * One piece of XML (a tag, a text, a comment): a cell of 32,767 characters written with the
   * longest character references still fits.
   */
  tokenBytes: 320 * 1024,
} as const;

/** As in Excel: no cell holds more, and no sheet has more columns. */
export const MAX_CELL_LENGTH = 32_767;
export const MAX_COLUMNS = 16_384;

/** Files being checked or applied at once: per person, and on the whole server. */
export const MAX_IMPORTS_PER_USER = 1;
export const MAX_IMPORTS_IN_TOTAL = 2;

export const LIMIT_MESSAGES = {
  tooLarge: "The selected file must be smaller than 20 MB: split it into smaller files and import them one after another",
  tooManyRows: "The selected file must have 200,000 rows or fewer: split it into smaller files and import them one after another",
  tooMuchData: "The selected file holds more data than the register can check in one go: split it into smaller files and import them one after another",
  cellTooLong: "The selected file has a cell longer than 32,767 characters, which no column of the register needs: check the file and upload it again",
  tooManyColumns: "The selected file has a row with more than 16,384 columns or more than 4 MB of data: check the file and upload it again",
  empty: "The selected file is empty",
  noFile: "Select a file",
  wrongType: "The selected file must be a CSV or XLSX file",
  noRows: "The selected file has a header row but no devices",
  unreadable: "The selected file could not be read: save it again as CSV (UTF-8) or as an Excel workbook (.xlsx) and upload it again",
  fileNameTooLong: "The file name must be 200 characters or fewer: rename the file and upload it again",
  fileNameUnreadable: "The file name could not be read: rename the file using letters, numbers, spaces and hyphens, and upload it again",
  busyYou: "You already have an import being checked or applied: wait for it to finish, then upload the file again",
  busyService: "The register is checking other imports just now: wait a minute, then upload the file again",
} as const;

export type LimitCode = keyof typeof LIMIT_MESSAGES;

/** A problem with the whole file, found while reading it; its message is shown as it is. */
export class ImportFileError extends Error {
  constructor(readonly code: LimitCode) {
    super(LIMIT_MESSAGES[code]);
    this.name = "ImportFileError";
  }
}

export type ImportFormat = "csv" | "xlsx";

/** From the file name, confirmed by the first bytes (an XLSX is a zip: "PK\x03\x04"). */
export function detectFormat(filename: string, head: Uint8Array): ImportFormat | null {
  const lower = filename.toLowerCase();
  const isZip = head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04;
  if (lower.endsWith(".xlsx")) return isZip ? "xlsx" : null;
  if (lower.endsWith(".csv") || lower.endsWith(".txt")) return isZip ? null : "csv";
  return null;
}
