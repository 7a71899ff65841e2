import { describe, expect, it } from "vitest";
import { formatChange, formatCompleteness, formatCount, formatPercent, percentOf } from "@/lib/presentation/figures-format";
import { STATUS_WORDS, statusWords } from "@/lib/presentation/status-words";
import { figuresBasis, figuresBasisLabel } from "@/lib/reports/figures-basis";
import { asOfWords, formatPercent as reportsPercent } from "@/lib/reports/format";
import { formatCompleteness as dashboardCompleteness, formatPercent as dashboardPercent } from "@/components/dashboard/format";
import { STATUS_PRESENTATION } from "@/components/govuk/status-tag";

describe("the one rounding rule for percentages", () => {
  it("rounds to the nearest whole per cent (40,346 of 46,962 is 86%, not the 85% flooring gave)", () => {
    expect(formatPercent(40_346 / 46_962)).toBe("86%");
    expect(formatPercent(0.854)).toBe("85%");
    expect(formatPercent(0.855)).toBe("86%");
    expect(formatPercent(0.5)).toBe("50%");
  });

  it("never shows 100% before every one is done, nor 0% when some are", () => {
    expect(formatPercent(0.995)).toBe("99.5%");
    expect(formatPercent(0.9999)).toBe("99.9%");
    expect(formatPercent(46_961 / 46_962)).toBe("99.9%");
    expect(formatPercent(0.99)).toBe("99%");
    expect(formatPercent(1)).toBe("100%");
    expect(formatPercent(0.0001)).toBe("0.1%");
    expect(formatPercent(1 / 46_962)).toBe("0.1%");
    expect(formatPercent(0.004)).toBe("0.4%");
    expect(formatPercent(0.01)).toBe("1%");
    expect(formatPercent(0)).toBe("0%");
    for (let complete = 0; complete <= 2_000; complete++) {
      const shown = percentOf(complete / 2_000);
      if (complete < 2_000) expect(shown).toBeLessThan(100);
      if (complete > 0) expect(shown).toBeGreaterThan(0);
    }
  });

  it("gives the files the number the pages show", () => {
    expect(percentOf(40_346 / 46_962)).toBe(86);
    expect(percentOf(0.9999)).toBe(99.9);
    expect(percentOf(Number.NaN)).toBe(0);
    expect(percentOf(1.5)).toBe(100);
  });

  it("is the same function on the dashboard, the organisation pages and in the reports", () => {
    expect(dashboardPercent).toBe(formatPercent);
    expect(reportsPercent).toBe(formatPercent);
    expect(dashboardCompleteness).toBe(formatCompleteness);
  });

  it("says so in words when nothing is in service", () => {
    expect(formatCompleteness({ inService: 0, completeness: 1 })).toBe("No devices in service");
    expect(formatCompleteness({ inService: 10, completeness: 0.9 })).toBe("90%");
  });
});

describe("counts and changes", () => {
  it("write thousands with commas and changes with a sign", () => {
    expect(formatCount(46_962)).toBe("46,962");
    expect(formatChange(12)).toBe("+12");
    expect(formatChange(-1_234)).toBe("-1,234");
    expect(formatChange(0)).toBe("no change");
  });
});

describe("live or a snapshot", () => {
  it("is said the same way wherever figures are shown", () => {
    expect(figuresBasis({ asOf: "2026-12-01", source: "current" })).toBe("live");
    expect(figuresBasis({ asOf: "2026-11-30", source: "snapshot" })).toBe("snapshot of 30 November 2026");
    expect(figuresBasisLabel({ asOf: "2026-12-01", source: "current" })).toBe("Live figures, 1 December 2026");
    expect(figuresBasisLabel({ asOf: "2026-11-30", source: "snapshot" })).toBe("Snapshot of 30 November 2026");
    expect(asOfWords({ asOf: "2026-11-30", source: "snapshot" })).toBe("Snapshot of 30 November 2026");
  });
});

describe("status words", () => {
  it("are the tags' words, read from lib by the tags and the files alike", () => {
    for (const [status, words] of Object.entries(STATUS_WORDS)) {
      expect(STATUS_PRESENTATION[status as keyof typeof STATUS_PRESENTATION].text).toBe(words);
    }
    expect(statusWords("RED")).toBe("Red: breach");
    expect(statusWords("SOMETHING_NEW")).toBe("SOMETHING_NEW");
  });
});
