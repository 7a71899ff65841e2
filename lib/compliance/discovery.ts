import { STATUS_RANK } from "./assess-device";
import { resolveBrand, type BrandIndex, type BrandResolution } from "./brand";
import { formatLongDate, laterOf } from "./dates";
import { quotePoint } from "./directive";
import { isLocallyAdministered } from "./mac";
import { DEFAULT_POLICY, isControlled } from "./policy";
import type { DirectivePoint, Finding, MacEvidence, Policy, SiteFacts } from "./types";

/**
 * Network discovery as evidence (DOMAIN.md §§4–6). A scan or a video management system's camera
 * list describes hosts, not register devices: this module weighs what it says about one host
 * against the producer register, and the discovery rule turns "probably covered, yet not in the
 * register" into a finding. Everything here is plain data in, plain data out, like the device rules.
 */

export interface DiscoveryEvidence {
  /**
   * The host's MAC address, when the caller has it. A locally administered address (set by
   * software, not the maker) makes `macEvidence` and `macVendor` void, whoever filled them in.
   */
  mac?: string | null;
  /**
   * The IEEE registry owner of the MAC prefix, when it is one of a covered producer's (built as
   * for devices: lookupMacPrefix, then macEvidenceFor); null otherwise.
   */
  macEvidence: MacEvidence | null;
  /** The scanner's own name for the MAC address's vendor (nmap's, from its copy of the registry). */
  macVendor: string | null;
  manufacturer: string | null;
  model: string | null;
  /** Service product, version and extra-info strings, and host names, as found. */
  banners: readonly string[];
}

export interface ProbableCovered {
  producerName: string;
  /** The register's id for the producer; null when the MAC evidence names a producer the register index lacks. */
  producerId: string | null;
  /** One plain-English sentence per piece of evidence that points to a covered producer, strongest first. */
  reasons: string[];
}

export interface DiscoveryWeighing {
  probable: ProbableCovered | null;
  /**
   * What a reviewer should check that does not by itself make the host probable covered:
   * low-confidence, ambiguous or date-bound register matches, a locally administered address,
   * evidence that names more than one covered producer, and non-covered evidence that contradicts
   * the covered evidence.
   */
  notes: string[];
}

/** Long service strings are cut in messages: the reviewer sees the start, which names the product. */
const MAX_QUOTED = 80;

function quoted(s: string): string {
  const t = s.trim().replace(/\s+/g, " ");
  return `"${t.length > MAX_QUOTED ? `${t.slice(0, MAX_QUOTED - 1).trimEnd()}…` : t}"`;
}

function blank(s: string | null | undefined): s is null | undefined {
  return s == null || s.trim() === "";
}

/** "HiLook, a Hikvision brand" or just "Hikvision" when the brand is the producer's own name. */
function brandOf(r: BrandResolution): string {
  const producer = r.producerName ?? "";
  return r.brand === null || r.brand === producer ? producer : `${r.brand}, a ${producer} brand`;
}

/** ", which the producer register resolves to Hikvision (EZVIZ)". */
function resolvesTo(r: BrandResolution): string {
  const producer = r.producerName ?? "";
  const brand = r.brand !== null && r.brand !== producer ? ` (${r.brand})` : "";
  return `, which the producer register resolves to ${producer}${brand}`;
}

interface Lead {
  readonly producerName: string;
  readonly producerId: string | null;
  readonly reason: string;
}

/** How one source of evidence is described in reasons and notes. */
interface Source {
  /** The sentence for evidence that resolves to a covered producer. */
  covered(r: BrandResolution): string;
  /** The subject of a sentence about this evidence, e.g. 'The scan's maker "Annke"'. */
  readonly subject: string;
}

/** The producer register's id for a producer named by MAC evidence, when the index knows it. */
function producerIdOf(index: BrandIndex, producerName: string): string | null {
  const r = resolveBrand(index, producerName);
  return r.producer === "COVERED" && r.producerName === producerName ? r.producerId : null;
}

/**
 * Weighs what discovery says about one host. Only a COVERED resolution makes a host probable
 * covered. A LOW-confidence match to a covered producer (an OEM such as Annke, a chip maker such as
 * HiSilicon, a generic "NVR" model number) does not: the register resolves it to UNKNOWN because
 * it is a guess, and a guess must not put a finding on a department's record, so it comes back as
 * a note for the reviewer instead. Brands that changed hands (Lorex, IndigoVision) need a
 * manufacture date, which no scan gives, so they too are notes, never probable covered.
 *
 * Evidence is taken strongest first, and the first covered producer is the one reported when the
 * evidence disagrees: the MAC prefix's registered owner, the scanner's vendor name for the MAC,
 * the maker and model, then each banner or host name in the order given.
 */
