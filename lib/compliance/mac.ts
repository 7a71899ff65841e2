/**
 * MAC address handling for the IEEE OUI registry (DOMAIN.md §5). Addresses are normalised to 12
 * upper-case hex digits so that registry keys and recorded addresses meet in one form.
 */

const COLON_OR_DASH = /^([0-9a-f]{2})([:-])([0-9a-f]{2})\2([0-9a-f]{2})\2([0-9a-f]{2})\2([0-9a-f]{2})\2([0-9a-f]{2})$/i;
const CISCO_DOTTED = /^([0-9a-f]{4})\.([0-9a-f]{4})\.([0-9a-f]{4})$/i;
const BARE = /^[0-9a-f]{12}$/i;

/**
 * "44:47:CC:12:34:56", "44-47-cc-12-34-56", "4447.cc12.3456" or "4447cc123456" → "4447CC123456";
 * anything else (mixed separators, wrong length, non-hex) → null, because a half-parsed address
 * could match the wrong prefix.
 */
export function normaliseMac(s: string): string | null {
  const t = s.trim();
  if (BARE.test(t)) return t.toUpperCase();
  const cd = COLON_OR_DASH.exec(t);
  if (cd !== null) return `${cd[1]}${cd[3]}${cd[4]}${cd[5]}${cd[6]}${cd[7]}`.toUpperCase();
  const dotted = CISCO_DOTTED.exec(t);
  if (dotted !== null) return `${dotted[1]}${dotted[2]}${dotted[3]}`.toUpperCase();
  return null;
}

/**
 * Locally administered addresses (randomised or assigned by software) carry no manufacturer, so
 * the U/L bit, the second-least-significant bit of the first octet, rules them out of any lookup.
 * An invalid address is not locally administered: it is simply not an address.
 */
export function isLocallyAdministered(mac: string): boolean {
  const n = normaliseMac(mac);
  if (n === null) return false;
  return (Number.parseInt(n.slice(0, 2), 16) & 0x02) !== 0;
}

/** Registry block lengths in hex digits, most specific first: MA-S, MA-M, MA-L. */
export const PREFIX_LENGTHS = [9, 7, 6] as const;

/**
 * Longest-prefix lookup in a map keyed by upper-case hex prefixes (as the IEEE registry and the
 * oui-data package key them). Returns null for invalid or locally administered addresses.
 */
export function lookupMacPrefix<V>(prefixMap: ReadonlyMap<string, V>, mac: string): V | null {
  const n = normaliseMac(mac);
  if (n === null || (Number.parseInt(n.slice(0, 2), 16) & 0x02) !== 0) return null;
  for (const len of PREFIX_LENGTHS) {
    const hit = prefixMap.get(n.slice(0, len));
    if (hit !== undefined) return hit;
  }
  return null;
}
