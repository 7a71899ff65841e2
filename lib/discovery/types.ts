/**
 * What a discovery file says about one host on the network, read from an nmap XML scan or a video
 * management system's camera list. Plain data, shared by the readers, the rules engine's discovery
 * rule (as evidence), the reconciliation and the pages.
 */

export type DiscoverySource = "NMAP" | "VMS";

export interface DiscoveredService {
  port: number;
  protocol: "tcp" | "udp" | "sctp";
  /** nmap's service name, such as "http", "rtsp", "onvif". */
  name: string | null;
  /** nmap's product (an HTTP server header often names the maker), with version and extra info. */
  product: string | null;
  version: string | null;
  extraInfo: string | null;
}

export interface DiscoveredHostInput {
  /** The line of the file the host starts on (nmap) or its row number (VMS list), for messages. */
  line: number;
  ipv4: string | null;
  ipv6: string | null;
  /** Normalised: twelve upper-case hex digits (see normaliseMac in lib/compliance/mac.ts). */
  mac: string | null;
  /** nmap's vendor name for the MAC address, from its copy of the IEEE registry. */
  macVendor: string | null;
  hostnames: string[];
  /** A VMS list's camera name. */
  name: string | null;
  manufacturer: string | null;
  model: string | null;
  serial: string | null;
  firmware: string | null;
  /** Open ports only. */
  services: DiscoveredService[];
  /** nmap's best OS or device guess ("osmatch" name), if any. */
  osGuess: string | null;
  /** The site code from a site column, when one file covers several sites. */
  siteCode: string | null;
}

export interface DiscoveryFileProblem {
  line: number;
  /** The column (VMS) or element (nmap) at fault, when there is one. */
  field: string | null;
  message: string;
}

export interface ParsedDiscovery {
  source: DiscoverySource;
  /** When the scan ran (nmap's `start`), ISO 8601; null when the file does not say. */
  scannedAt: string | null;
  /** nmap's command line, kept as evidence; null for VMS lists. */
  command: string | null;
  hosts: DiscoveredHostInput[];
  /** The first MAX_LISTED problems; every problem is counted in problemCount. */
  problems: DiscoveryFileProblem[];
  problemCount: number;
  /** Columns read but deliberately not kept, such as a password column. */
  discardedColumns: string[];
}
