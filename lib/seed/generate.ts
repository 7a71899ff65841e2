import { COVERED_LABELS, NOT_COVERED_LABELS, UNKNOWN_LABELS, coveredMac, macFor, modelFor } from "@/lib/seed/brands";
import { ORGANISATIONS, organisationsFor, type SeedOrgType } from "@/lib/seed/organisations";
import { address } from "@/lib/seed/places";
import { Random } from "@/lib/seed/random";

export interface SeedOptions {
  devices: number;
  sites: number;
  organisations: number;
  seed: number;
}

export function defaultSeedOptions(devices = 50_000): SeedOptions {
  const large = devices >= 500_000;
  return {
    devices,
    sites: Math.max(1, Math.round(devices / (large ? 20 : 25))),
    organisations: large ? 500 : ORGANISATIONS.length,
    seed: 20221124,
  };
}

type Sensitivity = "SENSITIVE" | "NOT_SENSITIVE" | "UNASSESSED";
type Profile = "clean" | "amber" | "red" | "empty";

export interface OrgRow {
  id: number;
  name: string;
  acronym: string;
  slug: string;
  type: SeedOrgType;
  parentId: number | null;
  profile: Profile;
}

export interface SiteRow {
  id: number;
  organisationId: number;
  name: string;
  siteCode: string;
  addressLine1: string;
  town: string;
  postcode: string;
  uprn: string | null;
  epimsId: string | null;
  sensitivity: Sensitivity;
  holdsSecretMaterial: boolean;
  hostsDvStaff: boolean;
  usedByMinisters: boolean;
  socpaDesignated: boolean;
  highestClassification: "OFFICIAL" | "SECRET" | "TOP_SECRET" | null;
  controlsExtended: boolean;
  sensitiveSince: string | null;
  assessedBy: string | null;
  assessedOn: string | null;
}

export interface HistoryRow {
  siteId: number;
  sensitivity: Sensitivity;
  holdsSecretMaterial: boolean;
  hostsDvStaff: boolean;
  usedByMinisters: boolean;
  socpaDesignated: boolean;
  highestClassification: SiteRow["highestClassification"];
  controlsExtended: boolean;
  effectiveFrom: string;
  assessedBy: string | null;
  assessedOn: string | null;
}

export interface SystemRow {
  id: number;
  siteId: number;
  name: string;
  description: string;
}

export interface DeviceRow {
  id: number;
  organisationId: number;
  siteId: number;
  systemId: number | null;
  kind: "CAMERA" | "RECORDER" | "ENCODER" | "OTHER";
  brand: string;
  model: string | null;
  serial: string | null;
  assetTag: string | null;
  mac: string | null;
  ip: string | null;
  installedOn: string | null;
  network: "CORE" | "SEGREGATED" | "STANDALONE" | "UNKNOWN";
  vendorCloud: boolean | null;
  lifecycle: "IN_SERVICE" | "DECOMMISSIONED" | "REMOVED";
  decommissionedOn: string | null;
  removedOn: string | null;
  removalEvidence: string | null;
  notes: string | null;
}

export interface ExemptionRow {
  deviceId: number;
  justification: string;
  approvedBy: string;
  approvedOn: string;
  expiresOn: string;
}

export interface SeedData {
  organisations: OrgRow[];
  sites: SiteRow[];
  history: HistoryRow[];
  systems: SystemRow[];
  exemptions: ExemptionRow[];
  /** Devices are produced site by site, so a million of them never sit in memory at once. */
  devices(): Generator<DeviceRow>;
}

const ASSESSORS = ["Departmental Security Unit", "Estates Security Team", "Chief Security Officer", "Head of Protective Security"];
const SYSTEM_NAMES = ["Main CCTV", "Perimeter and gates", "Car park", "Reception and lobby", "Secure area"];

function slugify(s: string): string {
  return s.toLowerCase().replace(/&/g, "and").replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
}

