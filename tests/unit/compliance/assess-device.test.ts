import { describe, expect, it } from "vitest";
import { assessDevice, DEFAULT_POLICY, type Assessment, type Policy } from "@/lib/compliance";
import { AS_OF, facts } from "./fixtures";

const ids = (a: Assessment) => a.findings.map((f) => f.ruleId);
const byRule = (a: Assessment) => Object.fromEntries(a.findings.map((f) => [f.ruleId, f.status]));
const message = (a: Assessment, ruleId: string) => a.findings.find((f) => f.ruleId === ruleId)?.message ?? "";

describe("cut-off day", () => {
  it.each([
    ["2022-11-23", "ACTION_DUE", ["R3-REMOVAL"]],
    ["2022-11-24", "BREACH", ["R1-NEW-DEPLOYMENT"]],
  ] as const)("installed %s → %s", (installedOn, status, rules) => {
    const a = assessDevice(facts({ installedOn }), AS_OF);
    expect(a.status).toBe(status);
    expect(ids(a)).toEqual(rules);
  });
});

describe("removal deadline day", () => {
  it.each([
    ["2025-04-29", "ACTION_DUE"],
    ["2025-04-30", "ACTION_DUE"],
    ["2025-05-01", "BREACH"],
  ] as const)("as of %s → %s", (asOf, status) => {
    expect(assessDevice(facts(), asOf).status).toBe(status);
  });

  it("tells the owner the deadline and point 3 while action is due", () => {
    expect(message(assessDevice(facts(), "2025-04-30"), "R3-REMOVAL")).toBe(
      "Covered equipment remains on a controlled site. Point 3 of the directive (HCWS386): remove and replace it by 30 April 2025.",
    );
  });

  it("says the deadline has passed once it has", () => {
    const m = message(assessDevice(facts(), "2025-05-01"), "R3-REMOVAL");
    expect(m).toContain("after its removal deadline of 30 April 2025");
    expect(m).toContain("Point 3");
    expect(m).toContain("now");
  });
});

describe("reclassification", () => {
  it("gives a site that became sensitive on 2024-06-01 until 2025-06-01", () => {
    const f = facts({ site: { sensitiveSince: "2024-06-01" } });
    expect(assessDevice(f, "2025-06-01").status).toBe("ACTION_DUE");
    expect(message(assessDevice(f, "2025-06-01"), "R3-REMOVAL")).toContain("by 1 June 2025");
    expect(assessDevice(f, "2025-06-02").status).toBe("BREACH");
  });

  it.each([
    ["before the cut-off", "2019-03-01"],
    ["on the cut-off day (not after it)", "2022-11-24"],
    ["after the cut-off, but with grace ending before the standard deadline", "2022-12-01"],
    ["after the cut-off, with grace ending exactly on the standard deadline", "2024-04-30"],
  ])("keeps the standard deadline for a site sensitive since %s", (_label, sensitiveSince) => {
    const f = facts({ site: { sensitiveSince } });
    expect(assessDevice(f, "2025-04-30").status).toBe("ACTION_DUE");
    expect(assessDevice(f, "2025-05-01").status).toBe("BREACH");
  });

  it("extends the deadline by one day when grace ends the day after the standard deadline", () => {
    const f = facts({ site: { sensitiveSince: "2024-05-01" } });
    expect(assessDevice(f, "2025-05-01").status).toBe("ACTION_DUE");
    expect(assessDevice(f, "2025-05-02").status).toBe("BREACH");
  });

  it("treats equipment installed after the cut-off but before reclassification as R3, not R1", () => {
    const a = assessDevice(facts({ installedOn: "2023-07-01", site: { sensitiveSince: "2024-06-01" } }), AS_OF);
    expect(byRule(a)).toEqual({ "R3-REMOVAL": "ACTION_DUE" });
  });

  it("treats equipment installed after reclassification as a new deployment", () => {
    const a = assessDevice(facts({ installedOn: "2024-06-02", site: { sensitiveSince: "2024-06-01" } }), AS_OF);
    expect(byRule(a)).toEqual({ "R1-NEW-DEPLOYMENT": "BREACH" });
  });
});

