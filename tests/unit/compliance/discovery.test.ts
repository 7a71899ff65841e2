import fc from "fast-check";
import ouiData from "oui-data";
import { describe, expect, it } from "vitest";
import {
  assessDiscoveredHost,
  buildBrandIndex,
  buildOuiOwnerMatcher,
  DEFAULT_POLICY,
  DIRECTIVE_POINTS,
  DISCOVERY_RULES,
  DISCOVERY_RULES_BY_ID,
  isProbableCoveredUnrecorded,
  lookupMacPrefix,
  macEvidenceFor,
  N1_UNRECORDED_COVERED,
  probableCoveredProducer,
  quotePoint,
  REGISTER_SEED,
  RULE_IDS,
  RULES_BY_ID,
  weighDiscoveryEvidence,
  type DeviceStatus,
  type DiscoveryEvidence,
  type DiscoveryFacts,
  type MacEvidence,
  type ProbableCovered,
  type Sensitivity,
  type SiteFacts,
} from "@/lib/compliance";
import { isoDate } from "./arbitraries";

const index = buildBrandIndex(REGISTER_SEED);
const matcher = buildOuiOwnerMatcher(REGISTER_SEED);
const registry = new Map(Object.entries(ouiData as Record<string, string>));

/** MAC evidence built exactly as lib/data builds it for devices: registry lookup, then owner match. */
function macEvidence(mac: string): MacEvidence | null {
  return macEvidenceFor(matcher, lookupMacPrefix(registry, mac));
}

const NONE: DiscoveryEvidence = Object.freeze({ macEvidence: null, macVendor: null, manufacturer: null, model: null, banners: [] });
const ev = (overrides: Partial<DiscoveryEvidence> = {}): DiscoveryEvidence => ({ ...NONE, ...overrides });
const weigh = (overrides: Partial<DiscoveryEvidence>) => weighDiscoveryEvidence(ev(overrides), index);
const probable = (overrides: Partial<DiscoveryEvidence>) => probableCoveredProducer(ev(overrides), index);

const HIK_OWNER = "Hangzhou Hikvision Digital Technology Co.,Ltd.";
const HIK_MAC = "44:47:CC:12:34:56";
const DAHUA_MAC = "3C:EF:8C:12:34:56";

function deepFreeze<T>(o: T): T {
  if (typeof o === "object" && o !== null) {
    Object.values(o).forEach(deepFreeze);
    Object.freeze(o);
  }
  return o;
}