export function weighDiscoveryEvidence(evidence: DiscoveryEvidence, index: BrandIndex): DiscoveryWeighing {
  const leads: Lead[] = [];
  const notes: string[] = [];
  const contrary: string[] = [];

  const weigh = (r: BrandResolution, source: Source) => {
    if (r.producer === "COVERED" && r.producerName !== null) {
      leads.push({ producerName: r.producerName, producerId: r.producerId, reason: source.covered(r) });
    } else if (r.producer === "NOT_COVERED" && r.producerName !== null) {
      contrary.push(`${source.subject} points to ${r.producerName}, not a covered producer: check the label.`);
    } else if (r.producer === "UNKNOWN" && r.matchedBy !== null && r.note !== null) {
      // matchedBy null means nothing in the register matched at all ("Apache httpd"): not worth a note.
      notes.push(`${source.subject} does not settle the producer: ${r.note}`);
    }
  };

  // A locally administered address carries no maker, so neither its prefix nor a vendor name for it is evidence.
  const macVoid = !blank(evidence.mac) && isLocallyAdministered(evidence.mac);
  if (macVoid && (evidence.macEvidence !== null || !blank(evidence.macVendor))) {
    notes.push(
      "The network address is locally administered (set by software, not by the maker), so its prefix says nothing about who made the equipment.",
    );
  }

  if (!macVoid && evidence.macEvidence !== null) {
    const { owner, producerName } = evidence.macEvidence;
    leads.push({
      producerName,
      producerId: producerIdOf(index, producerName),
      reason: `The network address's prefix is registered to ${owner}, a ${producerName} prefix.`,
    });
  }

  if (!macVoid && !blank(evidence.macVendor)) {
    const vendor = evidence.macVendor.trim();
    weigh(resolveBrand(index, vendor), {
      covered: (r) => `The scanner names the network address's maker as ${vendor}${resolvesTo(r)}.`,
      subject: `The scanner's maker for the network address, ${quoted(vendor)},`,
    });
  }

  if (!blank(evidence.manufacturer) || !blank(evidence.model)) {
    const maker = blank(evidence.manufacturer) ? null : evidence.manufacturer.trim();
    const model = blank(evidence.model) ? null : evidence.model.trim();
    weigh(resolveBrand(index, maker, model), {
      covered: (r) => {
        if (r.matchedBy !== "MODEL" || model === null) return `The scan names the maker as ${maker ?? ""}${resolvesTo(r)}.`;
        const unlisted = maker === null ? "" : `; the maker it names, ${quoted(maker)}, is not in the producer register`;
        return `The model number ${model} follows the numbering of ${brandOf(r)}${unlisted}.`;
      },
      subject: maker === null ? `The model number ${quoted(model ?? "")}` : `The scan's maker ${quoted(maker)}${model === null ? "" : ` and model ${quoted(model)}`}`,
    });
  }

  // The same service string on several ports is one piece of evidence.
  const banners = [...new Set(evidence.banners.map((b) => b.trim()).filter((b) => b !== ""))];
  for (const banner of banners) {
    const r = resolveBrand(index, banner);
    // Free text names many things: "Ubuntu 22.04 LTS" is not the LTS brand. Only a brand the
    // register holds with high confidence makes a banner evidence; a weaker match is a note.
    if (r.producer === "COVERED" && r.confidence !== "HIGH") {
      notes.push(`The service or host name ${quoted(banner)} may name ${brandOf(r)}, a less certain brand: check the label.`);
      continue;
    }
    weigh(r, {
      covered: (r) => `The scan reports ${quoted(banner)}, which names ${brandOf(r)}.`,
      subject: `The service or host name ${quoted(banner)}`,
    });
  }

  const first = leads[0];
  if (first === undefined) return { probable: null, notes };

  const producers = [...new Set(leads.map((l) => l.producerName))];
  if (producers.length > 1) {
    notes.unshift(
      `The evidence names more than one covered producer (${producers.join(", ")}); ${first.producerName} is reported because its evidence is the strongest: check the label.`,
    );
  }
  const producerId = leads.find((l) => l.producerName === first.producerName && l.producerId !== null)?.producerId ?? null;
  return {
    probable: { producerName: first.producerName, producerId, reasons: [...new Set(leads.map((l) => l.reason))] },
    notes: [...notes, ...contrary],
  };
}

/** The covered producer discovery points to for one host, or null; see weighDiscoveryEvidence. */
export function probableCoveredProducer(evidence: DiscoveryEvidence, index: BrandIndex): ProbableCovered | null {
  return weighDiscoveryEvidence(evidence, index).probable;
}

