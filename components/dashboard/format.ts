// From its own module, not the engine's index: this file runs in the browser too.
import { formatLongDate } from "@/lib/compliance/dates";
import { formatDateTime as formatTime } from "@/lib/presentation/figures-format";

// Display formats for the dashboard and organisation pages (pure, usable on server and client).
// Counts, percentages and changes are the service's one set of formatters, shared with the reports.
export { formatChange, formatCompleteness, formatCount, formatPercent } from "@/lib/presentation/figures-format";

export function formatDate(iso: string): string {
  return formatLongDate(iso);
}

/** "28 November 2026 at 14:05" in UK time, or "Not recorded". */
export function formatDateTime(iso: string | null): string {
  return iso ? formatTime(iso) : "Not recorded";
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
