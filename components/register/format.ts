import { formatLongDate } from "@/lib/compliance";

/** "1 June 2023", or the fallback when the date is not recorded. */
export function longDate(iso: string | null | undefined, fallback = "Not recorded"): string {
  return iso ? formatLongDate(iso) : fallback;
}

/** An instant as London wall-clock time: "28 November 2026 at 5:32pm". */
export function londonDateTime(isoInstant: string): string {
  const d = new Date(isoInstant);
  const date = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", day: "numeric", month: "long", year: "numeric" }).format(d);
  const time = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", hour: "numeric", minute: "2-digit", hour12: true })
    .format(d)
    .replace(/\s/g, "")
    .toLowerCase();
  return `${date} at ${time}`;
}

export function yesNo(b: boolean | null | undefined): string {
  if (b === null || b === undefined) return "Not known";
  return b ? "Yes" : "No";
}

export function macDisplay(mac: string | null): string | null {
  return mac && mac.length === 12 ? (mac.match(/.{2}/g) ?? []).join(":") : mac;
}

/** Builds a query string from the current one with some values replaced (blank values dropped). */
export function withQuery(path: string, current: Record<string, string | number | null | undefined>, changes: Record<string, string | number | null | undefined>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...current, ...changes })) {
    if (v !== null && v !== undefined && v !== "") params.set(k, String(v));
  }
  const s = params.toString();
  return s ? `${path}?${s}` : path;
}

/** Page numbers with ellipses, GOV.UK style: first, last, and the neighbours of the current one. */
export function pageItems(page: number, pageCount: number, hrefOf: (n: number) => string) {
  const wanted = new Set([1, pageCount, page - 1, page, page + 1].filter((n) => n >= 1 && n <= pageCount));
  const sorted = [...wanted].sort((a, b) => a - b);
  const items: ({ number: number; href: string; current?: boolean } | { ellipsis: true })[] = [];
  let last = 0;
  for (const n of sorted) {
    if (n - last > 1) items.push({ ellipsis: true });
    items.push({ number: n, href: hrefOf(n), current: n === page });
    last = n;
  }
  return items;
}
