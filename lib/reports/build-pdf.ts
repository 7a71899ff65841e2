import PDFDocument from "pdfkit";
import type { ComplianceFigures } from "@/lib/figures/types";
import { PROTECTIVE_MARKING, REPORT_TITLE, type ReportMeta } from "@/lib/reports/format";
import { COLOUR, CONTENT_WIDTH, DENSITY, FONT, MARGIN, PAGE, type Density } from "@/lib/reports/pdf/layout";
import {
  breachesSection, completenessSection, documentSubject, headlineSection, methodSection, progressSection, returnsSection, statusSection,
  summarySection, titleBlock,
} from "@/lib/reports/pdf/sections";
import { TaggedWriter } from "@/lib/reports/pdf/tagged-writer";

// The minister's office summary report: an A4, tagged PDF (PDF 1.7, en-GB, with a structure tree
// of headings, paragraphs, lists, tables and a described figure) so that it can be published and
// read with assistive technology.

/** A last page with less than this share of content is laid out again, tighter. */
const NEARLY_EMPTY = 0.25;

/** The protective marking top and bottom of every page, and "Page n of m": page furniture. */
function stampPages(w: TaggedWriter): void {
  const doc = w.doc;
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // Writing inside the bottom margin would otherwise make pdfkit start a new page.
    const savedBottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    w.artifact(() => {
      doc.font(FONT.bold).fontSize(11).fillColor(COLOUR.text);
      doc.text(PROTECTIVE_MARKING, MARGIN.left, 26, { width: CONTENT_WIDTH, align: "center", lineBreak: false });
      doc.text(PROTECTIVE_MARKING, MARGIN.left, PAGE.height - 40, { width: CONTENT_WIDTH, align: "center", lineBreak: false });
      doc.font(FONT.regular).fontSize(8).fillColor(COLOUR.secondary);
      doc.text(`Page ${i - range.start + 1} of ${range.count}`, MARGIN.left, PAGE.height - 38, { width: CONTENT_WIDTH, align: "right", lineBreak: false });
    }, "Pagination");
    doc.page.margins.bottom = savedBottom;
  }
}

interface Laid {
  pdf: Promise<Buffer>;
  pageFill: number[];
}

function layOut(figures: ComplianceFigures, meta: ReportMeta, density: Density): Laid {
  const doc = new PDFDocument({
    size: "A4",
    margins: MARGIN,
    bufferPages: true,
    pdfVersion: "1.7",
    tagged: true,
    lang: "en-GB",
    displayTitle: true,
    info: {
      Title: REPORT_TITLE,
      Author: "Estate Camera Register",
      Subject: documentSubject(figures),
      Keywords: PROTECTIVE_MARKING,
      CreationDate: new Date(meta.generatedAt),
    },
  });
  const chunks: Buffer[] = [];
  const pdf = new Promise<Buffer>((resolve, reject) => {
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });

  const w = new TaggedWriter(doc, density);
  titleBlock(w, figures, meta);
  summarySection(w, figures);
  headlineSection(w, figures);
  statusSection(w, figures);
  progressSection(w, figures);
  returnsSection(w, meta);
  breachesSection(w, figures);
  completenessSection(w, figures);
  methodSection(w, figures);
  const pageFill = w.finish();
  stampPages(w);
  doc.end();
  return { pdf, pageFill };
}

/**
 * The report as PDF bytes. Laid out with regular spacing first; when that leaves the last page
 * nearly empty it is laid out again with tighter spacing, and the version with fewer pages is kept.
 */
export async function buildPdf(figures: ComplianceFigures, meta: ReportMeta): Promise<Buffer> {
  const regular = layOut(figures, meta, DENSITY.regular);
  const last = regular.pageFill[regular.pageFill.length - 1] ?? 1;
  if (regular.pageFill.length < 2 || last >= NEARLY_EMPTY) return regular.pdf;
  const compact = layOut(figures, meta, DENSITY.compact);
  const chosen = compact.pageFill.length < regular.pageFill.length ? compact : regular;
  const [a, b] = await Promise.all([regular.pdf, compact.pdf]);
  return chosen === compact ? b : a;
}
