import { describe, expect, it } from "vitest";
import {
  assessDevice,
  buildRuleContext,
  DEFAULT_POLICY,
  RULES,
  RULES_BY_ID,
  type DeviceStatus,
  type RuleId,
} from "@/lib/compliance";
import { AS_OF, facts, type FactsOverrides } from "./fixtures";

type Case = [name: string, overrides: FactsOverrides, expected: DeviceStatus | null, asOf?: string];

/** Checks the rule on its own and inside assessDevice, so neither path can drift from the other. */
function check(ruleId: RuleId, cases: Case[]) {
  it.each(cases)("%s", (_name, overrides, expected, asOf = AS_OF) => {
    const f = facts(overrides);
    // Rules assume equipment still on site; assessDevice is what screens out REMOVED.
    if (f.lifecycle !== "REMOVED") {
      const direct = RULES_BY_ID[ruleId].evaluate(buildRuleContext(f, asOf, DEFAULT_POLICY));
      expect(direct?.status ?? null).toBe(expected);
    }
    const viaEngine = assessDevice(f, asOf).findings.find((x) => x.ruleId === ruleId);
    expect(viaEngine?.status ?? null).toBe(expected);
  });
}

const EXTENDED = { sensitivity: "NOT_SENSITIVE", controlsExtended: true } as const;
const OUTSIDE = { sensitivity: "NOT_SENSITIVE", controlsExtended: false } as const;
const UNASSESSED = { sensitivity: "UNASSESSED" } as const;

describe("R1-NEW-DEPLOYMENT", () => {
  check("R1-NEW-DEPLOYMENT", [
    ["fires on the cut-off day itself", { installedOn: "2022-11-24" }, "BREACH"],
    ["does not fire the day before the cut-off", { installedOn: "2022-11-23" }, null],
    ["fires well after the cut-off", { installedOn: "2023-05-01" }, "BREACH"],
    ["fires on a site with controls extended (point 4)", { installedOn: "2023-05-01", site: EXTENDED }, "BREACH"],
    ["fires for decommissioned equipment still on site", { installedOn: "2023-05-01", lifecycle: "DECOMMISSIONED" }, "BREACH"],
    ["fires when installed on the day the site became sensitive", { installedOn: "2024-06-01", site: { sensitiveSince: "2024-06-01" } }, "BREACH"],
    ["does not fire when installed before the site became sensitive", { installedOn: "2024-05-31", site: { sensitiveSince: "2024-06-01" } }, null],
    ["fires regardless of network", { installedOn: "2023-05-01", network: "STANDALONE" }, "BREACH"],
    ["does not fire for a non-covered producer", { installedOn: "2023-05-01", producer: "NOT_COVERED" }, null],
    ["does not fire for an unknown producer", { installedOn: "2023-05-01", producer: "UNKNOWN" }, null],
    ["does not fire outside sensitive sites", { installedOn: "2023-05-01", site: OUTSIDE }, null],
    ["does not fire on an unassessed site", { installedOn: "2023-05-01", site: UNASSESSED }, null],
    ["does not fire when the install date is unknown (D3 instead)", { installedOn: null }, null],
    ["does not fire for removed equipment", { installedOn: "2023-05-01", lifecycle: "REMOVED" }, null],
  ]);
});

describe("R2-CORE-NETWORK", () => {
  check("R2-CORE-NETWORK", [
    ["fires on a sensitive site", { network: "CORE" }, "BREACH"],
    ["fires outside sensitive sites", { network: "CORE", site: OUTSIDE }, "BREACH"],
    ["fires on an unassessed site", { network: "CORE", site: UNASSESSED }, "BREACH"],
    ["does not fire on a segregated network", { network: "SEGREGATED" }, null],
    ["does not fire on a standalone network", { network: "STANDALONE" }, null],
    ["does not fire on an unknown network (D4 instead)", { network: "UNKNOWN" }, null],
    ["does not fire when decommissioned", { network: "CORE", lifecycle: "DECOMMISSIONED" }, null],
    ["does not fire for a non-covered producer", { network: "CORE", producer: "NOT_COVERED" }, null],
    ["does not fire for an unknown producer (D1 instead)", { network: "CORE", producer: "UNKNOWN" }, null],
  ]);
});