describe("exemptions", () => {
  const exemption = { approvedBy: "Jane Smith, Departmental Security Officer", expiresOn: "2025-06-30" };

  it("turns R3 into ADVISORY on its last day and says by whom and until when", () => {
    const a = assessDevice(facts({ exemption }), "2025-06-30");
    expect(a.status).toBe("ADVISORY");
    const m = message(a, "R3-REMOVAL");
    expect(m).toContain("Exempted by Jane Smith, Departmental Security Officer until 30 June 2025");
    expect(m).toContain("Point 3");
  });

  it("has no effect the day after it expires", () => {
    const a = assessDevice(facts({ exemption }), "2025-07-01");
    expect(a.status).toBe("BREACH");
    expect(message(a, "R3-REMOVAL")).not.toContain("Exempted");
  });

  it("turns R4 and R5 into ADVISORY", () => {
    const a = assessDevice(facts({ exemption, vendorCloud: true, site: { sensitivity: "NOT_SENSITIVE" } }), AS_OF);
    expect(byRule(a)).toEqual({ "R4-OUTSIDE-SENSITIVE": "ADVISORY", "R5-VENDOR-CLOUD": "ADVISORY" });
    expect(message(a, "R5-VENDOR-CLOUD")).toContain("Exempted by");
    expect(message(a, "R4-OUTSIDE-SENSITIVE")).toContain("Exempted by");
  });

  it("cannot cure a new deployment (R1)", () => {
    const a = assessDevice(facts({ exemption, installedOn: "2023-01-01" }), AS_OF);
    expect(a.status).toBe("BREACH");
    expect(byRule(a)).toEqual({ "R1-NEW-DEPLOYMENT": "BREACH" });
    expect(message(a, "R1-NEW-DEPLOYMENT")).not.toContain("Exempted");
  });

  it("cannot cure a core-network connection (R2)", () => {
    const a = assessDevice(facts({ exemption, network: "CORE" }), AS_OF);
    expect(byRule(a)).toEqual({ "R2-CORE-NETWORK": "BREACH", "R3-REMOVAL": "ADVISORY" });
    expect(a.status).toBe("BREACH");
  });

  it("does not hide missing data", () => {
    const a = assessDevice(facts({ exemption, installedOn: null, network: "UNKNOWN" }), AS_OF);
    expect(byRule(a)).toEqual({
      "R3-REMOVAL": "ADVISORY",
      "D3-INSTALL-DATE-UNKNOWN": "UNVERIFIED",
      "D4-NETWORK-UNKNOWN": "UNVERIFIED",
    });
    expect(a.status).toBe("UNVERIFIED");
  });
});

describe("status precedence", () => {
  it.each([
    ["BREACH over ACTION_DUE (R2 with R3 and R5)", { network: "CORE", vendorCloud: true }, "BREACH"],
    ["ACTION_DUE over UNVERIFIED (R3 with D3)", { installedOn: null }, "ACTION_DUE"],
    ["UNVERIFIED over ADVISORY (R4 with D4)", { network: "UNKNOWN", site: { sensitivity: "NOT_SENSITIVE" } }, "UNVERIFIED"],
    ["ADVISORY over COMPLIANT (R4 alone)", { site: { sensitivity: "NOT_SENSITIVE" } }, "ADVISORY"],
    ["COMPLIANT with no findings", { producer: "NOT_COVERED" }, "COMPLIANT"],
  ] as const)("%s", (_name, overrides, status) => {
    const a = assessDevice(facts(overrides), AS_OF);
    expect(a.status).toBe(status);
  });

  it("reports every finding, not just the worst, in registry order", () => {
    const a = assessDevice(facts({ installedOn: "2023-02-01", network: "CORE", vendorCloud: true }), AS_OF);
    expect(ids(a)).toEqual(["R1-NEW-DEPLOYMENT", "R2-CORE-NETWORK", "R5-VENDOR-CLOUD"]);
  });
});

