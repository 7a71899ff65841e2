// The rows the discovery pages show, shared by the data layer (lib/data/discovery-views.ts), which
// fills them, and the components, which may not import lib/data. Types only.
import type { Finding } from "@/lib/compliance";
import type { DiscoveredHostInput } from "@/lib/discovery/types";

export interface ScanSummary {
  id: number;
  organisation: string;
  filename: string;
  source: "NMAP" | "VMS";
  state: "AWAITING_COLUMNS" | "REFUSED" | "RECONCILED";
  scannedAt: Date;
  uploadedAt: Date;
  uploadedBy: string;
  sites: { id: number; name: string }[];
  hosts: number;
  matched: number;
  /** Hosts that match no register device, kept or not. */
  unrecorded: number;
  /** Of those, the ones kept and listed (camera-like, not dismissed). */
  listedUnrecorded: number;
  /** Hosts that match nothing and do not look like camera equipment: counted, not kept. */
  otherHosts: number;
  probableCovered: number;
  dismissed: number;
  problemCount: number;
}

/** What the file said about the host, as it was read (lib/discovery/types.ts). */
type AsRead = Pick<
  DiscoveredHostInput,
  "line" | "mac" | "macVendor" | "hostnames" | "name" | "manufacturer" | "model" | "serial" | "firmware" | "services" | "osGuess"
>;

export interface HostRow extends AsRead {
  id: number;
  siteId: number;
  siteName: string;
  /** The IPv4 address, else the IPv6 one. */
  address: string | null;
  probableProducer: string | null;
  reasons: string[];
  device: { id: number; label: string; status: string | null } | null;
  matchedBy: "MAC" | "SERIAL" | "IP" | null;
  differences: string[];
  action: "ADDED" | "DISMISSED" | null;
  actionReason: string | null;
  actedAt: Date | null;
  /** The discovery rule's finding, for a host that is probable covered equipment and not recorded. */
  finding: Finding | null;
  /** Still the latest word on its site: a later scan has not replaced it. */
  current: boolean;
}

export interface NotSeenRow {
  id: number;
  label: string;
  siteName: string;
  mac: string | null;
  ip: string | null;
  lastSeenAt: Date | null;
  status: string | null;
}
