import { describe, expect, it } from "vitest";
import { markedDates } from "@/components/dashboard/chart-theme";
import { endLabels } from "@/components/dashboard/end-labels";
import { niceTicks } from "@/lib/presentation/nice-ticks";

describe("niceTicks", () => {
  it("stops at the first round number above the data (the burn-down ran to 2,000 for at most 1,075)", () => {
    expect(niceTicks(1_075)).toEqual([0, 250, 500, 750, 1_000, 1_250]);
    expect(niceTicks(216)).toEqual([0, 50, 100, 150, 200, 250]);
    expect(niceTicks(2_000)).toEqual([0, 500, 1_000, 1_500, 2_000]);
    expect(niceTicks(46_962)).toEqual([0, 10_000, 20_000, 30_000, 40_000, 50_000]);
  });

  it("counts in whole numbers and copes with nothing to show", () => {
    expect(niceTicks(3)).toEqual([0, 1, 2, 3]);
    expect(niceTicks(7)).toEqual([0, 2, 4, 6, 8]);
    expect(niceTicks(0)).toEqual([0, 1]);
    expect(niceTicks(-5)).toEqual([0, 1]);
    expect(niceTicks(Number.NaN)).toEqual([0, 1]);
  });

  it("always covers the data with a handful of evenly spaced round steps", () => {
    for (let max = 1; max < 20_000; max += 37) {
      const ticks = niceTicks(max);
      const step = ticks[1]! - ticks[0]!;
      expect(ticks[0]).toBe(0);
      expect(ticks.at(-1)!).toBeGreaterThanOrEqual(max);
      expect(ticks.at(-1)! - step).toBeLessThan(max);
      expect(ticks.length).toBeGreaterThanOrEqual(Math.min(3, max + 1));
      expect(ticks.length).toBeLessThanOrEqual(9);
      const magnitude = 10 ** Math.floor(Math.log10(step));
      expect([1, 2, 2.5, 5, 10]).toContain(step / magnitude);
      ticks.forEach((t, i) => expect(t).toBe(i * step));
    }
  });
});

describe("endLabels", () => {
  it("names lines that end on the same figure in one label", () => {
    const labels = endLabels([{ name: "HO", value: 0 }, { name: "MOD", value: 144 }, { name: "DWP", value: 0 }], 250, 20);
    expect(labels.map((l) => [l.names, l.value])).toEqual([[["MOD"], 144], [["HO", "DWP"], 0]]);
  });

  it("pushes labels apart that would overlap, keeping their order and staying on the chart", () => {
    const labels = endLabels([{ name: "A", value: 10 }, { name: "B", value: 8 }, { name: "C", value: 5 }, { name: "D", value: 200 }], 250, 20);
    expect(labels.map((l) => l.names[0])).toEqual(["D", "A", "B", "C"]);
    expect(labels.map((l) => l.y)).toEqual([200, 40, 20, 0]);
    for (let i = 1; i < labels.length; i++) expect(labels[i - 1]!.y - labels[i]!.y).toBeGreaterThanOrEqual(20);
    const crowdedTop = endLabels([{ name: "A", value: 250 }, { name: "B", value: 249 }], 250, 20);
    expect(crowdedTop.map((l) => l.y)).toEqual([250, 230]);
  });
});

describe("markedDates", () => {
  it("marks month ends and the last point, not every day of the last two weeks", () => {
    const dates = ["2026-09-30", "2026-10-31", "2026-11-18", "2026-11-19", "2026-11-30", "2026-12-01"];
    expect([...markedDates(dates)]).toEqual(["2026-09-30", "2026-10-31", "2026-11-30", "2026-12-01"]);
  });
});