describe("probableCoveredProducer: each path of evidence on its own", () => {
  it.each<[string, Partial<DiscoveryEvidence>, string, string, string]>([
    [
      "MAC prefix owner (Hikvision)",
      { mac: HIK_MAC, macEvidence: macEvidence(HIK_MAC) },
      "Hikvision",
      "hikvision",
      `The network address's prefix is registered to ${HIK_OWNER}, a Hikvision prefix.`,
    ],
    [
      "MAC prefix owner (Dahua)",
      { mac: DAHUA_MAC, macEvidence: macEvidence(DAHUA_MAC) },
      "Dahua",
      "dahua",
      "The network address's prefix is registered to Zhejiang Dahua Technology Co., Ltd., a Dahua prefix.",
    ],
    [
      "MAC prefix owner without the address itself",
      { macEvidence: { owner: HIK_OWNER, producerName: "Hikvision" } },
      "Hikvision",
      "hikvision",
      `The network address's prefix is registered to ${HIK_OWNER}, a Hikvision prefix.`,
    ],
    [
      "scanner vendor (Hikvision)",
      { macVendor: "Hangzhou Hikvision Digital Technology" },
      "Hikvision",
      "hikvision",
      "The scanner names the network address's maker as Hangzhou Hikvision Digital Technology, which the producer register resolves to Hikvision.",
    ],
    [
      "scanner vendor (EZVIZ, a subsidiary)",
      { macVendor: "Hangzhou Ezviz Software" },
      "Hikvision",
      "hikvision",
      "The scanner names the network address's maker as Hangzhou Ezviz Software, which the producer register resolves to Hikvision (EZVIZ).",
    ],
    [
      "scanner vendor (Dahua)",
      { macVendor: "Zhejiang Dahua Technology" },
      "Dahua",
      "dahua",
      "The scanner names the network address's maker as Zhejiang Dahua Technology, which the producer register resolves to Dahua.",
    ],
    [
      "manufacturer (Dahua's company name)",
      { manufacturer: "Zhejiang Dahua Technology" },
      "Dahua",
      "dahua",
      "The scan names the maker as Zhejiang Dahua Technology, which the producer register resolves to Dahua.",
    ],
    [
      "manufacturer (a Hikvision brand)",
      { manufacturer: "HiLook" },
      "Hikvision",
      "hikvision",
      "The scan names the maker as HiLook, which the producer register resolves to Hikvision (HiLook).",
    ],
    [
      "manufacturer with an agreeing model",
      { manufacturer: "Uniview", model: "IPC3234SR3-DVPF28" },
      "Uniview",
      "uniview",
      "The scan names the maker as Uniview, which the producer register resolves to Uniview.",
    ],
    [
      "model prefix alone (Hikvision)",
      { model: "DS-2CD2143G2-I" },
      "Hikvision",
      "hikvision",
      "The model number DS-2CD2143G2-I follows the numbering of Hikvision.",
    ],
    [
      "model prefix alone (Amcrest, a Dahua OEM)",
      { model: "IP4M-1041B" },
      "Dahua",
      "dahua",
      "The model number IP4M-1041B follows the numbering of Amcrest, a Dahua brand.",
    ],
    [
      "model prefix with a maker the register does not know",
      { manufacturer: "Acme", model: "DH-IPC-HFW1230S" },
      "Dahua",
      "dahua",
      'The model number DH-IPC-HFW1230S follows the numbering of Dahua; the maker it names, "Acme", is not in the producer register.',
    ],
    [
      "service banner (Hikvision)",
      { banners: ["Hikvision IP camera httpd"] },
      "Hikvision",
      "hikvision",
      'The scan reports "Hikvision IP camera httpd", which names Hikvision.',
    ],
    [
      "service banner (Dahua)",
      { banners: ["Dahua DVR rtsp"] },
      "Dahua",
      "dahua",
      'The scan reports "Dahua DVR rtsp", which names Dahua.',
    ],
    [
      "service banner (a Hikvision brand)",
      { banners: ["HiLook IPC httpd"] },
      "Hikvision",
      "hikvision",
      'The scan reports "HiLook IPC httpd", which names HiLook, a Hikvision brand.',
    ],
    [
      "host name (Hikvision)",
      { banners: ["hikvision-cam-01.estate.example"] },
      "Hikvision",
      "hikvision",
      'The scan reports "hikvision-cam-01.estate.example", which names Hikvision.',
    ],
    [
      "host name (HiLook, a Hikvision brand held with high confidence)",
      { banners: ["hilook-nvr-02"] },
      "Hikvision",
      "hikvision",
      'The scan reports "hilook-nvr-02", which names HiLook, a Hikvision brand.',
    ],
  ])("%s", (_name, overrides, producerName, producerId, reason) => {
    const w = weigh(overrides);
    expect(w.probable).toEqual({ producerName, producerId, reasons: [reason] });
    expect(w.notes).toEqual([]);
  });

  it("takes a banner naming a less certain brand as a note, never as evidence", () => {
    for (const banner of ["Ubuntu 22.04 LTS", "imou-doorbell"]) {
      const w = weigh({ banners: [banner] });
      expect(w.probable).toBeNull();
      expect(w.notes).toHaveLength(1);
      expect(w.notes[0]).toContain("a less certain brand: check the label.");
    }
  });

  it("takes each covered producer of the seed from a banner naming it", () => {
    for (const e of REGISTER_SEED.filter((x) => x.covered)) {
      expect(probable({ banners: [`${e.producerName} web server`] })).toMatchObject({ producerName: e.producerName, producerId: e.producerId });
    }
  });
});

