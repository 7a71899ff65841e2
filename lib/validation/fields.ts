// Building blocks for schemas whose input arrives as text: a form post, a CSV cell or a query
// string. Each one trims, treats an empty value as "not given" and speaks GOV.UK error style.
import { z } from "zod";
import { formatLongDate, isIsoDate } from "@/lib/compliance";
import { todayInLondon } from "@/lib/platform/today";
import { normaliseText, textProblem } from "@/lib/validation/text";

/** Absent, null and blank all mean "not given"; everything else is trimmed. */
const raw = z
  .union([z.string(), z.number(), z.boolean(), z.null()])
  // optional() so that an object key may be missing altogether (an unticked box posts nothing).
  .optional()
  .transform((v) => (v === null || v === undefined ? "" : String(v).trim()));

/**
 * The one way text gets in: NFC-normalised and trimmed, with control characters (a NUL byte
 * above all, which PostgreSQL cannot store) and invisible formatting refused in the field's name.
 */
export function cleanText(label: string) {
  return raw.transform((s, ctx) => {
    const problem = textProblem(s, label);
    if (problem) {
      ctx.addIssue({ code: "custom", message: problem });
      return z.NEVER;
    }
    return normaliseText(s);
  });
}

export function requiredText(missing: string, label: string, max = 200) {
  return cleanText(label).pipe(z.string().min(1, missing).max(max, `${label} must be ${max} characters or fewer`));
}

export function optionalText(label: string, max = 200) {
  return cleanText(label)
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

/**
 * The dates the register holds: networked cameras, their exemptions and assessments all postdate
 * 1970, and a year after 2100 is a slip of the keyboard (one that once crashed the service).
 */
export const EARLIEST_DATE = "1970-01-01";
export const LATEST_DATE = "2100-12-31";

export interface DateOptions {
  /** Refuse dates after today (in London): things that have happened cannot be in the future. */
  notFuture?: boolean;
}

/** Why a well-formed date cannot be accepted, or null. */
function dateProblem(s: string, label: string, options: DateOptions): string | null {
  if (!isIsoDate(s)) return `${label} must be a real date`;
  if (s < EARLIEST_DATE) return `${label} must be on or after ${formatLongDate(EARLIEST_DATE)}`;
  if (options.notFuture && s > todayInLondon()) return `${label} must be today or in the past`;
  if (s > LATEST_DATE) return `${label} must be on or before ${formatLongDate(LATEST_DATE)}`;
  return null;
}

/** An optional ISO date: "" → null. `label` starts the sentence, e.g. "Install date". */
export function optionalIsoDate(label: string, options: DateOptions = {}) {
  return raw
    .transform((s) => toIso(s))
    .superRefine((s, ctx) => {
      const problem = s === "" ? null : dateProblem(s, label, options);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    })
    .transform((s) => (s === "" ? null : s));
}

/** A required ISO date. `missing` is the message when nothing was entered. */
export function isoDate(missing: string, label: string, options: DateOptions = {}) {
  return raw
    .transform((s) => toIso(s))
    .superRefine((s, ctx) => {
      const problem = s === "" ? missing : dateProblem(s, label, options);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
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

/**
 * A hidden field that is missing or garbled was not sent by our form: the request was tampered
 * with or cut short. Saying the record "changed since you opened it" would be untrue.
 */
export const MALFORMED_FORM = "The form could not be read: reload the page and try again";

/** Whole numbers stored as PostgreSQL integers, posted as text: 1 to 999,999,999, digits only. */
function positiveInt(s: string): number | null {
  return /^[1-9]\d{0,8}$/.test(s) ? Number(s) : null;
}

/** The hidden id of the record a form changes. */
export const hiddenIdField = raw.transform((s, ctx) => {
  const n = positiveInt(s);
  if (n === null) {
    ctx.addIssue({ code: "custom", message: MALFORMED_FORM });
    return z.NEVER;
  }
  return n;
});

/** The hidden version of an edit form: required, because without it a stale edit cannot be caught. */
export const versionField = hiddenIdField;

/** A hidden id or version that is empty on a create form and required on an edit. */
export const optionalHiddenIdField = raw.transform((s, ctx) => {
  if (s === "") return null;
  const n = positiveInt(s);
  if (n === null) {
    ctx.addIssue({ code: "custom", message: MALFORMED_FORM });
    return z.NEVER;
  }
  return n;
});

/** Versions are optional on create forms, which share the edit form's schema. */
export const optionalVersionField = optionalHiddenIdField;
