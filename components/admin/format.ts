import { formatLongDate } from "@/lib/compliance";

const DATE_TIME = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/London",
  day: "numeric",
  month: "long",
  year: "numeric",
  hour: "numeric",
  minute: "2-digit",
  hour12: true,
});

/** "3 March 2026 at 2:05pm", UK time. */
export function formatDateTime(d: Date): string {
  const parts = DATE_TIME.formatToParts(d);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? "";
  return `${get("day")} ${get("month")} ${get("year")} at ${get("hour")}:${get("minute")}${get("dayPeriod").toLowerCase().replace(/\s|\./g, "")}`;
}

export function formatIsoDate(iso: string | null): string {
  return iso ? formatLongDate(iso) : "Not set";
}