describe("R3-REMOVAL", () => {
  check("R3-REMOVAL", [
    ["is due before the deadline", {}, "ACTION_DUE"],
    ["is due on the deadline day", {}, "ACTION_DUE", "2025-04-30"],
    ["is a breach the day after the deadline", {}, "BREACH", "2025-05-01"],
    ["applies to decommissioned equipment still on site", { lifecycle: "DECOMMISSIONED" }, "ACTION_DUE"],
    ["applies on a site with controls extended", { site: EXTENDED }, "ACTION_DUE"],
    ["applies when the install date is unknown", { installedOn: null }, "ACTION_DUE"],
    ["applies when installed after the cut-off but before the site became sensitive", { installedOn: "2023-03-01", site: { sensitiveSince: "2024-06-01" } }, "ACTION_DUE"],
    ["does not apply to a new deployment (R1 instead)", { installedOn: "2023-03-01" }, null],
    ["does not apply outside sensitive sites", { site: OUTSIDE }, null],
    ["does not apply on an unassessed site", { site: UNASSESSED }, null],
    ["does not apply to a non-covered producer", { producer: "NOT_COVERED" }, null],
    ["does not apply to an unknown producer", { producer: "UNKNOWN" }, null],
    ["does not apply to removed equipment", { lifecycle: "REMOVED" }, null],
  ]);
});

describe("R4-OUTSIDE-SENSITIVE", () => {
  check("R4-OUTSIDE-SENSITIVE", [
    ["fires outside sensitive sites", { site: OUTSIDE }, "ADVISORY"],
    ["fires for decommissioned equipment", { site: OUTSIDE, lifecycle: "DECOMMISSIONED" }, "ADVISORY"],
    ["fires for equipment installed after the cut-off", { site: OUTSIDE, installedOn: "2024-01-01" }, "ADVISORY"],
    ["does not fire once controls are extended", { site: EXTENDED }, null],
    ["does not fire on a sensitive site", {}, null],
    ["does not fire on an unassessed site", { site: UNASSESSED }, null],
    ["does not fire for a non-covered producer", { site: OUTSIDE, producer: "NOT_COVERED" }, null],
    ["does not fire for an unknown producer", { site: OUTSIDE, producer: "UNKNOWN" }, null],
  ]);
});

describe("R5-VENDOR-CLOUD", () => {
  check("R5-VENDOR-CLOUD", [
    ["fires when the vendor cloud is on", { vendorCloud: true }, "ACTION_DUE"],
    ["fires on any site", { vendorCloud: true, site: OUTSIDE }, "ACTION_DUE"],
    ["fires on an unassessed site", { vendorCloud: true, site: UNASSESSED }, "ACTION_DUE"],
    ["does not fire when it is off", { vendorCloud: false }, null],
    ["does not fire when it is unknown", { vendorCloud: null }, null],
    ["does not fire when decommissioned", { vendorCloud: true, lifecycle: "DECOMMISSIONED" }, null],
    ["does not fire for a non-covered producer", { vendorCloud: true, producer: "NOT_COVERED" }, null],
    ["does not fire for an unknown producer", { vendorCloud: true, producer: "UNKNOWN" }, null],
  ]);
});

