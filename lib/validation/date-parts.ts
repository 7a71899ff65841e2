// Dates as people enter them: the design system's day, month and year fields
// (https://design-system.service.gov.uk/components/date-input/). This is the one place where the
// three parts are read, checked and turned into an ISO date, with the design system's messages, for
// every form and filter in the service. The same analysis tells the date input which of its fields
// to mark in error, so the page and the message always agree.
import { z } from "zod";
import { formatLongDate, isIsoDate } from "@/lib/compliance";
import { todayInLondon } from "@/lib/platform/today";

export type DatePart = "day" | "month" | "year";
export const DATE_PARTS: readonly DatePart[] = ["day", "month", "year"];

/** What was typed into each field, as text. */
export type DateParts = Record<DatePart, string>;

export const EMPTY_DATE_PARTS: DateParts = { day: "", month: "", year: "" };

/**
 * The register's dates all fall between these: networked cameras, their exemptions and assessments
 * postdate 1970, and a year after 2100 is a slip of the keyboard.
 */
export const EARLIEST_DATE = "1970-01-01";
export const LATEST_DATE = "2100-12-31";

export interface DateRule {
  /** Starts each message, e.g. "Install date". */
  label: string;
  /**
   * The message when nothing was entered ("Enter the date the device was removed"). Without it the
   * date is optional, and its legend must say "(optional)".
   */
  missing?: string;
  /** Things that have happened: today or in the past. */
  notFuture?: boolean;
  /** Things still to come: today or in the future. */
  notPast?: boolean;
}

export type DateResult =
  | { ok: true; value: string | null }
  | { ok: false; message: string; /** The fields to mark in error, in page order. */ parts: DatePart[] };

type Source = FormData | URLSearchParams | Readonly<Record<string, unknown>>;

function read(source: Source, key: string): string | undefined {
  const value = source instanceof FormData || source instanceof URLSearchParams ? source.get(key) : source[key];
  const one = Array.isArray(value) ? value[0] : value;
  if (typeof one === "string") return one;
  if (typeof one === "number") return String(one);
  return undefined;
}

const ISO_LIKE = /^(\d*)-(\d*)-(.*)$/s;
const DMY_LIKE = /^(\d*)\/(\d*)\/(.*)$/s;

/**
 * A whole date given as one value, `YYYY-MM-DD` or `DD/MM/YYYY`: links, the API and clients that
 * predate the three fields. Split into parts, so it is checked exactly as the fields are. Text of
 * any other shape keeps its words in the day and a month and year of 0, which no date has.
 */
export function datePartsFromText(text: string): DateParts {
  const s = text.trim();
  if (s === "") return { ...EMPTY_DATE_PARTS };
  const iso = ISO_LIKE.exec(s);
  if (iso) return { year: iso[1] ?? "", month: iso[2] ?? "", day: iso[3] ?? "" };
  const dmy = DMY_LIKE.exec(s);
  if (dmy) return { day: dmy[1] ?? "", month: dmy[2] ?? "", year: dmy[3] ?? "" };
  return { day: s, month: "0", year: "0" };
}

/**
 * The parts of the date field `name` (`<name>-day`, `<name>-month`, `<name>-year`) from a form post,
 * a query string or an object of either. When none of the three was sent, `<name>` itself is read
 * as a whole date.
 */
export function readDateParts(source: Source, name: string): DateParts {
  const day = read(source, `${name}-day`);
  const month = read(source, `${name}-month`);
  const year = read(source, `${name}-year`);
  if (day === undefined && month === undefined && year === undefined) {
    const whole = read(source, name);
    return whole === undefined ? { ...EMPTY_DATE_PARTS } : datePartsFromText(whole);
  }
  return { day: day ?? "", month: month ?? "", year: year ?? "" };
}

/** A stored ISO date as the fields show it: "2024-03-05" → 5, 3, 2024. Anything else → empty fields. */
export function datePartsFromIso(iso: string | null | undefined): DateParts {
  if (!iso || !isIsoDate(iso)) return { ...EMPTY_DATE_PARTS };
  const [y = "", m = "", d = ""] = iso.split("-");
  return { day: String(Number(d)), month: String(Number(m)), year: y };
}

/**
 * What a date input shows: the parts as typed when a form came back with problems (`submitted`
 * holds the posted values, empty before the first attempt), otherwise the stored date.
 */
export function dateFieldValues(submitted: Readonly<Record<string, string>>, name: string, stored: string | null | undefined): DateParts {
  return Object.keys(submitted).length > 0 ? readDateParts(submitted, name) : datePartsFromIso(stored);
}

const MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

// The design system asks services to accept every unambiguous way of writing a part: leading
// zeros, ordinals for the day ("1st") and month names in full or short ("jan", "Sept").
function dayNumber(s: string): number | null {
  const m = /^(\d{1,2})(st|nd|rd|th)?$/i.exec(s);
  const n = m ? Number(m[1]) : NaN;
  return n >= 1 && n <= 31 ? n : null;
}

function monthNumber(s: string): number | null {
  if (/^\d{1,2}$/.test(s)) {
    const n = Number(s);
    return n >= 1 && n <= 12 ? n : null;
  }
  const word = s.toLowerCase().replace(/\.$/, "");
  if (word.length < 3) return null;
  const index = MONTHS.findIndex((name) => name === word || (name.startsWith(word) && (word.length === 3 || word === "sept")));
  return index === -1 ? null : index + 1;
}

