// Spreadsheet formula injection (CWE-1236): a cell that starts with one of these characters may be
// run as a formula when the export is opened. A leading single quote makes it plain text.
const TRIGGERS = new Set(["=", "+", "-", "@", "\t", "\r"]);

export function neutraliseCell(value: string): string {
  return value.length > 0 && TRIGGERS.has(value[0]!) ? `'${value}` : value;
}

/** Numbers, booleans and dates are values, not text, so only strings need neutralising. */
export function neutraliseValue<T>(value: T): T | string {
  return typeof value === "string" ? neutraliseCell(value) : value;
}
