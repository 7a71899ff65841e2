// The producer register's verdict on each host a discovery file describes: whether it is probably
// covered equipment, and why. Pure: the register is passed in, and the rules engine decides.
import { isLocallyAdministered, lookupMacPrefix, probableCoveredProducer, type BrandIndex, type MacEvidence } from "@/lib/compliance";
import type { DiscoveredHostInput } from "@/lib/discovery/types";

export interface ClassifiedHost extends DiscoveredHostInput {
  siteId: number;
  probableProducer: string | null;
  reasons: string[];
}

export interface ClassifyRegister {
  brands: BrandIndex;
  macPrefixes: ReadonlyMap<string, MacEvidence>;
}

/** The register's verdict on what a file says about each host: probable covered equipment, with reasons. */
export function classifyHosts(register: ClassifyRegister, placed: readonly { host: DiscoveredHostInput; siteId: number }[]): ClassifiedHost[] {
  // A /16 is mostly the same few kinds of machine: weigh each distinct piece of evidence once.
  const verdicts = new Map<string, ReturnType<typeof probableCoveredProducer>>();
  return placed.map(({ host, siteId }) => {
    const macEvidence = host.mac && !isLocallyAdministered(host.mac) ? lookupMacPrefix(register.macPrefixes, host.mac) : null;
    const banners = [
      ...host.services.flatMap((s) => [s.product, [s.product, s.version].filter(Boolean).join(" "), s.extraInfo].filter((x): x is string => Boolean(x))),
      ...host.hostnames,
      ...(host.name ? [host.name] : []),
      ...(host.osGuess ? [host.osGuess] : []),
    ];
    const locallyAdministered = host.mac !== null && isLocallyAdministered(host.mac);
    const evidence = {
      mac: host.mac, macEvidence, macVendor: host.macVendor, manufacturer: host.manufacturer, model: host.model, banners: [...new Set(banners)],
    };
    // Of the MAC, the verdict depends only on its registry owner and whether it is locally administered.
    const key = JSON.stringify([macEvidence, locallyAdministered, host.macVendor, host.manufacturer, host.model, evidence.banners]);
    let probable = verdicts.get(key);
    if (probable === undefined) {
      probable = probableCoveredProducer(evidence, register.brands);
      verdicts.set(key, probable);
    }
    return { ...host, siteId, probableProducer: probable?.producerName ?? null, reasons: probable?.reasons ?? [] };
  });
}