/** Deterministic demo data: the same options give the same rows, always. */
export function generateSeedData(options: SeedOptions): SeedData {
  const rng = new Random(options.seed);
  const seedOrgs = organisationsFor(options.organisations);
  const idByAcronym = new Map<string, number>();
  seedOrgs.forEach((o, i) => idByAcronym.set(o.acronym, i + 1));

  // A spread of outcomes across government: most compliant, some with work to do, a few in breach,
  // and two small offices that have not recorded anything yet.
  const organisations: OrgRow[] = seedOrgs.map((o, i) => {
    const profile: Profile =
      o.acronym === "OLHL" || o.acronym === "OAG"
        ? "empty"
        : o.acronym === "HO" || o.acronym === "MOD" || o.acronym === "HMPPS"
          ? "red"
          : o.acronym === "DWP" || o.acronym === "FCDO"
            ? "amber"
            : rng.weighted<Profile>([["clean", 60], ["amber", 28], ["red", 12]]);
    return {
      id: i + 1,
      name: o.name,
      acronym: o.acronym,
      slug: slugify(o.acronym),
      type: o.type,
      parentId: o.parent ? (idByAcronym.get(o.parent) ?? null) : null,
      profile,
    };
  });

  // Share the sites out by weight; empty organisations get none.
  const weights = seedOrgs.map((o, i) => (organisations[i]!.profile === "empty" ? 0 : o.weight));
  const totalWeight = weights.reduce((a, b) => a + b, 0);
  const sitesPerOrg = weights.map((w) => (w === 0 ? 0 : Math.max(1, Math.round((options.sites * w) / totalWeight))));

  const sites: SiteRow[] = [];
  const history: HistoryRow[] = [];
  const systems: SystemRow[] = [];
  const siteOrgProfile: Profile[] = [];
  let epims = 100_000;
  organisations.forEach((org, oi) => {
    const share = seedOrgs[oi]!.sensitiveShare;
    for (let n = 1; n <= sitesPerOrg[oi]!; n++) {
      const id = sites.length + 1;
      const a = address(rng, org.acronym);
      let sensitivity: Sensitivity = rng.chance(share) ? "SENSITIVE" : "NOT_SENSITIVE";
      if (org.profile !== "clean" && rng.chance(0.06)) sensitivity = "UNASSESSED";
      const sensitive = sensitivity === "SENSITIVE";
      const secret = sensitive && rng.chance(0.6);
      const dv = sensitive && (rng.chance(0.5) || !secret);
      const ministers = sensitive && rng.chance(0.25);
      const socpa = sensitive && rng.chance(0.1);
      // Some sites became sensitive after the directive, and get the reclassification grace.
      const reclassified = sensitive && org.profile !== "clean" && rng.chance(0.12);
      const sensitiveSince = reclassified ? rng.date("2023-02-01", "2026-09-30") : null;
      const assessed = sensitivity !== "UNASSESSED";
      const assessedOn = assessed ? (sensitiveSince ?? rng.date("2022-12-01", "2024-06-30")) : null;
      const site: SiteRow = {
        id,
        organisationId: org.id,
        name: a.name,
        siteCode: `${org.acronym.replace(/[^A-Za-z0-9]/g, "").toUpperCase()}-${String(n).padStart(4, "0")}`,
        addressLine1: a.addressLine1,
        town: a.town,
        postcode: a.postcode,
        uprn: rng.chance(0.4) ? String(rng.int(10_000_000, 99_999_999_999)) : null,
        epimsId: rng.chance(0.7) ? String(epims++) : null,
        sensitivity,
        holdsSecretMaterial: secret,
        hostsDvStaff: dv,
        usedByMinisters: ministers,
        socpaDesignated: socpa,
        highestClassification: !assessed ? null : secret ? (rng.chance(0.3) ? "TOP_SECRET" : "SECRET") : "OFFICIAL",
        controlsExtended: sensitivity === "NOT_SENSITIVE" && rng.chance(0.08),
        sensitiveSince,
        assessedBy: assessed ? rng.pick(ASSESSORS) : null,
        assessedOn,
      };
      sites.push(site);
      siteOrgProfile.push(org.profile);
      if (reclassified) {
        history.push({ ...historyOf(site), sensitivity: "NOT_SENSITIVE", holdsSecretMaterial: false, hostsDvStaff: false, usedByMinisters: false, socpaDesignated: false, highestClassification: "OFFICIAL", effectiveFrom: "2015-04-01", assessedOn: "2015-04-01" });
      }
      history.push({ ...historyOf(site), effectiveFrom: sensitiveSince ?? "2015-04-01" });
      const systemCount = rng.int(1, 3);
      for (let s = 0; s < systemCount; s++) {
        systems.push({ id: systems.length + 1, siteId: id, name: SYSTEM_NAMES[s]!, description: `${SYSTEM_NAMES[s]} at ${site.name}` });
      }
    }
  });

  // Devices per site: vary around the mean so some buildings are large.
  const perSite = sites.map(() => 0.3 + rng.next() * 1.4);
  const sum = perSite.reduce((a, b) => a + b, 0);
  const deviceCounts = perSite.map((w) => Math.round((options.devices * w) / sum));
  const systemsBySite = new Map<number, number[]>();
  for (const s of systems) systemsBySite.set(s.siteId, [...(systemsBySite.get(s.siteId) ?? []), s.id]);

  const exemptions: ExemptionRow[] = [];
  const deviceSeed = rng.int(1, 2 ** 30);
  const exemptionRng = new Random(deviceSeed + 1);

  // Exemptions are decided as devices are generated: the list is complete once devices() has run.
  function* devices(): Generator<DeviceRow> {
    exemptions.length = 0;
    const r = new Random(deviceSeed);
    let id = 0;
    for (let si = 0; si < sites.length; si++) {
      const site = sites[si]!;
      const profile = siteOrgProfile[si]!;
      const org = organisations[site.organisationId - 1]!;
      const controlled = site.sensitivity === "SENSITIVE" || site.controlsExtended;
      const siteSystems = systemsBySite.get(site.id) ?? [];
      for (let d = 0; d < deviceCounts[si]!; d++) {
        id++;
        const device = makeDevice(r, id, site, org, profile, controlled, siteSystems, d);
        yield device;
      }
    }
  }

  function makeDevice(r: Random, id: number, site: SiteRow, org: OrgRow, profile: Profile, controlled: boolean, siteSystems: number[], index: number): DeviceRow {
    const kindRoll = r.next();
    const kind = kindRoll < 0.85 ? "CAMERA" : kindRoll < 0.93 ? "RECORDER" : kindRoll < 0.96 ? "ENCODER" : "OTHER";
    const family = r.weighted<"covered" | "unknown" | "other">([
      ["covered", controlled ? 0.1 : 0.14],
      ["unknown", 0.03],
      ["other", controlled ? 0.87 : 0.83],
    ]);
    const brand = r.weighted(family === "covered" ? COVERED_LABELS : family === "unknown" ? UNKNOWN_LABELS : NOT_COVERED_LABELS);
    let installedOn: string | null = r.chance(0.03) ? null : r.date("2012-01-01", "2026-10-31");
    let network: DeviceRow["network"] = r.weighted([["SEGREGATED", 60], ["STANDALONE", 25], ["CORE", 10], ["UNKNOWN", 5]] as const);
    let vendorCloud: boolean | null = r.weighted([[false, 80], [null, 15], [true, 5]] as const);
    let lifecycle: DeviceRow["lifecycle"] = r.chance(0.04) ? "DECOMMISSIONED" : "IN_SERVICE";
    let removedOn: string | null = null;
    let removalEvidence: string | null = null;
    let decommissionedOn: string | null = null;
    let mac: string | null = r.chance(0.75) ? macFor(r, brand) : null;
    let exempt = false;

    if (family === "covered") {
      // Covered kit is legacy: bought before the directive.
      installedOn = r.chance(0.02) ? null : r.date("2014-01-01", "2022-11-23");
      if (profile === "clean" || profile === "empty") {
        // A compliant organisation has taken covered kit off core networks and vendor clouds,
        // and removed it from controlled sites.
        network = r.chance(0.5) ? "SEGREGATED" : "STANDALONE";
        vendorCloud = false;
        if (installedOn === null) installedOn = "2019-06-01";
        if (controlled || site.sensitivity === "UNASSESSED") lifecycle = "REMOVED";
      } else if (controlled) {
        const roll = r.next();
        if (roll < 0.75) lifecycle = "REMOVED";
        else if (profile === "amber" && site.sensitiveSince === null) exempt = true;
        if (profile === "red" && index === 0 && r.chance(0.3)) {
          // A like-for-like replacement after the cut-off: a new deployment.
          installedOn = r.date("2023-01-01", "2025-12-31");
          lifecycle = "IN_SERVICE";
          exempt = false;
        }
      }
      if (profile === "amber" && network === "CORE") network = "SEGREGATED";
      if (profile === "amber" && vendorCloud === null) vendorCloud = false;
      if (lifecycle === "REMOVED") {
        removedOn = r.date("2023-01-15", "2025-04-25");
        removalEvidence = r.pick(["Contractor removal certificate", "Asset disposal record", "Photograph of replacement and waste transfer note"]);
        if (installedOn !== null && installedOn > removedOn) removedOn = installedOn;
      }
    } else if (family === "unknown") {
      // Unknown producers are a data gap that matters only where the rules would bite.
      if (profile === "clean" || profile === "empty") {
        if (network === "CORE") network = "SEGREGATED";
        if (controlled || site.sensitivity === "UNASSESSED") lifecycle = "REMOVED";
      }
    } else if (profile !== "clean" && profile !== "empty" && r.chance(0.004) && mac !== null) {
      // An OEM relabel: the label says one thing, the network chip another.
      mac = coveredMac(r);
    }
    if (family !== "covered" && lifecycle === "REMOVED") {
      removedOn = r.date("2023-01-15", "2025-04-25");
      removalEvidence = "Asset disposal record";
      if (installedOn !== null && installedOn > removedOn) removedOn = installedOn;
    }
    if (lifecycle === "DECOMMISSIONED") decommissionedOn = r.date(installedOn && installedOn > "2023-01-01" ? installedOn : "2023-01-01", "2026-10-31");
    if (exempt) {
      exemptions.push({
        deviceId: id,
        justification: "Replacement contract let; removal scheduled with the building refit. Camera isolated from all networks.",
        approvedBy: exemptionRng.pick(["Permanent Secretary", "Departmental Security Officer", "Chief Operating Officer"]),
        approvedOn: exemptionRng.date("2025-01-10", "2025-04-20"),
        expiresOn: exemptionRng.date("2027-01-31", "2027-06-30"),
      });
    }
    const serialPrefix = brand.replace(/[^A-Za-z]/g, "").slice(0, 3).toUpperCase() || "GEN";
    return {
      id,
      organisationId: org.id,
      siteId: site.id,
      systemId: siteSystems.length ? siteSystems[index % siteSystems.length]! : null,
      kind,
      brand,
      model: modelFor(r, brand),
      serial: r.chance(0.9) ? `${serialPrefix}${r.hex(10)}${id}` : null,
      assetTag: r.chance(0.85) ? `${site.siteCode}-${String(index + 1).padStart(4, "0")}` : null,
      mac,
      ip: r.chance(0.6) ? `10.${r.int(0, 255)}.${r.int(0, 255)}.${r.int(1, 254)}` : null,
      installedOn,
      network,
      vendorCloud,
      lifecycle,
      decommissionedOn,
      removedOn,
      removalEvidence,
      notes: null,
    };
  }

  return { organisations, sites, history, systems, exemptions, devices };
}

function historyOf(site: SiteRow): HistoryRow {
  return {
    siteId: site.id,
    sensitivity: site.sensitivity,
    holdsSecretMaterial: site.holdsSecretMaterial,
    hostsDvStaff: site.hostsDvStaff,
    usedByMinisters: site.usedByMinisters,
    socpaDesignated: site.socpaDesignated,
    highestClassification: site.highestClassification,
    controlsExtended: site.controlsExtended,
    effectiveFrom: site.sensitiveSince ?? "2015-04-01",
    assessedBy: site.assessedBy,
    assessedOn: site.assessedOn,
  };
}
