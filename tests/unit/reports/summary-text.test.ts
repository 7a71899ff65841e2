import { describe, expect, it } from "vitest";
import { totalsOf } from "@/lib/figures/totals";
import type { BurnDownPoint, ComplianceFigures, Totals } from "@/lib/figures/types";
import {
  burnDownDescription, burnDownSummary, completenessParagraph, headlineFigures, leastCompleteHeading, methodNotes, NO_BREACHES, progressRows,
  summaryParagraph, totalRowLabel,
} from "@/lib/reports/summary-text";
import { org, sampleFigures } from "./fixtures";

/** The sample figures with the totals changed, and no previous snapshot unless given. */
function withTotals(change: Partial<Totals>, more: Partial<ComplianceFigures> = {}): ComplianceFigures {
  const base = sampleFigures();
  return { ...base, previous: null, ...more, totals: { ...base.totals, ...change } };
}

/** Totals for organisations by status, with `breach` devices in breach. */
function statuses(green: number, amber: number, red: number, noData = 0, breach = red * 2): Partial<Totals> {
  return { organisations: green + amber + red + noData, byStatus: { GREEN: green, AMBER: amber, RED: red, NO_DATA: noData }, breach };
}

const lead = (figures: ComplianceFigures) => summaryParagraph(figures).split(/(?<=\.) /)[0];

