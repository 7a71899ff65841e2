/**
 * ISO `YYYY-MM-DD` helpers. Valid ISO dates order correctly as plain strings, so the engine compares
 * them with `<` and never builds Date objects on the hot path. Day arithmetic uses the proleptic
 * Gregorian day count directly (the same calendar as Date.UTC) because Date.UTC maps years 0–99
 * to 1900–1999 and a Date detour would only add allocation.
 */

export const MIN_ISO_DATE = "0001-01-01";
export const MAX_ISO_DATE = "9999-12-31";

const MONTH_NAMES = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
] as const;

function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeapYear(y) ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

function digit(s: string, i: number): number {
  const c = s.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : -1;
}

function parseParts(s: string): [number, number, number] | null {
  if (s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return null;
  const d = [0, 1, 2, 3, 5, 6, 8, 9].map((i) => digit(s, i));
  if (d.some((x) => x < 0)) return null;
  const [y0 = 0, y1 = 0, y2 = 0, y3 = 0, m0 = 0, m1 = 0, d0 = 0, d1 = 0] = d;
  return [y0 * 1000 + y1 * 100 + y2 * 10 + y3, m0 * 10 + m1, d0 * 10 + d1];
}

/** True for a real calendar date written exactly as `YYYY-MM-DD`, years 0001–9999. */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== "string") return false;
  const parts = parseParts(value);
  if (parts === null) return false;
  const [y, m, d] = parts;
  return y >= 1 && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, "0");
}

/** Days since 1970-01-01 (negative before it). Assumes a valid ISO date. */
export function toEpochDay(iso: string): number {
  const parts = parseParts(iso);
  if (parts === null) throw new RangeError(`Not an ISO date: ${iso}`);
  const [year, m, d] = parts;
  // Counting years from March puts the leap day last, so month lengths follow a fixed pattern.
  const y = m <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

const MIN_EPOCH_DAY = toEpochDay(MIN_ISO_DATE);
const MAX_EPOCH_DAY = toEpochDay(MAX_ISO_DATE);

/**
 * The ISO date of an epoch day, clamped to 0001-01-01..9999-12-31 so that the result still
 * compares correctly as a string (a five-digit year would sort before "2025").
 */
export function fromEpochDay(day: number): string {
  const z0 = Math.min(Math.max(Math.trunc(day), MIN_EPOCH_DAY), MAX_EPOCH_DAY) + 719468;
  const era = Math.floor(z0 / 146097);
  const doe = z0 - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
}

// Memos turn date arithmetic and formatting into lookups on the hot path. The bound covers every
// day of more than a century, so real data never thrashes, while arbitrary input cannot grow it
// without limit. The add-days memo is keyed by day count, then date, to avoid building a
// composite key string on every call.
const CACHE_LIMIT = 65_536;
const addDaysCache = new Map<number, Map<string, string>>();
let addDaysCacheSize = 0;

/** `iso` plus `days` calendar days (days may be negative); clamped to the four-digit-year range. */
export function addDays(iso: string, days: number): string {
  let byDate = addDaysCache.get(days);
  const hit = byDate?.get(iso);
  if (hit !== undefined) return hit;
  const result = fromEpochDay(toEpochDay(iso) + days);
  if (addDaysCacheSize >= CACHE_LIMIT) {
    addDaysCache.clear();
    addDaysCacheSize = 0;
    byDate = undefined;
  }
  if (byDate === undefined) {
    byDate = new Map();
    addDaysCache.set(days, byDate);
  }
  byDate.set(iso, result);
  addDaysCacheSize++;
  return result;
}

/** -1, 0 or 1; valid ISO dates order as strings. */
export function compareIsoDates(a: string, b: string): -1 | 0 | 1 {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function laterOf(a: string, b: string): string {
  return a >= b ? a : b;
}

const longDateCache = new Map<string, string>();

/** "30 April 2025": the GOV.UK style, used in finding messages. */
export function formatLongDate(iso: string): string {
  const hit = longDateCache.get(iso);
  if (hit !== undefined) return hit;
  const parts = parseParts(iso);
  const month = parts === null ? undefined : MONTH_NAMES[parts[1] - 1];
  // An unparseable date is shown as given rather than thrown: a message must never break an assessment.
  const text = parts === null || month === undefined ? iso : `${parts[2]} ${month} ${parts[0]}`;
  if (longDateCache.size >= CACHE_LIMIT) longDateCache.clear();
  longDateCache.set(iso, text);
  return text;
}