describe("probableCoveredProducer: evidence that does not make a host probable covered", () => {
  it("gives null, with no notes, when there is no evidence at all", () => {
    expect(weigh({})).toEqual({ probable: null, notes: [] });
    expect(weigh({ manufacturer: "  ", model: "", macVendor: " ", banners: ["", "  "] })).toEqual({ probable: null, notes: [] });
  });

  it.each<[string, Partial<DiscoveryEvidence>]>([
    ["an Axis web server banner", { banners: ["AXIS P3265-LVE Network Camera http config"] }],
    ["an Axis manufacturer and model", { manufacturer: "Axis Communications", model: "P3265-LVE" }],
    ["an Axis scanner vendor", { macVendor: "Axis Communications AB" }],
    ["a Bosch model alone", { model: "NDE-3502-AL" }],
    ["banners naming nothing in the register", { banners: ["Apache httpd", "OpenSSH 8.9p1", "lighttpd"] }],
    ["a non-covered MAC owner (no evidence built)", { mac: "00:40:8C:12:34:56", macEvidence: macEvidence("00:40:8C:12:34:56") }],
  ])("not covered: %s → null, no notes", (_name, overrides) => {
    expect(weigh(overrides)).toEqual({ probable: null, notes: [] });
  });

  // The register lists these producers with LOW confidence: resolveBrand gives UNKNOWN with a review note.
  it.each<[string, Partial<DiscoveryEvidence>, string]>([
    ["Reolink banner", { banners: ["Reolink RLC-810A httpd"] }, "Reolink"],
    ["Reolink model", { model: "RLC-810A" }, "Reolink"],
    ["TVT manufacturer", { manufacturer: "TVT Digital" }, "TVT"],
    ["TVT model", { model: "TD-9524S3" }, "TVT"],
    ["TP-Link VIGI banner", { banners: ["TP-Link VIGI C340 http"] }, "TP-Link (VIGI)"],
    ["TP-Link scanner vendor", { macVendor: "TP-Link" }, "TP-Link (VIGI)"],
  ])("ambiguous: %s → null, with a review note", (_name, overrides, suspect) => {
    const w = weigh(overrides);
    expect(w.probable).toBeNull();
    expect(w.notes).toHaveLength(1);
    expect(w.notes[0]).toContain("does not settle the producer: Low-confidence match to ");
    expect(w.notes[0]).toContain(suspect);
  });

  // Decision: a LOW-confidence match to a COVERED producer is still a guess. It does not make the
  // host probable covered (no finding on the department's record) but the reviewer sees it as a note.
  it.each<[string, Partial<DiscoveryEvidence>, string]>([
    ["Annke (a Hikvision OEM) banner", { banners: ["Annke NVR httpd"] }, "Low-confidence match to Hikvision (OEM): check the label."],
    ["LaView manufacturer", { manufacturer: "LaView" }, "Low-confidence match to Hikvision (OEM): check the label."],
    ["HiSilicon (chip maker) banner", { banners: ["HiSilicon embedded web server"] }, "Low-confidence match to Huawei/HiSilicon (chip maker): check the label."],
    ["generic NVR model number", { model: "NVR4104HS-P-4KS2" }, "Low-confidence match to Dahua: check the label."],
  ])("low-confidence covered suspect: %s → null, with the register's note", (_name, overrides, note) => {
    const w = weigh(overrides);
    expect(w.probable).toBeNull();
    expect(w.notes).toHaveLength(1);
    expect(w.notes[0]).toMatch(/does not settle the producer: /);
    expect(w.notes[0]?.endsWith(note)).toBe(true);
  });

  // Lorex (sold in 2023) and IndigoVision (until April 2021) were Dahua's only up to a date, so the
  // register needs a manufacture date to decide; no scan reports one, so they are never probable
  // covered from discovery alone, only a note asking for the date.
  it.each<[string, Partial<DiscoveryEvidence>, string]>([
    ["Lorex banner", { banners: ["Lorex DVR httpd"] }, "Lorex was a Dahua brand until 31 December 2023: check the manufacture date."],
    ["Lorex manufacturer", { manufacturer: "Lorex Technology" }, "Lorex was a Dahua brand until 31 December 2023: check the manufacture date."],
    ["IndigoVision banner", { banners: ["IndigoVision Control Center"] }, "IndigoVision was a Dahua brand until 30 April 2021: check the manufacture date."],
    ["IndigoVision host name", { banners: ["indigo-vision-cam-3"] }, "IndigoVision was a Dahua brand until 30 April 2021: check the manufacture date."],
  ])("date-bound brand: %s → null, with a note asking for the date", (_name, overrides, note) => {
    const w = weigh(overrides);
    expect(w.probable).toBeNull();
    expect(w.notes).toHaveLength(1);
    expect(w.notes[0]?.endsWith(note)).toBe(true);
  });

  it("does not choose when one banner names producers on both sides", () => {
    const w = weigh({ banners: ["Axis housing with Hikvision camera"] });
    expect(w.probable).toBeNull();
    expect(w.notes[0]).toContain("more than one producer");
  });
});