describe("summaryParagraph", () => {
  it("states the statuses, removals and change since the previous snapshot from the figures", () => {
    expect(summaryParagraph(sampleFigures())).toBe(
      "As of 28 November 2026, 3 organisations have data: 1 is compliant (green); 1 is amber, with equipment needing action or verification; " +
        "and 1 is red, with 12 devices in breach of the directive. 1 organisation has not yet recorded any sites. " +
        "Of 56 covered devices on controlled sites, 31 have been removed and 25 remain. " +
        "The number remaining has fallen by 16 since the previous snapshot on 27 November 2026. " +
        "The removal deadline of 30 April 2025 has passed. 90% of in-service devices have complete data (producer, installation date, network and site sensitivity).",
    );
  });

  describe("the organisations' statuses", () => {
    it("says no organisations have recorded sites when none has, and does not repeat it", () => {
      const text = summaryParagraph(withTotals(statuses(0, 0, 0, 3)));
      expect(lead(withTotals(statuses(0, 0, 0, 3)))).toBe("As of 28 November 2026, no organisations in scope have recorded any sites yet.");
      expect(text).not.toContain("3 organisations have not yet recorded");
      expect(lead(withTotals(statuses(0, 0, 0, 1)))).toBe("As of 28 November 2026, no organisations in scope have recorded any sites yet.");
    });

    it("describes the only organisation with data by its status", () => {
      expect(lead(withTotals(statuses(1, 0, 0)))).toBe("As of 28 November 2026, the only organisation with data is compliant (green).");
      expect(lead(withTotals(statuses(0, 1, 0)))).toBe("As of 28 November 2026, the only organisation with data is amber, with equipment needing action or verification.");
      expect(lead(withTotals(statuses(0, 0, 1, 0, 1)))).toBe("As of 28 November 2026, the only organisation with data is red, with 1 device in breach of the directive.");
      expect(lead(withTotals(statuses(0, 0, 1, 0, 5)))).toBe("As of 28 November 2026, the only organisation with data is red, with 5 devices in breach of the directive.");
    });

    it("says when every organisation with data is compliant", () => {
      expect(lead(withTotals(statuses(2, 0, 0)))).toBe("As of 28 November 2026, all 2 organisations with data are compliant (green): no devices are in breach of the directive.");
    });

    it("counts each status in singular and plural, and says 'no organisations' for none", () => {
      expect(lead(withTotals(statuses(0, 2, 1, 0, 1)))).toBe(
        "As of 28 November 2026, 3 organisations have data: no organisations are compliant (green); " +
          "2 are amber, with equipment needing action or verification; and 1 is red, with 1 device in breach of the directive.",
      );
      expect(lead(withTotals(statuses(1, 0, 2, 0, 7)))).toBe(
        "As of 28 November 2026, 3 organisations have data: 1 is compliant (green); no organisations are amber; " +
          "and 2 are red, with 7 devices in breach of the directive.",
      );
      expect(lead(withTotals(statuses(28, 1, 0)))).toBe(
        "As of 28 November 2026, 29 organisations have data: 28 are compliant (green); " +
          "1 is amber, with equipment needing action or verification; and no organisations are red: no devices are in breach of the directive.",
      );
      expect(lead(withTotals(statuses(1_200, 15, 12, 0, 335)))).toBe(
        "As of 28 November 2026, 1,227 organisations have data: 1,200 are compliant (green); " +
          "15 are amber, with equipment needing action or verification; and 12 are red, with 335 devices in breach of the directive.",
      );
    });

    it("counts the organisations without data in singular and plural, and leaves them out when there are none", () => {
      expect(summaryParagraph(withTotals(statuses(1, 1, 0, 0)))).not.toContain("not yet recorded");
      expect(summaryParagraph(withTotals(statuses(1, 1, 0, 1)))).toContain(" 1 organisation has not yet recorded any sites.");
      expect(summaryParagraph(withTotals(statuses(1, 1, 0, 2)))).toContain(" 2 organisations have not yet recorded any sites.");
    });

    it("says 'today' when the figures have no date", () => {
      expect(lead(withTotals(statuses(1, 0, 0), { asOf: "" }))).toBe("As of today, the only organisation with data is compliant (green).");
    });
  });

  describe("removal of covered equipment", () => {
    const removal = (coveredRemoved: number, coveredRemaining: number) =>
      summaryParagraph(withTotals({ coveredRemoved, coveredRemaining })).split(". ").find((s) => /covered (device|equipment)/i.test(s) && !s.startsWith("As of"));

    it("says when there is none", () => {
      expect(removal(0, 0)).toBe("No covered equipment is recorded on controlled sites");
    });

    it("speaks of a single covered device in the singular", () => {
      expect(removal(1, 0)).toBe("The 1 covered device on controlled sites has been removed");
      expect(removal(0, 1)).toBe("The 1 covered device on controlled sites has not been removed");
    });

    it("says when none has been removed, and when all have", () => {
      expect(removal(0, 2)).toBe("None of the 2 covered devices on controlled sites has been removed");
      expect(removal(1_151, 0)).toBe("All 1,151 covered devices on controlled sites have been removed");
    });

    it("counts removed and remaining in singular and plural", () => {
      expect(removal(1, 1)).toBe("Of 2 covered devices on controlled sites, 1 has been removed and 1 remains");
      expect(removal(935, 216)).toBe("Of 1,151 covered devices on controlled sites, 935 have been removed and 216 remain");
      expect(removal(1, 4)).toBe("Of 5 covered devices on controlled sites, 1 has been removed and 4 remain");
    });
  });

  describe("change since the previous snapshot", () => {
    const change = (now: number, before: number) => {
      const figures = withTotals({ coveredRemaining: now });
      const previous = { date: "2026-11-20", totals: { ...figures.totals, coveredRemaining: before } };
      return summaryParagraph({ ...figures, previous });
    };

    it("reports a fall, a rise and no change", () => {
      expect(change(25, 41)).toContain("The number remaining has fallen by 16 since the previous snapshot on 20 November 2026.");
      expect(change(25, 26)).toContain("The number remaining has fallen by 1 since the previous snapshot on 20 November 2026.");
      expect(change(25, 22)).toContain("The number remaining has risen by 3 since the previous snapshot on 20 November 2026.");
      expect(change(25, 25)).toContain("The number remaining is unchanged since the previous snapshot on 20 November 2026.");
    });

    it("says nothing of a change without a previous snapshot, or when none remained then or now", () => {
      expect(summaryParagraph(withTotals({}))).not.toContain("previous snapshot");
      expect(change(0, 0)).not.toContain("previous snapshot");
      expect(change(0, 3)).toContain("The number remaining has fallen by 3 since the previous snapshot on 20 November 2026.");
    });
  });

  it("says whether the removal deadline has passed", () => {
    expect(summaryParagraph(withTotals({}, { asOf: "2024-01-31" }))).toContain("The removal deadline is 30 April 2025.");
    expect(summaryParagraph(withTotals({}, { asOf: "2025-04-30" }))).toContain("The removal deadline is 30 April 2025.");
    expect(summaryParagraph(withTotals({}, { asOf: "2025-05-01" }))).toContain("The removal deadline of 30 April 2025 has passed.");
  });

  it("copes with a scope where nobody has recorded anything", () => {
    const organisations = [org({ id: 1, name: "A", acronym: "A", status: "NO_DATA", sites: 0, devices: 0, inService: 0, inServiceComplete: 0, completeness: 1 })];
    const text = summaryParagraph(sampleFigures({ organisations, totals: totalsOf(organisations), previous: null }));
    expect(text).toBe(
      "As of 28 November 2026, no organisations in scope have recorded any sites yet. No covered equipment is recorded on controlled sites. " +
        "The removal deadline of 30 April 2025 has passed. No equipment is recorded as in service.",
    );
  });
});

