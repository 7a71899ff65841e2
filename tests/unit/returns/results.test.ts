import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { figureChanges, isFrozenResults, resultChanges, resultLine, ReturnAccumulator, type ResultFacts } from "@/lib/returns/results";

const device = (over: Partial<ResultFacts> = {}): ResultFacts => ({
  id: 1, organisationId: 5, siteId: 12, status: "BREACH", ruleIds: ["R2-CORE-NETWORK", "R1-SENSITIVE-SITE"], inService: true,
  covered: true, controlled: true, sensitive: true, core: true, complete: true, ...over,
});

function hashOf(devices: ResultFacts[], asOf = "2026-12-01", orgs = [5, 6]) {
  const acc = new ReturnAccumulator(asOf, orgs);
  for (const d of devices) acc.add(d);
  return acc.finish();
}

describe("a device's canonical line", () => {
  it("names every field in a fixed order, with the rules sorted", () => {
    expect(resultLine(device())).toBe("1|5|12|BREACH|R1-SENSITIVE-SITE,R2-CORE-NETWORK|1|1|1|1|1|1");
    expect(resultLine(device({ ruleIds: [], covered: false, core: false }))).toBe("1|5|12|BREACH||1|0|1|1|0|1");
  });
});

describe("the return's hash", () => {
  it("is the SHA-256 of a header and one line per device", () => {
    const { hash } = hashOf([device(), device({ id: 2, status: "COMPLIANT", ruleIds: [] })]);
    const expected = createHash("sha256")
      .update("estate-camera-register return results v1\nas of 2026-12-01\norganisations 5,6\n")
      .update(`${resultLine(device())}\n${resultLine(device({ id: 2, status: "COMPLIANT", ruleIds: [] }))}\n`)
      .digest("hex");
    expect(hash).toBe(expected);
  });

  it("changes with any field of any device, the as-of date and the organisations, and not with the order rules are listed in", () => {
    const base = hashOf([device()]).hash;
    const fields: Partial<ResultFacts>[] = [
      { id: 2 }, { organisationId: 6 }, { siteId: 13 }, { status: "ACTION_DUE" }, { ruleIds: ["R1-SENSITIVE-SITE"] },
      { inService: false }, { covered: false }, { controlled: false }, { sensitive: false }, { core: false }, { complete: false },
    ];
    for (const over of fields) expect(hashOf([device(over)]).hash, JSON.stringify(over)).not.toBe(base);
    expect(hashOf([device()], "2026-12-02").hash).not.toBe(base);
    expect(hashOf([device()], "2026-12-01", [5]).hash).not.toBe(base);
    expect(hashOf([device()], "2026-12-01", [6, 5]).hash).toBe(base);
    expect(hashOf([device({ ruleIds: ["R2-CORE-NETWORK", "R1-SENSITIVE-SITE"].reverse() })]).hash).toBe(base);
    expect(hashOf([]).hash).not.toBe(base);
  });

  it("refuses devices out of order, which would make the same results hash differently", () => {
    const acc = new ReturnAccumulator("2026-12-01", [5]);
    acc.add(device({ id: 2 }));
    expect(() => acc.add(device({ id: 1 }))).toThrow(/ascending/);
    expect(() => acc.add(device({ id: 2 }))).toThrow(/ascending/);
  });
});

describe("the return's figures", () => {
  it("count statuses and covered equipment as the dashboard's roll-ups do", () => {
    const { figures, frozen } = hashOf([
      device({ id: 1 }),
      device({ id: 2, siteId: 13, status: "REMOVED", inService: false, ruleIds: [] }),
      device({ id: 3, organisationId: 6, status: "COMPLIANT", covered: false, core: false, ruleIds: [] }),
      device({ id: 4, status: "ACTION_DUE", sensitive: false, core: false, ruleIds: ["R5-REMOVAL"] }),
    ]);
    expect(figures).toEqual({
      organisations: 2, sites: 2, devices: 4, breach: 1, actionDue: 1, unverified: 0, advisory: 0, compliant: 1, removed: 1,
      coveredInService: 2, coveredRemaining: 2, coveredSensitive: 1, coveredCore: 1,
    });
    expect(frozen[1]).toEqual([2, "REMOVED", ""]);
    expect(isFrozenResults(frozen)).toBe(true);
    expect(isFrozenResults([[1, "BREACH"]])).toBe(false);
    expect(isFrozenResults("no")).toBe(false);
  });
});

describe("what changed since the attestation", () => {
  it("lists the figures that moved, in the return's order", () => {
    const before = hashOf([device({ id: 1 }), device({ id: 2 })]).figures;
    const after = hashOf([device({ id: 1 }), device({ id: 2, status: "REMOVED", inService: false })]).figures;
    expect(figureChanges(before, after).map((c) => [c.figure, c.attested, c.now])).toEqual([
      ["breach", 2, 1], ["removed", 0, 1], ["coveredInService", 2, 1], ["coveredRemaining", 2, 1], ["coveredSensitive", 2, 1], ["coveredCore", 2, 1],
    ]);
    expect(figureChanges(before, before)).toEqual([]);
  });

  it("lists devices added, gone and with another result, in device order", () => {
    const moved = resultChanges(
      [[1, "BREACH", "R1"], [2, "COMPLIANT", ""], [4, "ACTION_DUE", "R5"]],
      [[1, "BREACH", "R1"], [3, "BREACH", "R2"], [4, "ACTION_DUE", "R6"], [5, "COMPLIANT", ""]],
    );
    expect(moved.map((m) => [m.deviceId, m.attested?.[1] ?? null, m.now?.[1] ?? null])).toEqual([
      [2, "COMPLIANT", null], [3, null, "BREACH"], [4, "ACTION_DUE", "ACTION_DUE"], [5, null, "COMPLIANT"],
    ]);
    expect(resultChanges([], [])).toEqual([]);
  });
});
