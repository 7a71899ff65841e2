/**
 * "Which site each address range belongs to", for a scan or camera list that covers several sites:
 * one line per range, an IPv4 or IPv6 block in CIDR notation and the site's code, such as
 * `10.20.0.0/16 HO-0001`. The most specific range wins, as in routing, so a /24 carved out of a
 * site's /16 can belong to another site.
 */
import { isIP } from "node:net";

export interface AddressRange {
  /** As written, for messages. */
  text: string;
  siteCode: string;
  version: 4 | 6;
  network: bigint;
  prefix: number;
}

export interface RangeProblem {
  line: number;
  message: string;
}

export const MAX_RANGES = 500;

function ipv4ToBigInt(ip: string): bigint {
  return ip.split(".").reduce((acc, part) => (acc << 8n) | BigInt(Number(part)), 0n);
}

function ipv6ToBigInt(ip: string): bigint {
  let text = ip.toLowerCase();
  // An embedded IPv4 tail (::ffff:10.0.0.1) becomes two groups.
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4) {
    const n = ipv4ToBigInt(v4[1]!);
    text = text.slice(0, -v4[1]!.length) + `${(n >> 16n).toString(16)}:${(n & 0xffffn).toString(16)}`;
  }
  const [head, tail] = text.includes("::") ? text.split("::") : [text, null];
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups = tail === null ? left : [...left, ...Array<string>(8 - left.length - right.length).fill("0"), ...right];
  return groups.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g || "0", 16)), 0n);
}

/** The address as a number and its family, or null when it is not an IP address. */
export function addressValue(ip: string): { version: 4 | 6; value: bigint } | null {
  const bare = ip.replace(/%.*$/, "");
  const version = isIP(bare);
  if (version === 4) return { version, value: ipv4ToBigInt(bare) };
  if (version === 6) return { version, value: ipv6ToBigInt(bare) };
  return null;
}

const SITE_CODE = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,49}$/;

/** Reads the ranges text; every line with a problem is reported, and no range is returned then. */
export function parseRanges(text: string): { ok: true; ranges: AddressRange[] } | { ok: false; problems: RangeProblem[] } {
  const ranges: AddressRange[] = [];
  const problems: RangeProblem[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) return;
    const parts = line.split(/[\s,]+/);
    const [block, siteCode] = parts;
    if (parts.length !== 2 || !block || !siteCode) {
      problems.push({ line: i + 1, message: `Line ${i + 1} must be an address range and a site code, such as 10.20.0.0/16 HO-0001` });
      return;
    }
    const [address, prefixText = ""] = block.split("/");
    const value = addressValue(address ?? "");
    const prefix = Number(prefixText);
    const max = value?.version === 6 ? 128 : 32;
    if (!value || !/^\d{1,3}$/.test(prefixText) || prefix > max) {
      problems.push({ line: i + 1, message: `Line ${i + 1}: “${block}” is not an address range such as 10.20.0.0/16` });
      return;
    }
    if (!SITE_CODE.test(siteCode)) {
      problems.push({ line: i + 1, message: `Line ${i + 1}: “${siteCode}” is not a site code` });
      return;
    }
    const bits = BigInt(max - prefix);
    ranges.push({ text: block, siteCode, version: value.version, network: (value.value >> bits) << bits, prefix });
  });
  if (ranges.length > MAX_RANGES) problems.push({ line: lines.length, message: `Give at most ${MAX_RANGES} ranges` });
  if (ranges.length === 0 && problems.length === 0) problems.push({ line: 1, message: "Give at least one address range and its site code" });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, ranges };
}

/** The site code of the most specific range holding the address, or null. */
export function siteCodeFor(ranges: readonly AddressRange[], ip: string): string | null {
  const value = addressValue(ip);
  if (!value) return null;
  let best: AddressRange | null = null;
  for (const r of ranges) {
    if (r.version !== value.version) continue;
    const bits = BigInt((r.version === 4 ? 32 : 128) - r.prefix);
    if ((value.value >> bits) << bits === r.network && (best === null || r.prefix > best.prefix)) best = r;
  }
  return best?.siteCode ?? null;
}