describe("the report's other sentences", () => {
  it("label the total row with the organisations in singular or plural", () => {
    expect(totalRowLabel(0)).toBe("Total (0 organisations)");
    expect(totalRowLabel(1)).toBe("Total (1 organisation)");
    expect(totalRowLabel(57)).toBe("Total (57 organisations)");
    expect(totalRowLabel(1_057)).toBe("Total (1,057 organisations)");
  });

  it("head the least complete organisations in singular or plural", () => {
    expect(leastCompleteHeading(1)).toBe("The organisation with incomplete data");
    expect(leastCompleteHeading(2)).toBe("The 2 organisations with the least complete data");
    expect(leastCompleteHeading(10)).toBe("The 10 organisations with the least complete data");
  });

  it("say plainly when no organisation has a device in breach", () => {
    expect(NO_BREACHES).toBe("No organisations in scope have devices in breach.");
  });

  describe("completenessParagraph", () => {
    const base = sampleFigures().totals;
    const paragraph = (inService: number, inServiceComplete: number, unverified: number) =>
      completenessParagraph({ ...base, inService, inServiceComplete, unverified, completeness: inService === 0 ? 1 : inServiceComplete / inService });

    it("says there is nothing to measure when nothing is in service", () => {
      expect(paragraph(0, 0, 0)).toBe("No equipment is recorded as in service, so there is nothing to measure.");
    });

    it("counts complete in-service devices in singular and plural, and says when none is complete", () => {
      expect(paragraph(1, 1, 0)).toBe("1 of 1 in-service device (100%) has all four facts recorded: producer, installation date, network and site sensitivity. No devices are unverified.");
      expect(paragraph(5, 1, 0)).toMatch(/^1 of 5 in-service devices \(20%\) has all four facts recorded/);
      expect(paragraph(46_959, 40_343, 0)).toMatch(/^40,343 of 46,959 in-service devices \(86%\) have all four facts recorded/);
      expect(paragraph(5, 0, 5)).toMatch(/^None of the 5 in-service devices has all four facts recorded: producer/);
      expect(paragraph(1, 0, 1)).toMatch(/^None of the 1 in-service device has all four facts recorded/);
    });

    it("counts unverified devices in singular and plural, and says when there are none", () => {
      expect(paragraph(10, 9, 0)).toMatch(/ No devices are unverified\.$/);
      expect(paragraph(10, 9, 1)).toMatch(/ 1 device is unverified because a fact the rules need is missing\.$/);
      expect(paragraph(10, 8, 881)).toMatch(/ 881 devices are unverified because a fact the rules need is missing\.$/);
    });
  });
});

