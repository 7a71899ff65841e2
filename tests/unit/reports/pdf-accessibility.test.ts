import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { flatten, readTaggedPdf, textOf, type StructNode } from "../../support/pdf-structure";
import { pdfInfo, pdfReadingText, pdfStructText } from "../../support/poppler";
import { buildPdf } from "@/lib/reports/build-pdf";
import { REPORT_TITLE } from "@/lib/reports/format";
import { burnDownDescription, completenessParagraph, methodNotes, summaryParagraph } from "@/lib/reports/summary-text";
import { org, sampleFigures } from "./fixtures";

// The report must be publishable: a tagged PDF whose structure a screen reader can follow. These
// tests read the PDF twice over, with poppler (as a reader's software would) and with our own
// reader of its structure tree and content streams (as an accessibility checker would).

const meta = { generatedBy: "Private Office (private.office@minister.example.gov.uk)", generatedAt: "2026-11-28T14:05:00.000Z" };
const SECTIONS = ["Summary", "Headline figures", "Status of organisations", "Removal progress", "Breaches by rule and organisation", "Data completeness", "Method notes"];

const figures = sampleFigures();
// Enough organisations for the tables to run over pages, with their header rows drawn again.
const manyFigures = sampleFigures({
  organisations: Array.from({ length: 120 }, (_, i) => org({
    id: 100 + i, name: `Organisation number ${i + 1}`, acronym: `O${i + 1}`, status: i % 4 === 0 ? "RED" : "GREEN",
    breach: i % 4 === 0 ? 2 : 0, byRule: i % 4 === 0 ? { "R2-CORE-NETWORK": { BREACH: 2 } } : {},
  })),
});

let dir = "";
let file = "";
let bytes: Buffer = Buffer.alloc(0);
let manyBytes: Buffer = Buffer.alloc(0);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "report-a11y-"));
  file = join(dir, "report.pdf");
  bytes = await buildPdf(figures, meta);
  manyBytes = await buildPdf(manyFigures, meta);
  await writeFile(file, bytes);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function only<T>(items: readonly T[]): T {
  expect(items).toHaveLength(1);
  return items[0]!;
}

function sectionTitled(tree: StructNode[], runs: Parameters<typeof textOf>[1], title: string): StructNode {
  return only(flatten(tree).filter((n) => n.type === "Sect" && n.children[0]?.type === "H2" && textOf(n.children[0], runs) === title));
}

