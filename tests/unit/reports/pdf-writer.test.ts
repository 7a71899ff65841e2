import PDFDocument from "pdfkit";
import { describe, expect, it } from "vitest";
import { flatten, readTaggedPdf } from "../../support/pdf-structure";
import { DENSITY, MARGIN } from "@/lib/reports/pdf/layout";
import { TaggedWriter } from "@/lib/reports/pdf/tagged-writer";
import { methodNotes } from "@/lib/reports/summary-text";
import { sampleFigures } from "./fixtures";

// The writer's page-break rules, tried at every position near the foot of a page.

function writer(): TaggedWriter {
  const doc = new PDFDocument({ size: "A4", margins: MARGIN, bufferPages: true, pdfVersion: "1.7", tagged: true });
  return new TaggedWriter(doc, DENSITY.regular);
}

function finish(w: TaggedWriter): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve) => {
    w.doc.on("data", (c: Buffer) => chunks.push(c));
    w.doc.on("end", () => resolve(Buffer.concat(chunks)));
  });
  w.finish();
  w.doc.end();
  return done;
}

const pageOf = (w: TaggedWriter) => w.doc.bufferedPageRange().count - 1;

describe("TaggedWriter", () => {
  it.each([2, 3] as const)("never leaves an H%i at the foot of a page without the start of what follows it", async (level) => {
    for (let room = 0; room <= 120; room += 1) {
      const w = writer();
      w.doc.y = w.bottomLimit - room;
      const keep = 40;
      w.heading(level, "Status of organisations", keep);
      const headingPage = pageOf(w);
      // What a table or a paragraph asks for before it starts.
      w.ensureSpace(keep);
      expect(pageOf(w), `with ${room} points left`).toBe(headingPage);
      await finish(w);
    }
  });

  it("breaks a list only where at least two of its items stand on each side", async () => {
    const items = methodNotes(sampleFigures()).map((text) => ({ label: "\u2022", text }));
    let splits = 0;
    for (let room = 0; room <= 200; room += 8) {
      const w = writer();
      w.doc.y = w.bottomLimit - room;
      w.list(items);
      const { tree } = readTaggedPdf(await finish(w));
      const list = flatten(tree ?? []).find((n) => n.type === "L")!;
      const pages = list.children.map((li) => li.children[0]!.content[0]!.page);
      expect(pages).toHaveLength(items.length);
      const perPage = [...new Set(pages)].map((p) => pages.filter((x) => x === p).length);
      if (perPage.length > 1) splits++;
      for (const n of perPage) expect(n, `with ${room} points left: ${pages.join(",")}`).toBeGreaterThanOrEqual(2);
    }
    expect(splits).toBeGreaterThan(5);
  });
});