describe("D1-PRODUCER-UNKNOWN", () => {
  check("D1-PRODUCER-UNKNOWN", [
    ["fires on a sensitive site", { producer: "UNKNOWN" }, "UNVERIFIED"],
    ["fires on a site with controls extended", { producer: "UNKNOWN", site: EXTENDED }, "UNVERIFIED"],
    ["fires on an unassessed site", { producer: "UNKNOWN", site: UNASSESSED }, "UNVERIFIED"],
    ["fires outside sensitive sites when on a core network", { producer: "UNKNOWN", site: OUTSIDE, network: "CORE" }, "UNVERIFIED"],
    ["fires for decommissioned equipment on a sensitive site", { producer: "UNKNOWN", lifecycle: "DECOMMISSIONED" }, "UNVERIFIED"],
    ["does not fire outside sensitive sites off the core", { producer: "UNKNOWN", site: OUTSIDE, network: "SEGREGATED" }, null],
    ["does not fire outside sensitive sites on an unknown network", { producer: "UNKNOWN", site: OUTSIDE, network: "UNKNOWN" }, null],
    ["does not fire outside sensitive sites for decommissioned core equipment", { producer: "UNKNOWN", site: OUTSIDE, network: "CORE", lifecycle: "DECOMMISSIONED" }, null],
    ["does not fire for a covered producer", {}, null],
    ["does not fire for a non-covered producer", { producer: "NOT_COVERED", network: "CORE" }, null],
  ]);
});

describe("D2-SITE-UNASSESSED", () => {
  check("D2-SITE-UNASSESSED", [
    ["fires for covered equipment on an unassessed site", { site: UNASSESSED }, "UNVERIFIED"],
    ["fires for decommissioned equipment", { site: UNASSESSED, lifecycle: "DECOMMISSIONED" }, "UNVERIFIED"],
    ["fires even with controls extended, which needs an assessment first", { site: { sensitivity: "UNASSESSED", controlsExtended: true } }, "UNVERIFIED"],
    ["does not fire on an assessed sensitive site", {}, null],
    ["does not fire on an assessed non-sensitive site", { site: OUTSIDE }, null],
    ["does not fire for a non-covered producer", { site: UNASSESSED, producer: "NOT_COVERED" }, null],
    ["does not fire for an unknown producer (D1 instead)", { site: UNASSESSED, producer: "UNKNOWN" }, null],
  ]);
});

describe("D3-INSTALL-DATE-UNKNOWN", () => {
  check("D3-INSTALL-DATE-UNKNOWN", [
    ["fires on a sensitive site", { installedOn: null }, "UNVERIFIED"],
    ["fires on a site with controls extended", { installedOn: null, site: EXTENDED }, "UNVERIFIED"],
    ["fires for decommissioned equipment", { installedOn: null, lifecycle: "DECOMMISSIONED" }, "UNVERIFIED"],
    ["does not fire when the date is known", {}, null],
    ["does not fire outside sensitive sites", { installedOn: null, site: OUTSIDE }, null],
    ["does not fire on an unassessed site", { installedOn: null, site: UNASSESSED }, null],
    ["does not fire for a non-covered producer", { installedOn: null, producer: "NOT_COVERED" }, null],
  ]);
});

describe("D4-NETWORK-UNKNOWN", () => {
  check("D4-NETWORK-UNKNOWN", [
    ["fires for covered equipment in service", { network: "UNKNOWN" }, "UNVERIFIED"],
    ["fires on any site", { network: "UNKNOWN", site: OUTSIDE }, "UNVERIFIED"],
    ["does not fire when decommissioned", { network: "UNKNOWN", lifecycle: "DECOMMISSIONED" }, null],
    ["does not fire when the network is known", { network: "STANDALONE" }, null],
    ["does not fire for a non-covered producer", { network: "UNKNOWN", producer: "NOT_COVERED" }, null],
    ["does not fire for an unknown producer", { network: "UNKNOWN", producer: "UNKNOWN", site: OUTSIDE }, null],
  ]);
});

const HIK = { owner: "Hangzhou Hikvision Digital Technology Co.,Ltd.", producerName: "Hikvision" };

