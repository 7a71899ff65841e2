import type { RegisterEntry } from "./brand";
import type { MacEvidence } from "./types";

/**
 * Matches IEEE registry owner names to covered producers, to build DeviceFacts.macEvidence. The
 * patterns are matched against the owner's name only: registry records carry postal addresses,
 * and a short pattern would otherwise match a street or a region.
 */

export interface OuiOwnerMatch {
  producerId: string;
  producerName: string;
  covered: boolean;
}

export type OuiOwnerMatcher = (owner: string) => OuiOwnerMatch | null;

/** The owner's name: the first line of an IEEE registry record such as oui-data's values. */
export function ouiOwnerName(record: string): string {
  const nl = record.indexOf("\n");
  return (nl < 0 ? record : record.slice(0, nl)).trim();
}

export function buildOuiOwnerMatcher(entries: readonly RegisterEntry[]): OuiOwnerMatcher {
  const patterns: { pattern: string; match: OuiOwnerMatch }[] = [];
  for (const e of entries) {
    for (const p of e.ouiOwnerPatterns ?? []) {
      const pattern = p.trim().toLowerCase();
      if (pattern !== "") {
        patterns.push({ pattern, match: { producerId: e.producerId, producerName: e.producerName, covered: e.covered } });
      }
    }
  }
  // Longest first, so a specific pattern wins over a general one that happens to match too.
  patterns.sort((a, b) => b.pattern.length - a.pattern.length);
  return (owner) => {
    const name = ouiOwnerName(owner).toLowerCase();
    for (const p of patterns) if (name.includes(p.pattern)) return p.match;
    return null;
  };
}

/** The evidence to attach to a device whose MAC prefix belongs to a covered producer, else null. */
export function macEvidenceFor(matcher: OuiOwnerMatcher, owner: string | null | undefined): MacEvidence | null {
  if (owner == null) return null;
  const m = matcher(owner);
  return m !== null && m.covered ? { owner: ouiOwnerName(owner), producerName: m.producerName } : null;
}