export type DiscoveryRuleId = "N1-UNRECORDED-COVERED";

export interface DiscoveryFacts {
  /** From probableCoveredProducer. */
  probable: ProbableCovered | null;
  /** The host is matched to a device in the register, which the device rules then assess. */
  recorded: boolean;
  /** An editor dismissed the host with a reason (not camera equipment, wrongly attributed, …). */
  dismissed: boolean;
  /** The site the host was found on. */
  site: SiteFacts;
}

export interface DiscoveryRule {
  readonly id: DiscoveryRuleId;
  readonly title: string;
  /** The words of the directive point the rule serves, with the citation. */
  readonly directive: string;
  readonly point: DirectivePoint | null;
  evaluate(facts: DiscoveryFacts, policy?: Policy): Finding | null;
}

export function isProbableCoveredUnrecorded(facts: Pick<DiscoveryFacts, "probable" | "recorded" | "dismissed">): boolean {
  return facts.probable !== null && !facts.recorded && !facts.dismissed;
}

const PRC_LAW = "a company subject to the National Intelligence Law of the People's Republic of China";

function opening(producerName: string): string {
  return `A host on the network is probably equipment produced by ${producerName}, ${PRC_LAW}, but it is not in the register.`;
}

/**
 * The register must know all covered equipment before it can be removed (point 3) or checked for
 * new deployments (point 1) and core connections (point 2), so unrecorded covered equipment on a
 * controlled site is work due now. There is no exemption: exemptions belong to recorded devices.
 */
export const N1_UNRECORDED_COVERED: DiscoveryRule = {
  id: "N1-UNRECORDED-COVERED",
  title: "Covered equipment on the network but not in the register",
  directive: `${quotePoint(3)} Points 1, 2 and 4 apply to the same equipment, which the register must record before any of them can be checked.`,
  point: 3,
  evaluate(facts, policy = DEFAULT_POLICY) {
    if (!isProbableCoveredUnrecorded(facts) || facts.probable === null) return null;
    const start = opening(facts.probable.producerName);
    const site = facts.site;
    if (isControlled(site)) {
      // R1's test: deployed on or after the cut-off, and on or after the site became sensitive.
      const since = site.sensitiveSince === null ? policy.cutOff : laterOf(policy.cutOff, site.sensitiveSince);
      return {
        ruleId: "N1-UNRECORDED-COVERED",
        status: "ACTION_DUE",
        message:
          `${start} It is on a controlled site. Record it in the register and establish its producer from the label; ` +
          "if it is covered, point 3 of the directive (HCWS386) applies: remove and replace it. " +
          `If it was deployed onto the site on or after ${formatLongDate(since)}, it is a breach of point 1, ` +
          "and under point 2 it must not be connected to a core network.",
      };
    }
    if (site.sensitivity === "UNASSESSED") {
      return {
        ruleId: "N1-UNRECORDED-COVERED",
        status: "UNVERIFIED",
        message:
          `${start} The site's sensitivity has not been assessed, so we cannot tell whether points 1 and 3 of the directive (HCWS386) apply. ` +
          "Record it in the register, establish its producer from the label, and assess the site; " +
          "on any site, under point 2 it must not be connected to a core network.",
      };
    }
    return {
      ruleId: "N1-UNRECORDED-COVERED",
      status: "ADVISORY",
      message:
        `${start} The site is outside the definition of sensitive. Record it in the register and establish its producer from the label; ` +
        "point 4 of the directive (HCWS386): consider whether this site should have the same controls applied, " +
        "and under point 2 it must not be connected to a core network.",
    };
  },
};

/** Fixed order, like RULES; kept apart from RULES so that stored device findings are unaffected. */
export const DISCOVERY_RULES: readonly DiscoveryRule[] = Object.freeze([N1_UNRECORDED_COVERED]);

export const DISCOVERY_RULES_BY_ID: Readonly<Record<DiscoveryRuleId, DiscoveryRule>> = Object.freeze(
  Object.fromEntries(DISCOVERY_RULES.map((r) => [r.id, r])) as Record<DiscoveryRuleId, DiscoveryRule>,
);

/** The one finding for a discovered host (the worst, should rules be added), or null when nothing is wrong. */
export function assessDiscoveredHost(facts: DiscoveryFacts, policy: Policy = DEFAULT_POLICY): Finding | null {
  let worst: Finding | null = null;
  for (const rule of DISCOVERY_RULES) {
    const f = rule.evaluate(facts, policy);
    if (f !== null && (worst === null || STATUS_RANK[f.status] < STATUS_RANK[worst.status])) worst = f;
  }
  return worst;
}