describe("locally administered MAC addresses are never evidence", () => {
  const LOCAL = "46:47:CC:12:34:56"; // 44:47:CC (Hikvision) with the locally administered bit set

  it("the registry lookup already gives nothing for them", () => {
    expect(macEvidence(HIK_MAC)).not.toBeNull();
    expect(lookupMacPrefix(registry, LOCAL)).toBeNull();
    expect(macEvidence(LOCAL)).toBeNull();
  });

  it.each<[string, Partial<DiscoveryEvidence>]>([
    ["MAC evidence a caller built anyway", { mac: LOCAL, macEvidence: { owner: HIK_OWNER, producerName: "Hikvision" } }],
    ["a scanner vendor name for it", { mac: LOCAL, macVendor: "Hangzhou Hikvision Digital Technology" }],
    ["both", { mac: "02:00:00:00:00:01", macEvidence: { owner: HIK_OWNER, producerName: "Hikvision" }, macVendor: "Hikvision" }],
    ["the Cisco-dotted form", { mac: "4647.cc12.3456", macEvidence: { owner: HIK_OWNER, producerName: "Hikvision" } }],
  ])("ignores %s, with a note", (_name, overrides) => {
    const w = weigh(overrides);
    expect(w.probable).toBeNull();
    expect(w.notes).toEqual([
      "The network address is locally administered (set by software, not by the maker), so its prefix says nothing about who made the equipment.",
    ]);
  });

  it("still weighs the host's other evidence", () => {
    const p = probable({ mac: LOCAL, macEvidence: { owner: HIK_OWNER, producerName: "Hikvision" }, banners: ["Dahua DVR rtsp"] });
    expect(p).toEqual({ producerName: "Dahua", producerId: "dahua", reasons: ['The scan reports "Dahua DVR rtsp", which names Dahua.'] });
  });

  it("an invalid address does not void the evidence (it is not an address, not a local one)", () => {
    expect(probable({ mac: "not a mac", macEvidence: { owner: HIK_OWNER, producerName: "Hikvision" } })?.producerName).toBe("Hikvision");
  });
});

