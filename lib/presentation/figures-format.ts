// The one way each kind of figure is written, for every page and every downloaded file: the
// dashboard, the organisation pages, the reports page, the PDF, the spreadsheets and the CSVs all
// format through these, so the same figure never reads differently in two places. Pure; safe in
// the browser (the dashboard's client components use it) and on the server.

const integer = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 0 });

/** "46,962". */
export function formatCount(n: number): string {
  return integer.format(n);
}

/**
 * A share (0..1) as the number of per cent shown, by the one rounding rule of the service:
 * to the nearest whole per cent, except that a share that is not all never shows as 100 and a
 * share that is not none never shows as 0. Those two ends are given to one decimal place, rounded
 * towards the middle (99.96% of devices recorded shows 99.9, not 100; 0.04% shows 0.1, not 0), so
 * "100%" always means every one and "0%" none at all. Spreadsheets and CSVs carry this number.
 */
export function percentOf(share: number): number {
  if (!Number.isFinite(share)) return 0;
  const pct = Math.min(100, Math.max(0, share * 100));
  if (pct > 99 && pct < 100) return Math.floor(pct * 10) / 10;
  if (pct > 0 && pct < 1) return Math.ceil(pct * 10) / 10;
  return Math.round(pct);
}

/** "86%", "99.9%", "0.1%": percentOf with the sign. */
export function formatPercent(share: number): string {
  const pct = percentOf(share);
  return `${Number.isInteger(pct) ? pct : pct.toFixed(1)}%`;
}

/** Data completeness of in-service devices: a percentage, or words when nothing is in service. */
export function formatCompleteness(counts: { inService: number; completeness: number }): string {
  return counts.inService === 0 ? "No devices in service" : formatPercent(counts.completeness);
}

/** A change between two counts: "+12", "-3" or "no change". */
export function formatChange(n: number): string {
  if (n === 0) return "no change";
  return n > 0 ? `+${formatCount(n)}` : `-${formatCount(-n)}`;
}

const dateTime = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/London", year: "numeric", month: "long", day: "numeric", hour: "2-digit", minute: "2-digit", hour12: false,
});

/** "28 November 2026 at 14:05" in UK time; the text given back when it is not a date. */
export function formatDateTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const parts = dateTime.formatToParts(d);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? "";
  return `${get("day")} ${get("month")} ${get("year")} at ${get("hour")}:${get("minute")}`;
}
