// From its own module, not the engine's index: this file runs in the browser too.
import { formatLongDate } from "@/lib/compliance/dates";

// Display formats shared by the dashboard and organisation pages (pure, usable on server and client).

const counts = new Intl.NumberFormat("en-GB");
const dateTime = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/London",
  day: "numeric",
  month: "long",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  hour12: false,
});

export function formatCount(n: number): string {
  return counts.format(n);
}

/** Rounded down, so 99.6% never reads as complete. */
export function formatShare(share: number): string {
  return `${Math.floor(share * 100)}%`;
}

export function formatDate(iso: string): string {
  return formatLongDate(iso);
}

/** "28 November 2026 at 14:05" in UK time. */
export function formatDateTime(iso: string | null): string {
  if (!iso) return "Not recorded";
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const parts = dateTime.formatToParts(d);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? "";
  return `${get("day")} ${get("month")} ${get("year")} at ${get("hour")}:${get("minute")}`;
}

/** "+12", "−3" or "no change", with a real minus sign. */
export function formatChange(n: number): string {
  if (n === 0) return "no change";
  return n > 0 ? `${formatCount(n)}` : `\u2212${formatCount(-n)}`;
}

const shortDateTime = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/London",
  day: "numeric",
  month: "short",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  hour12: false,
});

/** "28 Nov 2026, 14:05" in UK time, for table cells. */
export function formatShortDateTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const parts = shortDateTime.formatToParts(d);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? "";
  return `${get("day")} ${get("month")} ${get("year")}, ${get("hour")}:${get("minute")}`;
}