describe("several pieces of evidence", () => {
  it("lists every reason for one producer, strongest first, once each", () => {
    const p = probable({
      mac: HIK_MAC,
      macEvidence: macEvidence(HIK_MAC),
      macVendor: "Hangzhou Hikvision Digital Technology",
      manufacturer: "Hikvision",
      model: "DS-2CD2143G2-I",
      banners: ["Hikvision IP camera httpd", "Hikvision IP camera httpd", "  Hikvision IP camera httpd "],
    });
    expect(p).toEqual({
      producerName: "Hikvision",
      producerId: "hikvision",
      reasons: [
        `The network address's prefix is registered to ${HIK_OWNER}, a Hikvision prefix.`,
        "The scanner names the network address's maker as Hangzhou Hikvision Digital Technology, which the producer register resolves to Hikvision.",
        "The scan names the maker as Hikvision, which the producer register resolves to Hikvision.",
        'The scan reports "Hikvision IP camera httpd", which names Hikvision.',
      ],
    });
  });

  it.each<[string, Partial<DiscoveryEvidence>, string, string]>([
    ["MAC before banner", { mac: HIK_MAC, macEvidence: macEvidence(HIK_MAC), banners: ["Dahua DVR rtsp"] }, "Hikvision", "Dahua"],
    ["MAC before scanner vendor", { macEvidence: { owner: "Zhejiang Dahua Technology Co., Ltd.", producerName: "Dahua" }, macVendor: "Hikvision" }, "Dahua", "Hikvision"],
    ["scanner vendor before manufacturer", { macVendor: "Zhejiang Uniview Technologies", manufacturer: "Tiandy" }, "Uniview", "Tiandy"],
    ["manufacturer before banner", { manufacturer: "Dahua", banners: ["Hikvision IP camera httpd"] }, "Dahua", "Hikvision"],
    ["model before banner", { model: "DS-2CD2143G2-I", banners: ["Dahua DVR rtsp"] }, "Hikvision", "Dahua"],
    ["banners in the order given", { banners: ["Sunell http", "Kedacom rtsp"] }, "Sunell", "Kedacom"],
  ])("two covered producers (%s): picks the first, lists all reasons, and says so", (_name, overrides, chosen, other) => {
    const w = weigh(overrides);
    expect(w.probable?.producerName).toBe(chosen);
    expect(w.probable?.reasons).toHaveLength(2);
    expect(w.probable?.reasons[1]).toContain(other);
    expect(w.notes).toEqual([
      `The evidence names more than one covered producer (${chosen}, ${other}); ${chosen} is reported because its evidence is the strongest: check the label.`,
    ]);
  });

  it("keeps the MAC prefix as probable covered against a non-covered maker, noting the contradiction", () => {
    const w = weigh({ mac: HIK_MAC, macEvidence: macEvidence(HIK_MAC), manufacturer: "Axis", banners: ["AXIS P3265 http"] });
    expect(w.probable?.producerName).toBe("Hikvision");
    expect(w.probable?.reasons).toHaveLength(1);
    expect(w.notes).toEqual([
      'The scan\'s maker "Axis" points to Axis, not a covered producer: check the label.',
      'The service or host name "AXIS P3265 http" points to Axis, not a covered producer: check the label.',
    ]);
  });

  it("keeps low-confidence notes beside a probable producer", () => {
    const w = weigh({ banners: ["Annke NVR httpd", "Dahua DVR rtsp"] });
    expect(w.probable?.producerName).toBe("Dahua");
    expect(w.notes).toEqual(['The service or host name "Annke NVR httpd" does not settle the producer: Low-confidence match to Hikvision (OEM): check the label.']);
  });

  it("takes the producer id from later evidence when the MAC's producer is unknown to the index", () => {
    const smaller = buildBrandIndex(REGISTER_SEED.filter((e) => e.producerId !== "hikvision"));
    const onlyMac = probableCoveredProducer(ev({ macEvidence: { owner: HIK_OWNER, producerName: "Hikvision" } }), smaller);
    expect(onlyMac).toMatchObject({ producerName: "Hikvision", producerId: null });
    const p = probableCoveredProducer(ev({ macEvidence: { owner: HIK_OWNER, producerName: "Huawei/HiSilicon" }, banners: ["Huawei HoloSens"] }), smaller);
    expect(p).toMatchObject({ producerName: "Huawei/HiSilicon", producerId: "huawei" });
  });

  it("cuts a long service string in its reason", () => {
    const long = `Hikvision ${"x".repeat(200)}`;
    const reason = probable({ banners: [long] })?.reasons[0] ?? "";
    expect(reason.length).toBeLessThan(140);
    expect(reason).toContain("…");
  });
});

