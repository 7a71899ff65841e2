import fc from "fast-check";
import { fromEpochDay, toEpochDay, type DeviceFacts, type Policy } from "@/lib/compliance";

/** Dates around the directive's lifetime, where every boundary of the rules lies. */
export const isoDate = fc
  .integer({ min: toEpochDay("2018-01-01"), max: toEpochDay("2028-12-31") })
  .map((n) => fromEpochDay(n));

export const policyArb: fc.Arbitrary<Policy> = fc
  .tuple(isoDate, fc.integer({ min: 1, max: 1500 }), fc.integer({ min: 0, max: 3650 }))
  .map(([cutOff, span, reclassificationGraceDays]) => ({
    cutOff,
    removalDeadline: fromEpochDay(toEpochDay(cutOff) + span),
    reclassificationGraceDays,
  }));

export const factsArb: fc.Arbitrary<DeviceFacts> = fc.record({
  producer: fc.constantFrom("COVERED", "NOT_COVERED", "UNKNOWN"),
  installedOn: fc.option(isoDate, { nil: null, freq: 5 }),
  network: fc.constantFrom("CORE", "SEGREGATED", "STANDALONE", "UNKNOWN"),
  vendorCloud: fc.constantFrom(true, false, null),
  lifecycle: fc.constantFrom("IN_SERVICE", "IN_SERVICE", "DECOMMISSIONED", "REMOVED"),
  site: fc.record({
    sensitivity: fc.constantFrom("SENSITIVE", "NOT_SENSITIVE", "UNASSESSED"),
    sensitiveSince: fc.option(isoDate, { nil: null }),
    controlsExtended: fc.boolean(),
  }),
  exemption: fc.option(fc.record({ approvedBy: fc.constantFrom("DSO", "Permanent Secretary"), expiresOn: isoDate }), { nil: null }),
  macEvidence: fc.option(fc.constant({ owner: "Zhejiang Dahua Technology Co., Ltd.", producerName: "Dahua" }), { nil: null, freq: 3 }),
});
