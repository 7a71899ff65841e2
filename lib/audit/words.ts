// Small pieces of plain English the audit descriptions are built from: long dates in UK time,
// counted nouns, lists joined with "and". GOV.UK style: "1 December 2026 at 9:14am", "1 site".
import { formatLongDate, isIsoDate } from "@/lib/compliance";

const DATE = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", day: "numeric", month: "long", year: "numeric" });
// hourCycle, not hour12: en-GB with hour12 writes "0:05 pm" for five past noon.
const TIME = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", hour: "numeric", minute: "2-digit", hourCycle: "h12" });

/** "1 December 2026 at 9:14am", in UK time, for an ISO instant. */
export function longDateTime(isoInstant: string): string {
  const d = new Date(isoInstant);
  if (Number.isNaN(d.getTime())) return isoInstant;
  return `${DATE.format(d)} at ${TIME.format(d).replace(/\s/g, "").toLowerCase()}`;
}

/** "24 November 2022" for "2022-11-24"; anything else as given. */
export function longDate(iso: string): string {
  return isIsoDate(iso) ? formatLongDate(iso) : iso;
}

/** Every ISO date in a sentence written before the trail spoke plain English, as a long date. */
export function longDatesIn(text: string): string {
  return text.replace(/\b\d{4}-\d{2}-\d{2}(T[\d:.]+Z)?\b/g, (match, time: string | undefined) =>
    time ? longDateTime(match) : longDate(match),
  );
}

/** "1 device", "2 devices", "no devices". */
export function count(n: number, singular: string, plural = `${singular}s`): string {
  if (n === 0) return `no ${plural}`;
  return `${n.toLocaleString("en-GB")} ${n === 1 ? singular : plural}`;
}

/** "a", "a and b", "a, b and c". */
export function joinList(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? "";
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

/** A label as it reads inside a sentence: "Serial number" → "serial number", but "MAC address" stays. */
export function inSentence(label: string): string {
  const [first, second] = label;
  if (first === undefined || second === undefined) return label.toLowerCase();
  return second === second.toLowerCase() && /[A-Z]/.test(first) ? first.toLowerCase() + label.slice(1) : label;
}

/** The first letter in capitals, for a sentence that starts with a value. */
export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