// ---------------------------------------------------------------------------------------------
// The rule

const PROBABLE: ProbableCovered = Object.freeze({
  producerName: "Hikvision",
  producerId: "hikvision",
  reasons: Object.freeze([`The network address's prefix is registered to ${HIK_OWNER}, a Hikvision prefix.`]) as string[],
});

const site = (sensitivity: Sensitivity, controlsExtended: boolean, sensitiveSince: string | null = null): SiteFacts => ({
  sensitivity,
  sensitiveSince,
  controlsExtended,
});

/** What the rule says for a probable, unrecorded, undismissed host on each kind of site. */
const SITES: [Sensitivity, boolean, DeviceStatus][] = [
  ["SENSITIVE", false, "ACTION_DUE"],
  ["SENSITIVE", true, "ACTION_DUE"],
  ["NOT_SENSITIVE", true, "ACTION_DUE"],
  ["NOT_SENSITIVE", false, "ADVISORY"],
  ["UNASSESSED", false, "UNVERIFIED"],
  ["UNASSESSED", true, "UNVERIFIED"],
];

const TABLE: [probable: boolean, recorded: boolean, dismissed: boolean, sensitivity: Sensitivity, extended: boolean, expected: DeviceStatus | null][] = [];
for (const p of [true, false]) {
  for (const recorded of [false, true]) {
    for (const dismissed of [false, true]) {
      for (const [sensitivity, extended, status] of SITES) {
        TABLE.push([p, recorded, dismissed, sensitivity, extended, p && !recorded && !dismissed ? status : null]);
      }
    }
  }
}

describe("N1-UNRECORDED-COVERED: every combination", () => {
  it("covers all 48 combinations", () => {
    expect(TABLE).toHaveLength(48);
    expect(TABLE.filter((r) => r[5] !== null)).toHaveLength(6);
  });

  it.each(TABLE)("probable %s, recorded %s, dismissed %s, site %s (controls extended %s) → %s", (p, recorded, dismissed, sensitivity, extended, expected) => {
    const facts: DiscoveryFacts = { probable: p ? PROBABLE : null, recorded, dismissed, site: site(sensitivity, extended) };
    const direct = N1_UNRECORDED_COVERED.evaluate(facts);
    expect(direct?.status ?? null).toBe(expected);
    expect(assessDiscoveredHost(facts)).toEqual(direct);
    expect(isProbableCoveredUnrecorded(facts)).toBe(expected !== null);
    if (direct !== null) {
      expect(direct.ruleId).toBe("N1-UNRECORDED-COVERED");
      expect(direct.message).toContain("Hikvision");
      expect(direct.message).toContain("HCWS386");
    }
  });
});