type YearReading = { year: number } | { problem: "digits" | "unreadable" };

function yearNumber(s: string): YearReading {
  if (/^\d{4}$/.test(s)) return { year: Number(s) };
  return /^\d+$/.test(s) ? { problem: "digits" } : { problem: "unreadable" };
}

interface Reading {
  missing: DatePart[];
  /** Parts that cannot be right on their own (32 in the day, "abc" in the year). */
  invalid: DatePart[];
  /** The year is a number without 4 digits: its own message. */
  shortYear: boolean;
  numbers: { day: number; month: number; year: number } | null;
}

function readParts(parts: DateParts): Reading {
  const text = { day: parts.day.trim(), month: parts.month.trim(), year: parts.year.trim() };
  const missing = DATE_PARTS.filter((p) => text[p] === "");
  const day = text.day === "" ? null : dayNumber(text.day);
  const month = text.month === "" ? null : monthNumber(text.month);
  const year = text.year === "" ? null : yearNumber(text.year);
  const invalid: DatePart[] = [];
  if (text.day !== "" && day === null) invalid.push("day");
  if (text.month !== "" && month === null) invalid.push("month");
  if (year !== null && !("year" in year)) invalid.push("year");
  const shortYear = year !== null && !("year" in year) && year.problem === "digits";
  const numbers = day !== null && month !== null && year !== null && "year" in year ? { day, month, year: year.year } : null;
  return { missing, invalid, shortYear, numbers };
}

/**
 * The fields to mark in error for what was typed: the missing ones when some (not all) are
 * missing, otherwise the ones that cannot be right on their own, otherwise all three (nothing
 * entered, or a problem with the date as a whole, such as 31 February or a date in the future).
 */
export function datePartsInError(parts: DateParts): DatePart[] {
  const r = readParts(parts);
  if (r.missing.length > 0 && r.missing.length < 3) return r.missing;
  if (r.missing.length === 0 && r.invalid.length > 0) return r.invalid;
  return [...DATE_PARTS];
}

function listParts(parts: DatePart[]): string {
  return parts.length === 1 ? `a ${parts[0]}` : `a ${parts.slice(0, -1).join(", ")} and ${parts[parts.length - 1]}`;
}

const pad = (n: number, width: number) => String(n).padStart(width, "0");

/**
 * The date the parts make, or the design system's message for the first problem, in its order of
 * priority: nothing entered, part of it missing, a part that cannot be right, then the date's rule.
 */
export function parseDateParts(parts: DateParts, rule: DateRule, today: string = todayInLondon()): DateResult {
  const r = readParts(parts);
  const fail = (message: string): DateResult => ({ ok: false, message, parts: datePartsInError(parts) });
  if (r.missing.length === 3) return rule.missing ? fail(rule.missing) : { ok: true, value: null };
  if (r.missing.length > 0) return fail(`${rule.label} must include ${listParts(r.missing)}`);
  if (r.invalid.length === 1 && r.shortYear) return fail(`${rule.label} year must include 4 numbers`);
  if (r.invalid.length > 0 || r.numbers === null) return fail(`${rule.label} must be a real date`);
  const { day, month, year } = r.numbers;
  const iso = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
  if (!isIsoDate(iso)) return fail(`${rule.label} must be a real date`);
  if (rule.notFuture && iso > today) return fail(`${rule.label} must be today or in the past`);
  if (rule.notPast && iso < today) return fail(`${rule.label} must be today or in the future`);
  const earliest = rule.notPast ? "today" : formatLongDate(EARLIEST_DATE);
  const latest = rule.notFuture ? "today" : formatLongDate(LATEST_DATE);
  if (iso < EARLIEST_DATE || iso > LATEST_DATE) return fail(`${rule.label} must be between ${earliest} and ${latest}`);
  return { ok: true, value: iso };
}

// ---- zod: date fields in a form's schema ------------------------------------------------------

const partsShape = z.object({ day: z.string(), month: z.string(), year: z.string() });

function dateSchema(rule: DateRule) {
  return partsShape.transform((parts, ctx) => {
    const result = parseDateParts(parts, rule);
    if (!result.ok) {
      ctx.addIssue({ code: "custom", message: result.message });
      return z.NEVER;
    }
    return result.value;
  });
}

/** A date the form must have: an ISO date, or the rule's `missing` message when nothing was entered. */
export function requiredDate(rule: DateRule & { missing: string }) {
  return dateSchema(rule).transform((v) => v ?? "");
}

/** A date that may be left empty (null). Its legend says "(optional)". */
export function optionalDate(rule: Omit<DateRule, "missing">) {
  return dateSchema(rule);
}

/**
 * Wraps a form's object schema so that each named date field is read from its three parts (see
 * readDateParts) before the schema sees it; the date's problems are reported under its name.
 */
export function withDateParts<S extends z.ZodType>(names: readonly string[], schema: S) {
  return z.preprocess((input) => {
    if (input === null || typeof input !== "object") return input;
    const source = input instanceof FormData || input instanceof URLSearchParams ? input : (input as Record<string, unknown>);
    const out: Record<string, unknown> = source instanceof FormData || source instanceof URLSearchParams ? Object.fromEntries(source.entries()) : { ...source };
    for (const name of names) {
      for (const part of DATE_PARTS) delete out[`${name}-${part}`];
      out[name] = readDateParts(source, name);
    }
    return out;
  }, schema);
}