describe("the report PDF is tagged", () => {
  it("says so, as PDF 1.7 in British English, with its title shown in place of the file name", async () => {
    const info = await pdfInfo(file);
    expect(info.get("Tagged")).toBe("yes");
    expect(info.get("PDF version")).toBe("1.7");
    expect(info.get("Title")).toBe(REPORT_TITLE);
    const { pdf } = readTaggedPdf(bytes);
    expect(pdf.catalog.get("Lang")).toBe("en-GB");
    expect(pdf.dict(pdf.catalog.get("ViewerPreferences")).get("DisplayDocTitle")).toBe(true);
    expect(pdf.dict(pdf.catalog.get("MarkInfo")).get("Marked")).toBe(true);
  });

  it("draws nothing outside a structure element or an artifact, and each tagged piece belongs to one element", () => {
    for (const pdfBytes of [bytes, manyBytes]) {
      const { tree, pages } = readTaggedPdf(pdfBytes);
      for (const page of pages) {
        expect(page.unmarked).toEqual([]);
        expect(page.orphanMarks).toEqual([]);
      }
      const tagged = pages.flatMap((p) => p.runs.filter((r) => r.mcid !== null).map((r) => `${r.page}:${r.mcid}`));
      expect(tagged.length).toBeGreaterThan(100);
      expect(new Set(tagged).size).toBe(tagged.length);
      const owners = new Map<string, number>();
      for (const node of flatten(tree ?? [])) {
        for (const c of node.content) owners.set(`${c.page}:${c.mcid}`, (owners.get(`${c.page}:${c.mcid}`) ?? 0) + 1);
      }
      expect([...owners.keys()].sort()).toEqual([...tagged].sort());
      expect([...owners.values()].every((n) => n === 1)).toBe(true);
    }
  });

  it("marks the protective marking and page numbers, top and bottom of every page, as page furniture", () => {
    const { pages } = readTaggedPdf(manyBytes);
    expect(pages.length).toBeGreaterThan(2);
    pages.forEach((page, i) => {
      const furniture = page.runs.filter((r) => r.artifact && r.tag === "Artifact").flatMap((r) => r.lines);
      expect(furniture.filter((l) => l === "OFFICIAL-SENSITIVE")).toHaveLength(2);
      expect(furniture).toContain(`Page ${i + 1} of ${pages.length}`);
      expect(page.runs.filter((r) => !r.artifact).map((r) => r.text).join(" ")).not.toContain("OFFICIAL-SENSITIVE");
    });
  });

  it("opens with the title as the one H1, then an H2 for each section in reading order, H3s only beneath them", async () => {
    const { tree, runs } = readTaggedPdf(bytes);
    const document = only(tree ?? []);
    expect(document.type).toBe("Document");
    expect(document.children[0]?.type).toBe("H1");
    expect(textOf(document.children[0]!, runs)).toBe(REPORT_TITLE);
    const headings = flatten([document]).filter((n) => /^H\d$/.test(n.type)).map((n) => ({ level: Number(n.type.slice(1)), text: textOf(n, runs) }));
    expect(headings.filter((h) => h.level === 1)).toHaveLength(1);
    expect(headings.filter((h) => h.level === 2).map((h) => h.text)).toEqual(SECTIONS);
    headings.forEach((h, i) => {
      if (i > 0) expect(h.level, h.text).toBeLessThanOrEqual(headings[i - 1]!.level + 1);
    });
    for (const title of SECTIONS) expect(sectionTitled([document], runs, title).children[0]?.type).toBe("H2");
    // poppler reads the same tree: the document, then its title.
    const struct = (await pdfStructText(file)).split("\n");
    expect(struct.slice(0, 3).map((l) => l.trim())).toEqual(["Document", "H1 (block)", `"${REPORT_TITLE}"`]);
  });

  it("tags every table with a header row of column headers, names each row by its first cell, and reads the cells in order", () => {
    for (const pdfBytes of [bytes, manyBytes]) {
      const { tree } = readTaggedPdf(pdfBytes);
      const tables = flatten(tree ?? []).filter((n) => n.type === "Table");
      expect(tables.length).toBeGreaterThanOrEqual(6);
      for (const table of tables) {
        const head = table.children.find((c) => c.type === "THead");
        const headerCells = head ? only(head.children).children : null;
        if (headerCells) for (const th of headerCells) expect([th.type, th.scope]).toEqual(["TH", "Column"]);
        const rows = table.children.flatMap((c) => (c.type === "TR" ? [c] : c.type === "TBody" || c.type === "TFoot" ? c.children : []));
        expect(rows.length).toBeGreaterThan(0);
        for (const row of rows) {
          expect(row.type).toBe("TR");
          expect([row.children[0]?.type, row.children[0]?.scope]).toEqual(["TH", "Row"]);
          expect(row.children.slice(1).every((c) => c.type === "TD")).toBe(true);
          if (headerCells) expect(row.children).toHaveLength(headerCells.length);
        }
      }
    }
    const { tree, runs } = readTaggedPdf(bytes);
    const status = only(sectionTitled(tree ?? [], runs, "Status of organisations").children.filter((c) => c.type === "Table"));
    const cells = (row: StructNode) => row.children.map((c) => textOf(c, runs));
    expect(cells(only(status.children.find((c) => c.type === "THead")!.children))).toEqual([
      "Organisation", "Status", "Sites", "Devices", "Breach", "Action due", "Unverified", "Covered remaining", "Covered removed", "Not recorded", "Data complete",
    ]);
    const body = status.children.find((c) => c.type === "TBody")!;
    expect(cells(body.children[0]!)).toEqual(["Home Office (HO)", "Red", "10", "100", "12", "3", "4", "20", "30", "3", "90%"]);
    expect(cells(only(status.children.find((c) => c.type === "TFoot")!.children))).toEqual(["Total (4 organisations)", "", "30", "300", "12", "8", "6", "25", "31", "3", "90%"]);
  });

  it("draws a long table's header row again on each page it runs onto, as furniture rather than a second header", () => {
    const { tree, runs, pages } = readTaggedPdf(manyBytes);
    const status = only(sectionTitled(tree ?? [], runs, "Status of organisations").children.filter((c) => c.type === "Table"));
    expect(status.children.filter((c) => c.type === "THead")).toHaveLength(1);
    expect(status.children.find((c) => c.type === "TBody")?.children).toHaveLength(120);
    const rowPages = new Set(status.children.find((c) => c.type === "TBody")!.children.map((r) => r.children[0]!.content[0]!.page));
    expect(rowPages.size).toBeGreaterThan(1);
    for (const page of [...rowPages].slice(1)) {
      const furniture = pages[page]!.runs.filter((r) => r.artifact).flatMap((r) => r.lines).join(" ").replace(/\s+/g, " ");
      expect(furniture).toContain("Organisation Status Sites Devices Breach Action due Unverified Covered remaining Covered removed Not recorded Data complete");
    }
  });

  it("gives the burn-down chart a box and alternative text that states what it shows, in numbers", () => {
    const { tree } = readTaggedPdf(bytes);
    const figure = only(flatten(tree ?? []).filter((n) => n.type === "Figure"));
    expect(figure.bbox).toHaveLength(4);
    expect(figure.alt).toBe(burnDownDescription(figures.burnDown, figures.policy.removalDeadline, 60));
    expect(figure.alt).toBe(
      "Line chart of removal progress from 30 November 2022 to 28 November 2026, on a scale of 0 to 60 devices. " +
        "Covered devices remaining on controlled sites (solid blue line) went from 60 to 25. " +
        "Devices in breach (dashed red line) went from 10 to 12, highest 14 on 30 June 2024. " +
        "A dotted line marks the removal deadline, 30 April 2025; at the snapshot of 30 June 2024, the last before it, 40 covered devices remained and 14 devices were in breach.",
    );
  });

  it("tags the method notes as a list of items, each with its bullet as a label and the note as its body", () => {
    const { tree, runs } = readTaggedPdf(bytes);
    const list = only(sectionTitled(tree ?? [], runs, "Method notes").children.filter((c) => c.type === "L"));
    expect(list.children.map((li) => li.type)).toEqual(methodNotes(figures).map(() => "LI"));
    list.children.forEach((li, i) => {
      expect(li.children.map((c) => c.type)).toEqual(["Lbl", "LBody"]);
      expect(textOf(li.children[0]!, runs)).toBe("\u2022");
      expect(textOf(li.children[1]!, runs).replace(/\s+/g, " ").trim()).toBe(methodNotes(figures)[i]);
    });
  });

  it("reads each headline figure before what it counts, as separate paragraphs of one list item", () => {
    const { tree, runs } = readTaggedPdf(bytes);
    const list = only(sectionTitled(tree ?? [], runs, "Headline figures").children.filter((c) => c.type === "L"));
    const first = list.children[0]!;
    expect(first.children.map((c) => c.type)).toEqual(["LBody"]);
    expect(first.children[0]!.children.map((p) => textOf(p, runs))).toEqual(["4", "Organisations in scope"]);
  });

  it("reads in order: the title, then each heading followed by its own text, section after section", async () => {
    const sequence = [
      REPORT_TITLE, "Scope", "All government", "Summary", summaryParagraph(figures).slice(0, 60), "Headline figures", "Organisations in scope",
      "Status of organisations", "Home Office (HO)", "Removal progress", "Covered devices remaining on controlled sites",
      "Breaches by rule and organisation", "By rule", "By organisation", "Data completeness", completenessParagraph(figures.totals).slice(0, 60),
      "Method notes", methodNotes(figures)[0]!.slice(0, 60),
    ];
    const inOrder = (text: string) => {
      const flat = text.replace(/\s+/g, " ");
      let at = -1;
      for (const s of sequence) {
        const i = flat.indexOf(s, at + 1);
        expect(i, `"${s}" after position ${at}`).toBeGreaterThan(at);
        at = i;
      }
    };
    // As poppler extracts the text, and as the structure tree gives it to a screen reader.
    inOrder(await pdfReadingText(file));
    inOrder((await pdfStructText(file)).split("\n").map((l) => l.trim()).filter((l) => l.startsWith("\"")).map((l) => l.slice(1, -1)).join(" "));
  });
});