describe("N1-UNRECORDED-COVERED: messages", () => {
  const facts = (s: SiteFacts): DiscoveryFacts => ({ probable: PROBABLE, recorded: false, dismissed: false, site: s });
  const OPENING =
    "A host on the network is probably equipment produced by Hikvision, a company subject to the National Intelligence Law of the People's Republic of China, but it is not in the register.";

  it("on a controlled site: record it, remove it (point 3), breach if deployed after the cut-off (point 1), off the core (point 2)", () => {
    expect(assessDiscoveredHost(facts(site("SENSITIVE", false)))).toEqual({
      ruleId: "N1-UNRECORDED-COVERED",
      status: "ACTION_DUE",
      message:
        `${OPENING} It is on a controlled site. Record it in the register and establish its producer from the label; ` +
        "if it is covered, point 3 of the directive (HCWS386) applies: remove and replace it. " +
        "If it was deployed onto the site on or after 24 November 2022, it is a breach of point 1, " +
        "and under point 2 it must not be connected to a core network.",
    });
  });

  it("names the later of the cut-off and the date the site became sensitive, as R1 does", () => {
    expect(assessDiscoveredHost(facts(site("SENSITIVE", false, "2024-06-01")))?.message).toContain("on or after 1 June 2024,");
    expect(assessDiscoveredHost(facts(site("SENSITIVE", false, "2019-01-01")))?.message).toContain("on or after 24 November 2022,");
    expect(assessDiscoveredHost(facts(site("SENSITIVE", false)), { ...DEFAULT_POLICY, cutOff: "2023-01-01" })?.message).toContain("on or after 1 January 2023,");
  });

  it("on an unassessed site: assess the site", () => {
    expect(assessDiscoveredHost(facts(site("UNASSESSED", false)))?.message).toBe(
      `${OPENING} The site's sensitivity has not been assessed, so we cannot tell whether points 1 and 3 of the directive (HCWS386) apply. ` +
        "Record it in the register, establish its producer from the label, and assess the site; " +
        "on any site, under point 2 it must not be connected to a core network.",
    );
  });

  it("outside sensitive sites: point 4", () => {
    expect(assessDiscoveredHost(facts(site("NOT_SENSITIVE", false)))?.message).toBe(
      `${OPENING} The site is outside the definition of sensitive. Record it in the register and establish its producer from the label; ` +
        "point 4 of the directive (HCWS386): consider whether this site should have the same controls applied, " +
        "and under point 2 it must not be connected to a core network.",
    );
  });
});