describe("D5-MAC-MISMATCH", () => {
  check("D5-MAC-MISMATCH", [
    ["fires for a non-covered brand with a covered MAC prefix", { producer: "NOT_COVERED", macEvidence: HIK }, "UNVERIFIED"],
    ["fires for an unknown producer with a covered MAC prefix", { producer: "UNKNOWN", macEvidence: HIK }, "UNVERIFIED"],
    ["fires on any site", { producer: "NOT_COVERED", macEvidence: HIK, site: OUTSIDE }, "UNVERIFIED"],
    ["does not fire when the producer is already covered", { macEvidence: HIK }, null],
    ["does not fire without evidence (null)", { producer: "NOT_COVERED", macEvidence: null }, null],
    ["does not fire without evidence (absent)", { producer: "NOT_COVERED" }, null],
    ["does not fire for removed equipment", { producer: "NOT_COVERED", macEvidence: HIK, lifecycle: "REMOVED" }, null],
  ]);

  it("asks for evidence in the exact words, naming owner and producer", () => {
    const a = assessDevice(facts({ producer: "NOT_COVERED", macEvidence: HIK }), AS_OF);
    expect(a.findings).toEqual([
      {
        ruleId: "D5-MAC-MISMATCH",
        status: "UNVERIFIED",
        message:
          "Probable covered equipment: the network address belongs to Hangzhou Hikvision Digital Technology Co.,Ltd. (Hikvision) " +
          "but the brand recorded is not a covered producer. Check the label and provide evidence.",
      },
    ]);
  });

  it("never reclassifies: a non-covered camera with a Hikvision chip on the core of a sensitive site is UNVERIFIED, not BREACH", () => {
    const a = assessDevice(facts({ producer: "NOT_COVERED", macEvidence: HIK, network: "CORE", installedOn: "2024-01-01", vendorCloud: true }), "2026-01-01");
    expect(a.status).toBe("UNVERIFIED");
    expect(a.findings.map((f) => f.ruleId)).toEqual(["D5-MAC-MISMATCH"]);
  });
});

describe("rule registry", () => {
  it("lists every rule once, in a fixed order", () => {
    expect(RULES.map((r) => r.id)).toEqual([
      "R1-NEW-DEPLOYMENT",
      "R2-CORE-NETWORK",
      "R3-REMOVAL",
      "R4-OUTSIDE-SENSITIVE",
      "R5-VENDOR-CLOUD",
      "D1-PRODUCER-UNKNOWN",
      "D2-SITE-UNASSESSED",
      "D3-INSTALL-DATE-UNKNOWN",
      "D4-NETWORK-UNKNOWN",
      "D5-MAC-MISMATCH",
    ]);
    for (const r of RULES) expect(RULES_BY_ID[r.id]).toBe(r);
    expect(Object.keys(RULES_BY_ID)).toHaveLength(RULES.length);
  });

  it("lets only R3, R4 and R5 be exempted", () => {
    expect(RULES.filter((r) => r.exemptible).map((r) => r.id)).toEqual(["R3-REMOVAL", "R4-OUTSIDE-SENSITIVE", "R5-VENDOR-CLOUD"]);
  });

  it.each([
    ["R1-NEW-DEPLOYMENT", 1, "Departments are instructed to cease deployment of visual surveillance equipment onto sensitive sites where it is produced by companies subject to the National Intelligence Law of the People's Republic of China."],
    ["R2-CORE-NETWORK", 2, "Departments are advised that no such equipment should be connected to departmental core networks."],
    ["R3-REMOVAL", 3, "Departments should consider removing and replacing such equipment where it is deployed on sensitive sites, rather than waiting for scheduled upgrades."],
    ["R4-OUTSIDE-SENSITIVE", 4, "Departments should consider whether sites outside the definition of sensitive should have the same controls applied."],
  ] as const)("%s quotes point %i of HCWS386 word for word", (id, point, words) => {
    const rule = RULES_BY_ID[id];
    expect(rule.point).toBe(point);
    expect(rule.directive).toContain(words);
    expect(rule.directive).toContain(`Point ${point} (HCWS386, 24 November 2022)`);
  });

  it("gives every rule a title and a cited directive text", () => {
    for (const r of RULES) {
      expect(r.title.length).toBeGreaterThan(3);
      expect(r.directive).toContain("HCWS386, 24 November 2022");
    }
  });
});
