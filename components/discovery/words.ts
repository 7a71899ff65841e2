// The discovery pages' words: what each stored code means in plain English, and how a host's
// addresses and services read. Pure, so the pages, the client forms and the tests share them.
import type { DiscoveredService } from "@/lib/discovery/types";
import { macDisplay } from "@/components/register/format";

export type ScanSource = "NMAP" | "VMS";
export type ScanState = "AWAITING_COLUMNS" | "REFUSED" | "RECONCILED";
export type MatchedBy = "MAC" | "SERIAL" | "IP";

export const SOURCE_WORDS: Readonly<Record<ScanSource, string>> = {
  NMAP: "Network scan (nmap)",
  VMS: "Camera list from a video management system",
};

export const MATCHED_BY_WORDS: Readonly<Record<MatchedBy, string>> = {
  MAC: "Matched by MAC address",
  SERIAL: "Matched by serial number",
  IP: "Matched by IP address",
};

/** The five lists on a scan's page, in the order of its sub navigation. */
export const VIEW_TITLES = {
  probable: "Probable covered equipment",
  unrecorded: "Not in the register",
  matched: "In the register",
  "not-seen": "Register devices not seen",
  dismissed: "Dismissed",
} as const;

export type ViewName = keyof typeof VIEW_TITLES;

/** "Line 12" for a scan, "Row 12" for a spreadsheet: where the host is in the file. */
export function lineWord(source: ScanSource): "Line" | "Row" {
  return source === "VMS" ? "Row" : "Line";
}

/** A date and time as a day in the UK: "3 May 2026". */
const londonDay = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", day: "numeric", month: "long", year: "numeric" });

export function dayOf(instant: Date | string): string {
  const d = typeof instant === "string" ? new Date(instant) : instant;
  return Number.isNaN(d.getTime()) ? String(instant) : londonDay.format(d);
}

/** "A", "A and B", "A, B and C". */
export function listInWords(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? "";
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

/** The sentence for columns left out of a camera list because they looked as if they held passwords. */
export function discardedSentence(columns: readonly string[]): string {
  return columns.length === 1
    ? `The column ${columns[0]} was discarded: the register never stores passwords.`
    : `The columns ${listInWords(columns)} were discarded: the register never stores passwords.`;
}

/** "80/http Hikvision IP camera httpd 1.0 (extra)": one open port as nmap reports it. */
export function serviceWords(s: DiscoveredService): string {
  const product = [s.product, s.version].filter(Boolean).join(" ");
  const extra = s.extraInfo ? `(${s.extraInfo})` : "";
  return [`${s.port}/${s.name ?? s.protocol}`, product, extra].filter(Boolean).join(" ");
}

/** A host's MAC address with the vendor the scanner gave it, as one line. */
export function macWords(mac: string | null, vendor: string | null): string | null {
  const shown = macDisplay(mac);
  if (!shown) return null;
  return vendor ? `${shown} (${vendor})` : shown;
}

/** How a host is named in links, legends and hidden labels: its address, else its MAC, else its line. */
export function hostName(h: { address: string | null; mac: string | null; line: number }, source: ScanSource = "NMAP"): string {
  return h.address ?? (h.mac ? `MAC ${macDisplay(h.mac)}` : `${lineWord(source)} ${h.line}`);
}
