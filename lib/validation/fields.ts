// Building blocks for schemas whose input arrives as text: a form post, a CSV cell or a query
// string. Each one trims, treats an empty value as "not given" and speaks GOV.UK error style.
import { z } from "zod";
import { isIsoDate } from "@/lib/compliance";
import { todayInLondon } from "@/lib/platform/today";

/** Absent, null and blank all mean "not given"; everything else is trimmed. */
const raw = z
  .union([z.string(), z.number(), z.boolean(), z.null()])
  // optional() so that an object key may be missing altogether (an unticked box posts nothing).
  .optional()
  .transform((v) => (v === null || v === undefined ? "" : String(v).trim()));

export function requiredText(missing: string, label: string, max = 200) {
  return raw.pipe(z.string().min(1, missing).max(max, `${label} must be ${max} characters or fewer`));
}

export function optionalText(label: string, max = 200) {
  return raw
    .pipe(z.string().max(max, `${label} must be ${max} characters or fewer`))
    .transform((s) => (s === "" ? null : s));
}

const DMY = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

/** Accepts YYYY-MM-DD (what a date input posts) and DD/MM/YYYY (what spreadsheets tend to hold). */
function toIso(s: string): string {
  const m = DMY.exec(s);
  if (!m) return s;
  return `${m[3]}-${(m[2] ?? "").padStart(2, "0")}-${(m[1] ?? "").padStart(2, "0")}`;
}

export interface DateOptions {
  /** Refuse dates after today (in London): things that have happened cannot be in the future. */
  notFuture?: boolean;
}

/** An optional ISO date: "" → null. `label` starts the sentence, e.g. "Install date". */
export function optionalIsoDate(label: string, options: DateOptions = {}) {
  return raw
    .transform((s) => toIso(s))
    .superRefine((s, ctx) => {
      if (s === "") return;
      if (!isIsoDate(s)) ctx.addIssue({ code: "custom", message: `${label} must be a real date` });
      else if (options.notFuture && s > todayInLondon()) ctx.addIssue({ code: "custom", message: `${label} must be today or in the past` });
    })
    .transform((s) => (s === "" ? null : s));
}

/** A required ISO date. `missing` is the message when nothing was entered. */
export function isoDate(missing: string, label: string, options: DateOptions = {}) {
  return raw
    .transform((s) => toIso(s))
    .superRefine((s, ctx) => {
      if (s === "") ctx.addIssue({ code: "custom", message: missing });
      else if (!isIsoDate(s)) ctx.addIssue({ code: "custom", message: `${label} must be a real date` });
      else if (options.notFuture && s > todayInLondon()) ctx.addIssue({ code: "custom", message: `${label} must be today or in the past` });
    });
}

/** "Not sensitive", "not-sensitive" and "NOT_SENSITIVE" all name the same enum value. */
function enumKey(s: string): string {
  return s.toUpperCase().replace(/[\s-]+/g, "_");
}

export function enumField<const T extends readonly [string, ...string[]]>(values: T, missing: string) {
  return raw.transform((s) => enumKey(s)).pipe(z.enum(values, { error: missing }));
}

export function optionalEnum<const T extends readonly [string, ...string[]]>(values: T, invalid: string) {
  return raw
    .transform((s) => enumKey(s))
    .pipe(z.union([z.literal(""), z.enum(values, { error: invalid })], { error: invalid }))
    .transform((s) => (s === "" ? null : (s as T[number])));
}

const YES = new Set(["yes", "y", "true", "on", "1"]);
const NO = new Set(["no", "n", "false", "off", "0"]);

/** A tick box or yes/no answer: absent or blank means no. */
export function yesNo(label: string) {
  return raw.transform((s, ctx) => {
    const v = s.toLowerCase();
    if (v === "" || NO.has(v)) return false;
    if (YES.has(v)) return true;
    ctx.addIssue({ code: "custom", message: `${label} must be yes or no` });
    return z.NEVER;
  });
}

/** A yes/no/unknown answer: "unknown" or blank → null, because unknown is a fact the rules use. */
export function yesNoUnknown(label: string) {
  return raw.transform((s, ctx) => {
    const v = s.toLowerCase();
    if (v === "" || v === "unknown" || v === "not known") return null;
    if (YES.has(v)) return true;
    if (NO.has(v)) return false;
    ctx.addIssue({ code: "custom", message: `${label} must be yes, no or unknown` });
    return z.NEVER;
  });
}

/** Record ids posted by forms (organisation, site, system): a positive whole number. */
export function idField(missing: string) {
  return raw.transform((s, ctx) => {
    const n = /^\d{1,9}$/.test(s) ? Number(s) : NaN;
    if (!Number.isInteger(n) || n < 1) {
      ctx.addIssue({ code: "custom", message: missing });
      return z.NEVER;
    }
    return n;
  });
}

export function optionalIdField(invalid: string) {
  return raw.transform((s, ctx) => {
    if (s === "") return null;
    const n = /^\d{1,9}$/.test(s) ? Number(s) : NaN;
    if (!Number.isInteger(n) || n < 1) {
      ctx.addIssue({ code: "custom", message: invalid });
      return z.NEVER;
    }
    return n;
  });
}

/** The hidden version of an edit form: required, because without it a stale edit cannot be caught. */
export const versionField = raw.transform((s, ctx) => {
  const n = /^\d{1,9}$/.test(s) ? Number(s) : NaN;
  if (!Number.isInteger(n) || n < 1) {
    ctx.addIssue({ code: "custom", message: "The form is out of date: reload the page and try again" });
    return z.NEVER;
  }
  return n;
});

/** Versions are optional on create forms, which share the edit form's schema. */
export const optionalVersionField = raw.transform((s, ctx) => {
  if (s === "") return null;
  const n = /^\d{1,9}$/.test(s) ? Number(s) : NaN;
  if (!Number.isInteger(n) || n < 1) {
    ctx.addIssue({ code: "custom", message: "The form is out of date: reload the page and try again" });
    return z.NEVER;
  }
  return n;
});
