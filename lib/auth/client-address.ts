// The client address sign-in attempts are throttled by. Next.js fills X-Forwarded-For from the
// connection only when the client has not sent one, so that header alone is whatever the client
// says. The server process therefore records the connection's own peer in PEER_ADDRESS_HEADER
// (scripts/peer-address.cjs, loaded by `npm start`, overwrites anything a client sent under that
// name), and X-Forwarded-For is believed only for as many hops as TRUSTED_PROXIES says.
import { isIP } from "node:net";

export const PEER_ADDRESS_HEADER = "x-ecr-peer-address";

type HeaderBag = Record<string, string | string[] | undefined>;

function header(headers: HeaderBag, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(",") : value;
}

/**
 * The address the nearest untrusted hop connected from, normalised; null if the server was not
 * started with the peer-address preload.
 *
 * With `trustedProxies` = n, the n proxies nearest the app each appended the address they were
 * connected from, so the client is the (n+1)th address from the right of
 * "X-Forwarded-For, peer". Anything further left was written by the client and is ignored.
 */
export function clientAddress(headers: HeaderBag, trustedProxies: number): string | null {
  const peer = normaliseAddress(header(headers, PEER_ADDRESS_HEADER) ?? "");
  if (!peer) return null;
  if (trustedProxies <= 0) return peer;
  const forwarded = (header(headers, "x-forwarded-for") ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  const chain = [...forwarded, peer];
  const chosen = chain[Math.max(0, chain.length - 1 - trustedProxies)] ?? peer;
  // A trusted proxy writes a plain address; anything else means the chain is not what we expect.
  return normaliseAddress(chosen) ?? peer;
}

/**
 * One key per client: IPv4-mapped IPv6 is plain IPv4, and IPv6 is cut to its /64, since one
 * subscriber is usually given a whole /64 and could otherwise rotate through it.
 */
export function normaliseAddress(raw: string): string | null {
  let text = raw.trim();
  if (text.startsWith("[") && text.includes("]")) text = text.slice(1, text.indexOf("]"));
  const zone = text.indexOf("%");
  if (zone >= 0) text = text.slice(0, zone);
  const version = isIP(text);
  if (version === 4) return text;
  if (version !== 6) return null;
  const groups = expandIpv6(text.toLowerCase());
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    return `${groups[6]! >> 8}.${groups[6]! & 255}.${groups[7]! >> 8}.${groups[7]! & 255}`;
  }
  return `${groups.slice(0, 4).map((g) => g.toString(16)).join(":")}::/64`;
}

function expandIpv6(text: string): number[] {
  // An embedded IPv4 tail (::ffff:1.2.3.4) becomes two groups.
  const v4 = text.match(/(\d+)\.(\d+)\.(\d+)\.(\d+)$/);
  let body = text;
  if (v4) {
    const [a, b, c, d] = v4.slice(1).map(Number) as [number, number, number, number];
    body = `${text.slice(0, v4.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = "", tail] = body.split("::");
  const left = head ? head.split(":") : [];
  const right = tail === undefined ? [] : tail ? tail.split(":") : [];
  const missing = 8 - left.length - right.length;
  return [...left, ...Array<string>(tail === undefined ? 0 : missing).fill("0"), ...right].map((g) => parseInt(g, 16));
}
