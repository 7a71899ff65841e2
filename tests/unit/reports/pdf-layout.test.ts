import { describe, expect, it } from "vitest";
import { flatten, readTaggedPdf } from "../../support/pdf-structure";
import type { BurnDownPoint } from "@/lib/figures/types";
import { buildPdf } from "@/lib/reports/build-pdf";
import { CONTENT_HEIGHT, MARGIN, PAGE } from "@/lib/reports/pdf/layout";
import { org, sampleFigures } from "./fixtures";

// How the report falls onto pages: headings stay with what they introduce, the last page is never a
// scrap, and the chart's axis fits its data. Read back from the PDF itself, for scopes of many sizes.

const meta = { generatedBy: "Private Office (private.office@minister.example.gov.uk)", generatedAt: "2026-11-28T14:05:00.000Z" };
const NAMES = ["Department for Culture, Media and Sport", "Home Office", "Office of the Leader of the House of Commons", "Crown Prosecution Service", "Driver and Vehicle Licensing Agency"];

/** A scope of `n` organisations, a third of them red, with names of the lengths real ones have. */
function figuresFor(n: number) {
  return sampleFigures({
    organisations: Array.from({ length: n }, (_, i) => org({
      id: i + 1, name: `${NAMES[i % NAMES.length]} ${i + 1}`, acronym: `O${i + 1}`, status: (["RED", "AMBER", "GREEN"] as const)[i % 3]!,
      breach: i % 3 === 0 ? 3 : 0, byRule: i % 3 === 0 ? { "R2-CORE-NETWORK": { BREACH: 3 } } : {},
      inServiceComplete: 80 + (i % 20), completeness: (80 + (i % 20)) / 100,
    })),
  });
}

// Sizes that put each section break in a different place, including ones whose last section once
// spilled a few lines onto a page of its own.
const SIZES = [1, 2, 3, 5, 9, 18, 26, 44, 57, 60, 68, 80].map((n) => [n === 1 ? "1 organisation" : `${n} organisations`, n] as const);

function layout(bytes: Buffer) {
  const { tree, pages } = readTaggedPdf(bytes);
  /** How far down the body of each page its content reaches, 0 to 1. */
  const fill = pages.map((p) => {
    const baselines = p.runs.filter((r) => !r.artifact).flatMap((r) => r.baselines);
    return baselines.length === 0 ? 0 : (PAGE.height - Math.min(...baselines) - MARGIN.top) / CONTENT_HEIGHT;
  });
  return { tree: tree ?? [], pages, fill };
}

describe("the report's pages", () => {
  it.each(SIZES)("keep every heading on the page where what it introduces begins (%s)", async (_, n) => {
    const { tree } = layout(await buildPdf(figuresFor(n), meta));
    const all = flatten(tree);
    const headings = all.filter((node) => /^H[23]$/.test(node.type));
    expect(headings.length).toBeGreaterThanOrEqual(9);
    for (const heading of headings) {
      const after = all.slice(all.indexOf(heading) + 1).find((node) => node.content.length > 0 && !/^H\d$/.test(node.type));
      expect(after, "something follows each heading").toBeDefined();
      expect(after!.content[0]!.page).toBe(heading.content[0]!.page);
    }
  });

  it.each(SIZES)("never end on a nearly empty page (%s)", async (_, n) => {
    const { fill } = layout(await buildPdf(figuresFor(n), meta));
    if (fill.length > 1) expect(fill[fill.length - 1]).toBeGreaterThanOrEqual(0.25);
    // Keeping things together may leave the foot of a page empty, never most of it.
    for (const f of fill.slice(0, -1)) expect(f).toBeGreaterThan(0.6);
  });

  it("are laid out tighter rather than leaving the method notes on a page of their own", async () => {
    // Two organisations: at regular spacing the method notes alone spilled onto a third page.
    const { pages, fill } = layout(await buildPdf(figuresFor(2), meta));
    expect(pages).toHaveLength(2);
    expect(fill[1]).toBeGreaterThan(0.5);
  });
});

describe("the burn-down chart's value axis", () => {
  function axisLabels(bytes: Buffer): string[] {
    const { tree, runs } = readTaggedPdf(bytes);
    const figure = flatten(tree ?? []).find((node) => node.type === "Figure")!;
    return figure.content.flatMap((c) => runs.get(`${c.page}:${c.mcid}`)!.lines).filter((l) => /^[\d,]+$/.test(l));
  }

  const points = (values: number[]): BurnDownPoint[] => values.map((v, i) => ({
    date: `2025-0${i + 1}-01`, coveredRemaining: v, coveredRemoved: 0, breach: Math.round(v / 4), red: 0, amber: 0, green: 0,
  }));

  it("runs in round steps to just above the largest value: 1,250 for 1,075, not 2,000", async () => {
    const labels = axisLabels(await buildPdf(sampleFigures({ burnDown: points([1075, 900, 640, 216]) }), meta));
    expect(labels).toEqual(["0", "250", "500", "750", "1,000", "1,250"]);
  });

  it("fits small counts in whole numbers", async () => {
    expect(axisLabels(await buildPdf(sampleFigures({ burnDown: points([7, 5, 3]) }), meta))).toEqual(["0", "2", "4", "6", "8"]);
  });
});
