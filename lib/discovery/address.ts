// IP addresses as discovery files write them: bare, with a port, or inside a URL (a Milestone
// camera list gives "http://10.1.2.3/"). One stored form, so that a scan, a VMS list and the
// register compare equal: IPv4 dotted decimal, IPv6 lower-case and compressed (RFC 5952).
import { isIPv4, isIPv6 } from "node:net";

/** "10.1.2.3" → "10.1.2.3"; "FE80:0:0::1" → "fe80::1"; a zone ("%eth0") is dropped; else null. */
export function normaliseIp(s: string): { ipv4: string; ipv6: null } | { ipv4: null; ipv6: string } | null {
  const t = s.trim();
  if (isIPv4(t)) return { ipv4: t, ipv6: null };
  const bare = t.replace(/%[0-9A-Za-z._~-]{1,64}$/, "");
  if (!isIPv6(bare)) return null;
  // The WHATWG URL parser writes IPv6 hosts in the RFC 5952 form.
  const host = new URL(`http://[${bare}]/`).hostname;
  return { ipv4: null, ipv6: host.slice(1, -1) };
}

export interface HostAddress {
  ipv4: string | null;
  ipv6: string | null;
  /** A DNS name where an IP address would be ("http://cam-01.example/"), lower-case. */
  hostname: string | null;
}

const SCHEME = /^[a-z][a-z0-9+.-]{0,15}:\/\//i;
const PORT = /^(?:[1-9][0-9]{0,4})$/;
const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

function isHostname(s: string): boolean {
  if (s.length === 0 || s.length > 253) return false;
  const labels = (s.endsWith(".") ? s.slice(0, -1) : s).split(".");
  // No top-level domain is numeric: "10.1" or "0x0a.1.2.3" is a mistyped IPv4 address.
  if (/^[0-9]+$/.test(labels[labels.length - 1]!)) return false;
  return labels.every((l) => LABEL.test(l));
}

function validPort(p: string): boolean {
  return PORT.test(p) && Number(p) <= 65_535;
}

/**
 * The host of an address cell: "10.1.2.3", "10.1.2.3:8080", "fe80::1", "[fe80::1]:443",
 * "http://10.1.2.3/", "https://[fe80::1]:443/", "rtsp://user@10.1.2.3:554/stream", or a host name
 * in any of those places. Anything else → null. User names and passwords in a URL are never kept,
 * nor are paths. Numeric shorthands a browser would accept ("10.1", "0x0a.1.2.3") are refused:
 * they are more likely mistakes than addresses.
 */
export function parseHostAddress(s: string): HostAddress | null {
  let t = s.trim();
  if (t.length === 0 || t.length > 2_048) return null;
  const hadScheme = SCHEME.test(t);
  if (hadScheme) {
    t = t.replace(SCHEME, "");
    const end = t.search(/[/?#]/);
    if (end !== -1) t = t.slice(0, end);
    const at = t.lastIndexOf("@");
    if (at !== -1) t = t.slice(at + 1);
  }
  let host: string;
  if (t.startsWith("[")) {
    const close = t.indexOf("]");
    if (close === -1) return null;
    const rest = t.slice(close + 1);
    if (rest !== "" && !(rest.startsWith(":") && validPort(rest.slice(1)))) return null;
    host = t.slice(1, close);
    const ip = normaliseIp(host);
    return ip && ip.ipv6 !== null ? { ...ip, hostname: null } : null;
  }
  const colons = t.split(":").length - 1;
  if (colons === 1) {
    const [h, port] = t.split(":") as [string, string];
    if (!validPort(port)) return null;
    host = h;
  } else if (colons > 1) {
    // A bare IPv6 address; inside a URL it must be in brackets.
    if (hadScheme) return null;
    const ip = normaliseIp(t);
    return ip && ip.ipv6 !== null ? { ...ip, hostname: null } : null;
  } else {
    host = t;
  }
  const ip = normaliseIp(host);
  if (ip) return ip.ipv4 !== null ? { ...ip, hostname: null } : null;
  const name = host.toLowerCase();
  return isHostname(name) ? { ipv4: null, ipv6: null, hostname: name.replace(/\.$/, "") } : null;
}
