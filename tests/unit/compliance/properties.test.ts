import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  assessDevice,
  DEFAULT_POLICY,
  DEVICE_STATUSES,
  emptyCounts,
  RULES,
  rollUpStatus,
  summarise,
  type DeviceFacts,
  type DeviceStatus,
} from "@/lib/compliance";
import { factsArb, isoDate, policyArb } from "./arbitraries";

const rank = (s: DeviceStatus) => DEVICE_STATUSES.indexOf(s);
const RULE_ORDER = RULES.map((r) => r.id as string);

function deepFreeze<T>(o: T): T {
  if (typeof o === "object" && o !== null) {
    Object.values(o).forEach(deepFreeze);
    Object.freeze(o);
  }
  return o;
}

describe("assessDevice properties", () => {
  it("a removed device is REMOVED with no findings", () => {
    fc.assert(
      fc.property(factsArb, isoDate, policyArb, (f, asOf, policy) => {
        expect(assessDevice({ ...f, lifecycle: "REMOVED" }, asOf, policy)).toEqual({ status: "REMOVED", findings: [] });
      }),
    );
  });

  it("a non-covered device without MAC evidence is COMPLIANT", () => {
    fc.assert(
      fc.property(factsArb, isoDate, policyArb, (f, asOf, policy) => {
        fc.pre(f.lifecycle !== "REMOVED");
        expect(assessDevice({ ...f, producer: "NOT_COVERED", macEvidence: null }, asOf, policy)).toEqual({ status: "COMPLIANT", findings: [] });
      }),
    );
  });

  it("the status is the worst finding, or COMPLIANT when there is none", () => {
    fc.assert(
      fc.property(factsArb, isoDate, policyArb, (f, asOf, policy) => {
        const a = assessDevice(f, asOf, policy);
        if (f.lifecycle === "REMOVED") return;
        const worst = a.findings.reduce<DeviceStatus>((w, x) => (rank(x.status) < rank(w) ? x.status : w), "COMPLIANT");
        expect(a.status).toBe(worst);
        expect(a.findings.every((x) => x.status !== "REMOVED" && x.status !== "COMPLIANT")).toBe(true);
      }),
    );
  });

  it("reports each rule at most once, in registry order, with a message", () => {
    fc.assert(
      fc.property(factsArb, isoDate, (f, asOf) => {
        const idx = assessDevice(f, asOf).findings.map((x) => {
          expect(x.message.length).toBeGreaterThan(20);
          return RULE_ORDER.indexOf(x.ruleId);
        });
        expect(idx.every((v, i) => v >= 0 && (i === 0 || v > (idx[i - 1] ?? -1)))).toBe(true);
      }),
    );
  });

  it("is deterministic and leaves its inputs alone", () => {
    fc.assert(
      fc.property(factsArb, isoDate, policyArb, (f, asOf, policy) => {
        const frozen = deepFreeze(structuredClone(f));
        const frozenPolicy = deepFreeze({ ...policy });
        const first = assessDevice(frozen, asOf, frozenPolicy);
        expect(assessDevice(frozen, asOf, frozenPolicy)).toEqual(first);
        expect(frozen).toEqual(f);
      }),
    );
  });

  it("R1 and R3 never fire together, and only R-rules fire for covered equipment", () => {
    fc.assert(
      fc.property(factsArb, isoDate, policyArb, (f, asOf, policy) => {
        const ids = assessDevice(f, asOf, policy).findings.map((x) => x.ruleId);
        expect(ids.includes("R1-NEW-DEPLOYMENT") && ids.includes("R3-REMOVAL")).toBe(false);
        if (f.producer !== "COVERED") expect(ids.filter((id) => id.startsWith("R"))).toEqual([]);
      }),
    );
  });

  it("covered equipment on a controlled site always gets R1 or R3", () => {
    fc.assert(
      fc.property(factsArb, isoDate, (f, asOf) => {
        const controlled = f.site.sensitivity === "SENSITIVE" || (f.site.sensitivity === "NOT_SENSITIVE" && f.site.controlsExtended);
        fc.pre(f.producer === "COVERED" && controlled && f.lifecycle !== "REMOVED");
        const ids = assessDevice(f, asOf).findings.map((x) => x.ruleId);
        expect(ids.includes("R1-NEW-DEPLOYMENT") || ids.includes("R3-REMOVAL")).toBe(true);
      }),
    );
  });

  it("a valid exemption never makes things worse, and never touches R1 or R2", () => {
    fc.assert(
      fc.property(factsArb, isoDate, policyArb, (f, asOf, policy) => {
        const without = assessDevice({ ...f, exemption: null }, asOf, policy);
        const withIt = assessDevice({ ...f, exemption: { approvedBy: "DSO", expiresOn: asOf } }, asOf, policy);
        expect(rank(withIt.status)).toBeGreaterThanOrEqual(rank(without.status));
        const hard = (a: typeof without) => a.findings.filter((x) => x.ruleId === "R1-NEW-DEPLOYMENT" || x.ruleId === "R2-CORE-NETWORK");
        expect(hard(withIt)).toEqual(hard(without));
        expect(withIt.findings.map((x) => x.ruleId)).toEqual(without.findings.map((x) => x.ruleId));
      }),
    );
  });

  it("waiting never improves a device without an exemption", () => {
    fc.assert(
      fc.property(factsArb, isoDate, isoDate, (f, d1, d2) => {
        const [early, late] = d1 <= d2 ? [d1, d2] : [d2, d1];
        const g: DeviceFacts = { ...f, exemption: null };
        expect(rank(assessDevice(g, late).status)).toBeLessThanOrEqual(rank(assessDevice(g, early).status));
      }),
    );
  });

  it("uses the default policy when none is given", () => {
    fc.assert(
      fc.property(factsArb, isoDate, (f, asOf) => {
        expect(assessDevice(f, asOf)).toEqual(assessDevice(f, asOf, DEFAULT_POLICY));
      }),
    );
  });
});

describe("roll-up properties", () => {
  it("an organisation is RED exactly when one of its devices is in BREACH", () => {
    fc.assert(
      fc.property(fc.array(factsArb, { maxLength: 40 }), isoDate, (devices, asOf) => {
        const assessments = devices.map((f) => assessDevice(f, asOf));
        const { byStatus } = summarise(assessments);
        const status = rollUpStatus({ sites: 1, counts: byStatus });
        const statuses = assessments.map((a) => a.status);
        expect(status === "RED").toBe(statuses.includes("BREACH"));
        expect(status === "AMBER").toBe(!statuses.includes("BREACH") && (statuses.includes("ACTION_DUE") || statuses.includes("UNVERIFIED")));
        expect(status === "GREEN").toBe(statuses.every((s) => s === "ADVISORY" || s === "COMPLIANT" || s === "REMOVED"));
      }),
    );
  });

  it("an organisation without buildings is NO_DATA whatever the counts say", () => {
    fc.assert(
      fc.property(fc.array(factsArb, { maxLength: 10 }), isoDate, (devices, asOf) => {
        const { byStatus } = summarise(devices.map((f) => assessDevice(f, asOf)));
        expect(rollUpStatus({ sites: 0, counts: byStatus })).toBe("NO_DATA");
      }),
    );
    expect(rollUpStatus({ sites: 0, counts: emptyCounts() })).toBe("NO_DATA");
  });
});