describe("the burn-down chart's words", () => {
  const point = (date: string, coveredRemaining: number, breach: number): BurnDownPoint => ({
    date, coveredRemaining, coveredRemoved: 0, breach, red: 0, amber: 0, green: 0,
  });

  it("sum up the chart in a sentence", () => {
    expect(burnDownSummary([point("2022-11-30", 1_075, 255), point("2026-12-01", 216, 335)])).toBe(
      "Covered devices remaining on controlled sites went from 1,075 on 30 November 2022 to 216 on 1 December 2026; devices in breach from 255 to 335.",
    );
    expect(burnDownSummary([])).toBe("");
  });

  it("describe the period, the scale, each line's start, end and extremes, and the lines at a deadline falling on a snapshot", () => {
    const points = [point("2022-11-30", 1_075, 255), point("2025-04-30", 520, 400), point("2025-06-30", 180, 1), point("2026-12-01", 216, 335)];
    expect(burnDownDescription(points, "2025-04-30", 1_250)).toBe(
      "Line chart of removal progress from 30 November 2022 to 1 December 2026, on a scale of 0 to 1,250 devices. " +
        "Covered devices remaining on controlled sites (solid blue line) went from 1,075 to 216, lowest 180 on 30 June 2025. " +
        "Devices in breach (dashed red line) went from 255 to 335, highest 400 on 30 April 2025, lowest 1 on 30 June 2025. " +
        "A dotted line marks the removal deadline, 30 April 2025; on that date, 520 covered devices remained and 400 devices were in breach.",
    );
  });

  it("use the last snapshot before a deadline between snapshots, in the singular where it is one", () => {
    const points = [point("2024-01-31", 3, 1), point("2025-03-31", 1, 1), point("2025-06-30", 1, 1)];
    expect(burnDownDescription(points, "2025-04-30", 4)).toBe(
      "Line chart of removal progress from 31 January 2024 to 30 June 2025, on a scale of 0 to 4 devices. " +
        "Covered devices remaining on controlled sites (solid blue line) went from 3 to 1. " +
        "Devices in breach (dashed red line) stayed at 1. " +
        "A dotted line marks the removal deadline, 30 April 2025; at the snapshot of 31 March 2025, the last before it, 1 covered device remained and 1 device was in breach.",
    );
  });

  it("leave the deadline out when the chart does not reach it, or ends before it", () => {
    const points = [point("2022-11-30", 10, 2), point("2023-11-30", 8, 2)];
    expect(burnDownDescription(points, "2025-04-30", 10)).not.toContain("deadline");
    const after = [point("2025-06-30", 10, 2), point("2026-06-30", 8, 2)];
    expect(burnDownDescription(after, "2025-04-30", 10)).not.toContain("deadline");
  });
});

describe("headline figures and progress", () => {
  it("take every number from the totals", () => {
    const figures = sampleFigures();
    const byLabel = Object.fromEntries(headlineFigures(figures).map((f) => [f.label, f.value]));
    expect(byLabel["Devices in breach"]).toBe(figures.totals.breach);
    expect(byLabel["Organisations red (breach)"]).toBe(1);
    expect(byLabel["Covered devices remaining on controlled sites"]).toBe(25);
    const remaining = progressRows(figures).find((p) => p.measure === "Covered devices remaining on controlled sites");
    expect(remaining).toEqual({ measure: "Covered devices remaining on controlled sites", baseline: 41, previous: 41, now: 25, change: -16 });
  });

  it("have no change without a previous snapshot", () => {
    for (const row of progressRows(sampleFigures({ previous: null, baseline: null }))) {
      expect(row.previous).toBeNull();
      expect(row.change).toBeNull();
    }
  });

  it("method notes say the report names no sites and which snapshot it used", () => {
    const notes = methodNotes(sampleFigures({ source: "snapshot", asOf: "2026-06-30" })).join(" ");
    expect(notes).toContain("names no sites");
    expect(notes).toContain("daily snapshot taken on 30 June 2026");
  });
});
