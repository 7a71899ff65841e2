import { describe, expect, it } from "vitest";
import { totalsOf } from "@/lib/data/figures";
import { headlineFigures, methodNotes, progressRows, summaryParagraph } from "@/lib/reports/summary-text";
import { org, sampleFigures } from "./fixtures";

describe("summaryParagraph", () => {
  it("states the statuses, removals and change since the previous snapshot from the figures", () => {
    const text = summaryParagraph(sampleFigures());
    expect(text).toBe(
      "As of 28 November 2026, 1 of 3 organisations with data are compliant (green); 1 is amber, with equipment needing action or verification, " +
        "and 1 is red, with 12 devices in breach of the directive. 1 organisation has not yet recorded any sites. " +
        "Of 56 covered devices on controlled sites, 31 have been removed and 25 remain, down 16 since the previous snapshot on 27 November 2026. " +
        "The removal deadline of 30 April 2025 has passed. 90% of in-service devices have complete data (producer, installation date, network and site sensitivity).",
    );
  });

  it("says when nothing is red and the deadline is still ahead", () => {
    const organisations = [org({ id: 1, name: "A", acronym: "A", status: "GREEN" }), org({ id: 2, name: "B", acronym: "B", status: "GREEN" })];
    const text = summaryParagraph(sampleFigures({ organisations, totals: totalsOf(organisations), asOf: "2024-01-31", previous: null }));
    expect(text).toContain("As of 31 January 2024, 2 of 2 organisations with data are compliant (green); none is amber, and none is red: no device is in breach");
    expect(text).toContain("No covered equipment is recorded on controlled sites.");
    expect(text).toContain("The removal deadline is 30 April 2025.");
    expect(text).not.toContain("previous snapshot");
  });

  it("reports a rise in remaining equipment as a rise", () => {
    const figures = sampleFigures();
    const previous = { date: "2026-11-20", totals: { ...figures.totals, coveredRemaining: figures.totals.coveredRemaining - 3 } };
    expect(summaryParagraph({ ...figures, previous })).toContain("25 remain, up 3 since the previous snapshot on 20 November 2026");
  });

  it("copes with a scope where nobody has recorded anything", () => {
    const organisations = [org({ id: 1, name: "A", acronym: "A", status: "NO_DATA", sites: 0, devices: 0, inService: 0, inServiceComplete: 0, completeness: 1 })];
    const text = summaryParagraph(sampleFigures({ organisations, totals: totalsOf(organisations), previous: null }));
    expect(text).toContain("no organisation in scope has recorded any sites yet.");
    expect(text).toContain("No equipment is recorded as in service.");
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