describe("unknown values", () => {
  it("an unknown install date gives R3 and D3", () => {
    expect(byRule(assessDevice(facts({ installedOn: null }), AS_OF))).toEqual({
      "R3-REMOVAL": "ACTION_DUE",
      "D3-INSTALL-DATE-UNKNOWN": "UNVERIFIED",
    });
  });

  it("an unknown network gives D4, and no R2", () => {
    expect(byRule(assessDevice(facts({ network: "UNKNOWN", site: { sensitivity: "NOT_SENSITIVE" } }), AS_OF))).toEqual({
      "R4-OUTSIDE-SENSITIVE": "ADVISORY",
      "D4-NETWORK-UNKNOWN": "UNVERIFIED",
    });
  });

  it("an unknown vendor cloud setting is neither a finding nor a cure", () => {
    expect(assessDevice(facts({ vendorCloud: null, site: { sensitivity: "NOT_SENSITIVE" } }), AS_OF).status).toBe("ADVISORY");
    expect(byRule(assessDevice(facts({ vendorCloud: null }), AS_OF))).toEqual({ "R3-REMOVAL": "ACTION_DUE" });
  });

  it.each([
    ["on a sensitive site", {}, "UNVERIFIED"],
    ["on an unassessed site", { site: { sensitivity: "UNASSESSED" } }, "UNVERIFIED"],
    ["on a core network elsewhere", { network: "CORE", site: { sensitivity: "NOT_SENSITIVE" } }, "UNVERIFIED"],
    ["elsewhere, off the core", { site: { sensitivity: "NOT_SENSITIVE" } }, "COMPLIANT"],
  ] as const)("an unknown producer %s → %s", (_name, overrides, status) => {
    const a = assessDevice(facts({ producer: "UNKNOWN", ...overrides }), AS_OF);
    expect(a.status).toBe(status);
    expect(ids(a).every((id) => id === "D1-PRODUCER-UNKNOWN")).toBe(true);
  });

  it("an unassessed site gives D2 only, and nothing that assumes either answer", () => {
    expect(byRule(assessDevice(facts({ site: { sensitivity: "UNASSESSED" }, installedOn: "2024-01-01" }), AS_OF))).toEqual({
      "D2-SITE-UNASSESSED": "UNVERIFIED",
    });
  });
});

describe("lifecycle", () => {
  it("a removed device is REMOVED with no findings, whatever else is true", () => {
    const worst = facts({ lifecycle: "REMOVED", installedOn: "2024-01-01", network: "CORE", vendorCloud: true, macEvidence: { owner: "x", producerName: "y" } });
    expect(assessDevice(worst, "2030-01-01")).toEqual({ status: "REMOVED", findings: [] });
  });

  it("a decommissioned device escapes R2, R5 and D4 but not R3", () => {
    const live = assessDevice(facts({ network: "CORE", vendorCloud: true }), AS_OF);
    expect(ids(live)).toEqual(["R2-CORE-NETWORK", "R3-REMOVAL", "R5-VENDOR-CLOUD"]);
    const off = assessDevice(facts({ network: "CORE", vendorCloud: true, lifecycle: "DECOMMISSIONED" }), AS_OF);
    expect(byRule(off)).toEqual({ "R3-REMOVAL": "ACTION_DUE" });
    const unknownNet = assessDevice(facts({ network: "UNKNOWN", lifecycle: "DECOMMISSIONED" }), AS_OF);
    expect(ids(unknownNet)).toEqual(["R3-REMOVAL"]);
  });

  it("a decommissioned device past the deadline is still a breach", () => {
    expect(assessDevice(facts({ lifecycle: "DECOMMISSIONED" }), "2025-05-01").status).toBe("BREACH");
  });
});

describe("custom policy", () => {
  const policy: Policy = { cutOff: "2023-01-01", removalDeadline: "2024-12-31", reclassificationGraceDays: 30 };

  it("moves the cut-off", () => {
    const f = facts({ installedOn: "2022-12-01" });
    expect(ids(assessDevice(f, AS_OF))).toEqual(["R1-NEW-DEPLOYMENT"]);
    expect(ids(assessDevice(f, AS_OF, policy))).toEqual(["R3-REMOVAL"]);
    const r1 = assessDevice(facts({ installedOn: "2023-01-01" }), AS_OF, policy);
    expect(ids(r1)).toEqual(["R1-NEW-DEPLOYMENT"]);
    expect(message(r1, "R1-NEW-DEPLOYMENT")).toContain("cut-off of 1 January 2023");
  });

  it("moves the deadline", () => {
    expect(assessDevice(facts(), "2024-12-31", policy).status).toBe("ACTION_DUE");
    expect(assessDevice(facts(), "2025-01-01", policy).status).toBe("BREACH");
    expect(message(assessDevice(facts(), "2024-12-31", policy), "R3-REMOVAL")).toContain("by 31 December 2024");
  });

  it("applies its own grace period", () => {
    const f = facts({ site: { sensitiveSince: "2024-12-15" } });
    expect(assessDevice(f, "2025-01-14", policy).status).toBe("ACTION_DUE");
    expect(assessDevice(f, "2025-01-15", policy).status).toBe("BREACH");
  });

  it("defaults to HCWS386's dates", () => {
    expect(assessDevice(facts(), "2025-05-01")).toEqual(assessDevice(facts(), "2025-05-01", DEFAULT_POLICY));
  });
});