describe("N1-UNRECORDED-COVERED: metadata", () => {
  it("has a stable id, a title and point 3 quoted word for word", () => {
    expect(N1_UNRECORDED_COVERED.id).toBe("N1-UNRECORDED-COVERED");
    expect(N1_UNRECORDED_COVERED.title).toBe("Covered equipment on the network but not in the register");
    expect(N1_UNRECORDED_COVERED.point).toBe(3);
    expect(N1_UNRECORDED_COVERED.directive).toContain(quotePoint(3));
    expect(N1_UNRECORDED_COVERED.directive).toContain(DIRECTIVE_POINTS[3]);
    expect(N1_UNRECORDED_COVERED.directive).toContain("Point 3 (HCWS386, 24 November 2022)");
  });

  it("is the only discovery rule, and is kept out of the device rules", () => {
    expect(DISCOVERY_RULES.map((r) => r.id)).toEqual(["N1-UNRECORDED-COVERED"]);
    expect(DISCOVERY_RULES_BY_ID["N1-UNRECORDED-COVERED"]).toBe(N1_UNRECORDED_COVERED);
    expect(RULE_IDS).not.toContain("N1-UNRECORDED-COVERED");
    expect(Object.keys(RULES_BY_ID)).not.toContain("N1-UNRECORDED-COVERED");
    expect(Object.isFrozen(DISCOVERY_RULES)).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------
// Purity and properties

const evidenceArb: fc.Arbitrary<DiscoveryEvidence> = fc.record({
  mac: fc.option(fc.constantFrom(HIK_MAC, DAHUA_MAC, "46:47:CC:12:34:56", "00:40:8C:12:34:56", "junk"), { nil: null }),
  macEvidence: fc.option(
    fc.constantFrom<MacEvidence>({ owner: HIK_OWNER, producerName: "Hikvision" }, { owner: "Zhejiang Dahua Technology Co., Ltd.", producerName: "Dahua" }),
    { nil: null },
  ),
  macVendor: fc.option(fc.constantFrom("Hangzhou Hikvision Digital Technology", "Zhejiang Dahua Technology", "Axis Communications AB", "TP-Link", "Intel"), { nil: null }),
  manufacturer: fc.option(fc.constantFrom("Hikvision", "Dahua", "Axis", "Annke", "Lorex", "Reolink", "Acme", ""), { nil: null }),
  model: fc.option(fc.constantFrom("DS-2CD2143G2-I", "IPC-HDW2431T", "P3265-LVE", "NVR4104HS", "RLC-810A", "ZZ-1"), { nil: null }),
  banners: fc.array(
    fc.oneof(
      fc.constantFrom("Hikvision IP camera httpd", "Dahua DVR rtsp", "HiLook IPC", "AXIS http", "Apache httpd", "IndigoVision", "TVT NVR", "Uniview rtsp"),
      fc.string({ maxLength: 30 }),
    ),
    { maxLength: 5 },
  ),
});

const siteArb: fc.Arbitrary<SiteFacts> = fc.record({
  sensitivity: fc.constantFrom<Sensitivity>("SENSITIVE", "NOT_SENSITIVE", "UNASSESSED"),
  sensitiveSince: fc.option(isoDate, { nil: null }),
  controlsExtended: fc.boolean(),
});

const probableArb: fc.Arbitrary<ProbableCovered | null> = fc.option(
  fc.record({
    producerName: fc.constantFrom("Hikvision", "Dahua", "Uniview"),
    producerId: fc.option(fc.constantFrom("hikvision", "dahua", "uniview"), { nil: null }),
    reasons: fc.array(fc.string(), { minLength: 1, maxLength: 3 }),
  }),
  { nil: null },
);

const discoveryFactsArb: fc.Arbitrary<DiscoveryFacts> = fc.record({ probable: probableArb, recorded: fc.boolean(), dismissed: fc.boolean(), site: siteArb });

describe("purity", () => {
  it("weighing evidence: same input, same output, input untouched", () => {
    fc.assert(
      fc.property(evidenceArb, (e) => {
        const before = structuredClone(e);
        const a = weighDiscoveryEvidence(deepFreeze(e), index);
        expect(weighDiscoveryEvidence(e, index)).toEqual(a);
        expect(e).toEqual(before);
      }),
    );
  });

  it("assessing a host: same input, same output, input untouched", () => {
    fc.assert(
      fc.property(discoveryFactsArb, (f) => {
        const before = structuredClone(f);
        const a = assessDiscoveredHost(deepFreeze(f));
        expect(assessDiscoveredHost(f)).toEqual(a);
        expect(f).toEqual(before);
      }),
    );
  });
});

describe("properties", () => {
  it("a finding exists iff probable && !recorded && !dismissed", () => {
    fc.assert(
      fc.property(discoveryFactsArb, (f) => {
        const finding = assessDiscoveredHost(f);
        expect(finding !== null).toBe(f.probable !== null && !f.recorded && !f.dismissed);
        expect(isProbableCoveredUnrecorded(f)).toBe(finding !== null);
      }),
    );
  });

  it("a finding is ACTION_DUE, UNVERIFIED or ADVISORY, names the producer and cites HCWS386", () => {
    fc.assert(
      fc.property(discoveryFactsArb, (f) => {
        const finding = assessDiscoveredHost(f);
        if (finding === null) return;
        expect(["ACTION_DUE", "UNVERIFIED", "ADVISORY"]).toContain(finding.status);
        expect(finding.message).toContain(f.probable?.producerName ?? "");
        expect(finding.message).toContain("HCWS386");
      }),
    );
  });

  it("a probable producer is a covered producer of the register with at least one reason", () => {
    const covered = new Set(REGISTER_SEED.filter((e) => e.covered).map((e) => e.producerName));
    fc.assert(
      fc.property(evidenceArb, (e) => {
        const p = probableCoveredProducer(e, index);
        if (p === null) return;
        expect(covered.has(p.producerName)).toBe(true);
        expect(p.reasons.length).toBeGreaterThan(0);
        expect(new Set(p.reasons).size).toBe(p.reasons.length);
      }),
    );
  });

  it("evidence with a locally administered address weighs the same as without the MAC evidence and vendor, bar the note", () => {
    fc.assert(
      fc.property(evidenceArb, (e) => {
        const local = weighDiscoveryEvidence({ ...e, mac: "46:47:CC:12:34:56" }, index);
        const without = weighDiscoveryEvidence({ ...e, mac: null, macEvidence: null, macVendor: null }, index);
        expect(local.probable).toEqual(without.probable);
      }),
    );
  });
});
