import { describe, expect, it } from "vitest";
import {
  addCounts,
  assessDevice,
  completeness,
  countsFromRows,
  DEVICE_STATUSES,
  emptyCounts,
  isFactComplete,
  ORG_STATUSES,
  rollUpStatus,
  summarise,
  type StatusCounts,
} from "@/lib/compliance";
import { AS_OF, facts } from "./fixtures";

const counts = (c: Partial<StatusCounts>): StatusCounts => ({ ...emptyCounts(), ...c });

describe("status orderings", () => {
  it("lists device statuses worst first", () => {
    expect(DEVICE_STATUSES).toEqual(["BREACH", "ACTION_DUE", "UNVERIFIED", "ADVISORY", "COMPLIANT", "REMOVED"]);
    expect(ORG_STATUSES).toEqual(["RED", "AMBER", "GREEN", "NO_DATA"]);
  });
});

describe("counts", () => {
  it("start at zero for every status", () => {
    expect(emptyCounts()).toEqual({ BREACH: 0, ACTION_DUE: 0, UNVERIFIED: 0, ADVISORY: 0, COMPLIANT: 0, REMOVED: 0 });
    expect(emptyCounts()).not.toBe(emptyCounts());
  });

  it("add status by status without touching the operands", () => {
    const a = counts({ BREACH: 1, COMPLIANT: 3 });
    const b = counts({ BREACH: 2, REMOVED: 5 });
    expect(addCounts(a, b)).toEqual(counts({ BREACH: 3, COMPLIANT: 3, REMOVED: 5 }));
    expect(a).toEqual(counts({ BREACH: 1, COMPLIANT: 3 }));
  });

  it("come from GROUP BY rows, ignoring statuses the engine does not know", () => {
    expect(
      countsFromRows([
        { status: "BREACH", count: 2 },
        { status: "COMPLIANT", count: 7 },
        { status: "BREACH", count: 1 },
        { status: "PENDING", count: 9 },
      ]),
    ).toEqual(counts({ BREACH: 3, COMPLIANT: 7 }));
  });
});

describe("rollUpStatus", () => {
  it.each([
    ["no buildings", 0, counts({ BREACH: 4 }), "NO_DATA"],
    ["any breach", 3, counts({ BREACH: 1, COMPLIANT: 100 }), "RED"],
    ["breach beats action due", 3, counts({ BREACH: 1, ACTION_DUE: 5, UNVERIFIED: 5 }), "RED"],
    ["action due", 3, counts({ ACTION_DUE: 1, COMPLIANT: 100 }), "AMBER"],
    ["unverified", 3, counts({ UNVERIFIED: 1, ADVISORY: 3 }), "AMBER"],
    ["advisory only", 3, counts({ ADVISORY: 2, COMPLIANT: 9 }), "GREEN"],
    ["removed only", 3, counts({ REMOVED: 12 }), "GREEN"],
    ["buildings but no devices", 3, emptyCounts(), "GREEN"],
    ["a site with no devices", 1, emptyCounts(), "GREEN"],
  ] as const)("%s → %s", (_name, sites, c, status) => {
    expect(rollUpStatus({ sites, counts: c })).toBe(status);
  });
});

describe("completeness", () => {
  it.each([
    [0, 0, 1],
    [4, 4, 1],
    [4, 3, 0.75],
    [4, 0, 0],
  ])("%i in service, %i complete → %d", (inService, inServiceComplete, ratio) => {
    expect(completeness({ inService, inServiceComplete })).toBe(ratio);
  });

  it.each([
    [3, 4],
    [-1, 0],
    [2, -1],
    [Number.NaN, 0],
  ])("rejects inconsistent counts (%d in service, %d complete)", (inService, inServiceComplete) => {
    expect(() => completeness({ inService, inServiceComplete })).toThrow(RangeError);
  });
});

describe("isFactComplete", () => {
  it("is true when producer, install date, network and site sensitivity are known", () => {
    expect(isFactComplete(facts())).toBe(true);
    expect(isFactComplete(facts({ vendorCloud: null, site: { sensitiveSince: null } }))).toBe(true);
  });

  it.each([
    ["producer", { producer: "UNKNOWN" }],
    ["install date", { installedOn: null }],
    ["network", { network: "UNKNOWN" }],
    ["site sensitivity", { site: { sensitivity: "UNASSESSED" } }],
  ] as const)("is false when the %s is unknown", (_name, overrides) => {
    expect(isFactComplete(facts(overrides))).toBe(false);
  });
});

describe("summarise", () => {
  it("counts devices by status and findings by rule", () => {
    const s = summarise([
      assessDevice(facts(), AS_OF),
      assessDevice(facts({ installedOn: null }), AS_OF),
      assessDevice(facts({ installedOn: "2023-01-01", network: "CORE" }), AS_OF),
      assessDevice(facts({ producer: "NOT_COVERED" }), AS_OF),
      assessDevice(facts({ lifecycle: "REMOVED" }), AS_OF),
    ]);
    expect(s.total).toBe(5);
    expect(s.byStatus).toEqual(counts({ ACTION_DUE: 2, BREACH: 1, COMPLIANT: 1, REMOVED: 1 }));
    expect(s.byRule).toEqual({
      "R3-REMOVAL": 2,
      "D3-INSTALL-DATE-UNKNOWN": 1,
      "R1-NEW-DEPLOYMENT": 1,
      "R2-CORE-NETWORK": 1,
    });
  });

  it("of nothing is empty", () => {
    expect(summarise([])).toEqual({ total: 0, byStatus: emptyCounts(), byRule: {} });
  });
});