describe("DOMAIN edge cases", () => {
  it("like-for-like replacement of a failed camera after the cut-off is a new deployment (R1)", () => {
    const replacement = facts({ installedOn: "2023-09-12" });
    expect(byRule(assessDevice(replacement, AS_OF))).toEqual({ "R1-NEW-DEPLOYMENT": "BREACH" });
  });

  it("moving a camera onto a sensitive site is a deployment on the move date", () => {
    const moved = facts({ installedOn: "2024-03-04" });
    const a = assessDevice(moved, AS_OF);
    expect(ids(a)).toEqual(["R1-NEW-DEPLOYMENT"]);
    expect(message(a, "R1-NEW-DEPLOYMENT")).toContain("on 4 March 2024");
  });

  it("an isolated network cures R2 but not R1", () => {
    const onCore = facts({ installedOn: "2023-01-01", network: "CORE" });
    expect(ids(assessDevice(onCore, AS_OF))).toEqual(["R1-NEW-DEPLOYMENT", "R2-CORE-NETWORK"]);
    const isolated = { ...onCore, network: "STANDALONE" as const };
    expect(ids(assessDevice(isolated, AS_OF))).toEqual(["R1-NEW-DEPLOYMENT"]);
    expect(assessDevice(isolated, AS_OF).status).toBe("BREACH");
  });

  it("an isolated network cures R2 but not R3", () => {
    expect(ids(assessDevice(facts({ network: "CORE" }), AS_OF))).toEqual(["R2-CORE-NETWORK", "R3-REMOVAL"]);
    expect(ids(assessDevice(facts({ network: "SEGREGATED" }), AS_OF))).toEqual(["R3-REMOVAL"]);
  });

  it("a site reclassified as not sensitive turns R1 and R3 into R4", () => {
    const notSensitive = { sensitivity: "NOT_SENSITIVE" } as const;
    expect(byRule(assessDevice(facts({ installedOn: "2023-01-01", site: notSensitive }), "2026-01-01"))).toEqual({
      "R4-OUTSIDE-SENSITIVE": "ADVISORY",
    });
    expect(byRule(assessDevice(facts({ site: notSensitive }), "2026-01-01"))).toEqual({ "R4-OUTSIDE-SENSITIVE": "ADVISORY" });
  });

  it("a not-sensitive site with controls extended is controlled", () => {
    const site = { sensitivity: "NOT_SENSITIVE", controlsExtended: true } as const;
    expect(ids(assessDevice(facts({ site }), AS_OF))).toEqual(["R3-REMOVAL"]);
    expect(ids(assessDevice(facts({ site, installedOn: "2023-01-01" }), AS_OF))).toEqual(["R1-NEW-DEPLOYMENT"]);
  });

  it("firmware updates are not deployments: only the install date counts", () => {
    // A firmware update leaves installedOn alone; the engine has no other date that could make it R1.
    const updated = facts({ installedOn: "2021-06-01" });
    expect(ids(assessDevice(updated, "2024-11-01"))).toEqual(["R3-REMOVAL"]);
  });
});

describe("messages", () => {
  const every = [
    facts({ installedOn: "2023-01-01", network: "CORE", vendorCloud: true }),
    facts({ installedOn: null, network: "UNKNOWN" }),
    facts({ site: { sensitivity: "NOT_SENSITIVE" } }),
    facts({ site: { sensitivity: "UNASSESSED" } }),
    facts({ producer: "UNKNOWN" }),
    facts({ producer: "NOT_COVERED", macEvidence: { owner: "Zhejiang Dahua Technology Co., Ltd.", producerName: "Dahua" } }),
  ];

  it("every rule's message cites HCWS386 and says what to do", () => {
    const seen = new Set<string>();
    for (const f of every) {
      for (const finding of assessDevice(f, AS_OF).findings) {
        seen.add(finding.ruleId);
        if (finding.ruleId !== "D5-MAC-MISMATCH") expect(finding.message).toContain("HCWS386");
        expect(finding.message).toMatch(/\b(remove|disconnect|disable|check|record|assess|trace|find|consider)\b/i);
      }
    }
    expect(seen.size).toBe(10);
  });

  it("R1 names the install date and the cut-off", () => {
    const m = message(assessDevice(facts({ installedOn: "2023-01-05" }), AS_OF), "R1-NEW-DEPLOYMENT");
    expect(m).toContain("5 January 2023");
    expect(m).toContain("24 November 2022");
    expect(m).toContain("Point 1");
  });
});
