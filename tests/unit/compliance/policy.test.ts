import { describe, expect, it } from "vitest";
import { DEFAULT_POLICY, isControlled, removalDeadlineFor, validatePolicy } from "@/lib/compliance";

describe("DEFAULT_POLICY", () => {
  it("carries the dates of HCWS386", () => {
    expect(DEFAULT_POLICY).toEqual({ cutOff: "2022-11-24", removalDeadline: "2025-04-30", reclassificationGraceDays: 365 });
    expect(validatePolicy(DEFAULT_POLICY)).toEqual([]);
  });

  it("cannot be changed by accident", () => {
    expect(Object.isFrozen(DEFAULT_POLICY)).toBe(true);
  });
});

describe("isControlled", () => {
  it.each([
    ["SENSITIVE", false, true],
    ["SENSITIVE", true, true],
    ["NOT_SENSITIVE", true, true],
    ["NOT_SENSITIVE", false, false],
    ["UNASSESSED", false, false],
    ["UNASSESSED", true, false],
  ] as const)("%s with controlsExtended=%s → %s", (sensitivity, controlsExtended, expected) => {
    expect(isControlled({ sensitivity, controlsExtended })).toBe(expected);
  });
});

describe("removalDeadlineFor", () => {
  it.each([
    [null, "2025-04-30"],
    ["2015-01-01", "2025-04-30"],
    ["2022-11-24", "2025-04-30"],
    ["2022-11-25", "2025-04-30"],
    ["2024-04-30", "2025-04-30"],
    ["2024-05-01", "2025-05-01"],
    ["2024-06-01", "2025-06-01"],
    ["2026-03-10", "2027-03-10"],
  ])("sensitive since %s → %s", (sensitiveSince, deadline) => {
    expect(removalDeadlineFor({ sensitiveSince })).toBe(deadline);
  });

  it("uses the policy's grace and deadline", () => {
    const policy = { cutOff: "2022-11-24", removalDeadline: "2025-04-30", reclassificationGraceDays: 0 };
    expect(removalDeadlineFor({ sensitiveSince: "2025-09-01" }, policy)).toBe("2025-09-01");
    expect(removalDeadlineFor({ sensitiveSince: "2024-09-01" }, policy)).toBe("2025-04-30");
    expect(removalDeadlineFor({ sensitiveSince: "2024-09-01" }, { ...policy, reclassificationGraceDays: 3650 })).toBe("2034-08-30");
  });

  it("gives no grace to a site that became sensitive on the cut-off day itself", () => {
    const policy = { cutOff: "2024-06-01", removalDeadline: "2024-12-31", reclassificationGraceDays: 365 };
    expect(removalDeadlineFor({ sensitiveSince: "2024-06-01" }, policy)).toBe("2024-12-31");
    expect(removalDeadlineFor({ sensitiveSince: "2024-06-02" }, policy)).toBe("2025-06-02");
  });

  it("applies grace only after the policy's own cut-off", () => {
    const policy = { cutOff: "2024-12-31", removalDeadline: "2025-04-30", reclassificationGraceDays: 365 };
    expect(removalDeadlineFor({ sensitiveSince: "2024-06-01" }, policy)).toBe("2025-04-30");
  });
});

describe("validatePolicy", () => {
  const ok = { cutOff: "2022-11-24", removalDeadline: "2025-04-30", reclassificationGraceDays: 365 };

  it.each([
    ["a non-object", null, ["The policy must be an object."]],
    ["an impossible cut-off", { ...ok, cutOff: "2022-02-30" }, ["The cut-off must be a real date written YYYY-MM-DD."]],
    ["a missing deadline", { ...ok, removalDeadline: undefined }, ["The removal deadline must be a real date written YYYY-MM-DD."]],
    ["a deadline equal to the cut-off", { ...ok, removalDeadline: "2022-11-24" }, ["The removal deadline must be after the cut-off."]],
    ["a deadline before the cut-off", { ...ok, removalDeadline: "2021-01-01" }, ["The removal deadline must be after the cut-off."]],
    ["negative grace", { ...ok, reclassificationGraceDays: -1 }, ["The reclassification grace period must be a whole number of days from 0 to 3650."]],
    ["fractional grace", { ...ok, reclassificationGraceDays: 1.5 }, ["The reclassification grace period must be a whole number of days from 0 to 3650."]],
    ["too much grace", { ...ok, reclassificationGraceDays: 3651 }, ["The reclassification grace period must be a whole number of days from 0 to 3650."]],
    ["grace as text", { ...ok, reclassificationGraceDays: "365" }, ["The reclassification grace period must be a whole number of days from 0 to 3650."]],
  ])("reports %s", (_name, policy, problems) => {
    expect(validatePolicy(policy)).toEqual(problems);
  });

  it.each([0, 3650])("accepts grace of %i days", (days) => {
    expect(validatePolicy({ ...ok, reclassificationGraceDays: days })).toEqual([]);
  });

  it("reports every problem at once", () => {
    expect(validatePolicy({ cutOff: "x", removalDeadline: "y", reclassificationGraceDays: NaN })).toHaveLength(3);
  });
});
