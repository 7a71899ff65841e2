import PDFDocument from "pdfkit";
import { formatLongDate, fromEpochDay, toEpochDay } from "@/lib/compliance";
import type { BurnDownPoint, ComplianceFigures, OrganisationFigures } from "@/lib/data/figures";
import {
  asOfWords, BREACH_RULES, breachCount, formatCount, formatDateTime, formatPercent, ORG_STATUS_SHORT, ORG_STATUS_WORDS,
  policyWords, PROTECTIVE_MARKING, REPORT_TITLE, ruleTitle, scopeLabel, type ReportMeta,
} from "@/lib/reports/format";
import {
  formatHeadline, formatProgressChange, headlineFigures, methodNotes, progressRows, summaryParagraph,
} from "@/lib/reports/summary-text";

// A4 in points. The margins leave room for the protective marking above and below the text.
const PAGE = { width: 595.28, height: 841.89 };
const MARGIN = { top: 62, bottom: 66, left: 45, right: 45 };
const CONTENT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;

const COLOUR = {
  text: "#0b0c0c",
  secondary: "#505a5f",
  border: "#b1b4b6",
  rowShade: "#f3f2f1",
  remaining: "#1d70b8",
  breach: "#d4351c",
  deadline: "#505a5f",
};

type Doc = PDFKit.PDFDocument;

interface Column {
  header: string;
  width: number;
  align?: "left" | "right";
}

function bottomLimit(): number {
  return PAGE.height - MARGIN.bottom;
}

/** Starts a new page unless `height` more points fit on this one. */
function ensureSpace(doc: Doc, height: number): void {
  if (doc.y + height > bottomLimit()) doc.addPage();
}

function heading(doc: Doc, text: string): void {
  ensureSpace(doc, 60);
  doc.moveDown(0.6);
  doc.font("Helvetica-Bold").fontSize(13).fillColor(COLOUR.text).text(text, MARGIN.left, doc.y, { width: CONTENT_WIDTH });
  doc.moveDown(0.3);
}

function subheading(doc: Doc, text: string): void {
  ensureSpace(doc, 40);
  doc.moveDown(0.3);
  doc.font("Helvetica-Bold").fontSize(10.5).fillColor(COLOUR.text).text(text, MARGIN.left, doc.y, { width: CONTENT_WIDTH });
  doc.moveDown(0.2);
}

function paragraph(doc: Doc, text: string, size = 9.5): void {
  doc.font("Helvetica").fontSize(size).fillColor(COLOUR.text);
  ensureSpace(doc, doc.heightOfString(text, { width: CONTENT_WIDTH }) + 4);
  doc.text(text, MARGIN.left, doc.y, { width: CONTENT_WIDTH, lineGap: 1.5 });
  doc.moveDown(0.4);
}

const FONT_SIZE_TABLE = 7.5;
const CELL_PAD = 3;

// Measuring wrapped text is the slow part of pdfkit: a cell that fits on one line is measured by its
// width alone, which keeps a 500-organisation table quick.
function fitsOnOneLine(doc: Doc, text: string, width: number): boolean {
  return doc.widthOfString(text) <= width;
}

function rowHeight(doc: Doc, columns: readonly Column[], cells: readonly string[], font: string): number {
  doc.font(font).fontSize(FONT_SIZE_TABLE);
  const lineHeight = doc.currentLineHeight(true);
  let h = lineHeight;
  columns.forEach((c, i) => {
    const text = cells[i] ?? "";
    const width = c.width - 2 * CELL_PAD;
    if (!fitsOnOneLine(doc, text, width)) h = Math.max(h, doc.heightOfString(text, { width }));
  });
  return h + 2 * CELL_PAD;
}

function drawRow(doc: Doc, columns: readonly Column[], cells: readonly string[], y: number, height: number, opts: { bold?: boolean; shade?: boolean }): void {
  if (opts.shade) {
    doc.save().rect(MARGIN.left, y, columns.reduce((s, c) => s + c.width, 0), height).fill(COLOUR.rowShade).restore();
  }
  doc.font(opts.bold ? "Helvetica-Bold" : "Helvetica").fontSize(FONT_SIZE_TABLE).fillColor(COLOUR.text);
  let x = MARGIN.left;
  columns.forEach((c, i) => {
    const text = cells[i] ?? "";
    const width = c.width - 2 * CELL_PAD;
    if (fitsOnOneLine(doc, text, width)) {
      // Place single-line cells directly: no line-wrapping pass, right alignment done by hand.
      const offset = c.align === "right" ? width - doc.widthOfString(text) : 0;
      doc.text(text, x + CELL_PAD + offset, y + CELL_PAD, { lineBreak: false });
    } else {
      doc.text(text, x + CELL_PAD, y + CELL_PAD, { width, align: c.align ?? "left" });
    }
    x += c.width;
  });
  const width = x - MARGIN.left;
  doc.save().moveTo(MARGIN.left, y + height).lineTo(MARGIN.left + width, y + height).lineWidth(0.5).strokeColor(COLOUR.border).stroke().restore();
}

/** A table that carries its header row onto every page it runs over. */
function table(doc: Doc, columns: readonly Column[], rows: readonly string[][], options: { totalRow?: string[] } = {}): void {
  const headers = columns.map((c) => c.header);
  const headerHeight = rowHeight(doc, columns, headers, "Helvetica-Bold");
  const drawHeader = () => {
    const y = doc.y;
    drawRow(doc, columns, headers, y, headerHeight, { bold: true });
    doc.save().moveTo(MARGIN.left, y + headerHeight).lineTo(MARGIN.left + CONTENT_WIDTH, y + headerHeight).lineWidth(1).strokeColor(COLOUR.text).stroke().restore();
    doc.y = y + headerHeight;
  };
  const firstRow = rows[0] ? rowHeight(doc, columns, rows[0], "Helvetica") : 0;
  ensureSpace(doc, headerHeight + firstRow);
  drawHeader();
  const all = options.totalRow ? [...rows, options.totalRow] : rows;
  all.forEach((cells, index) => {
    const isTotal = options.totalRow !== undefined && index === rows.length;
    const h = rowHeight(doc, columns, cells, isTotal ? "Helvetica-Bold" : "Helvetica");
    if (doc.y + h > bottomLimit()) {
      doc.addPage();
      drawHeader();
    }
    const y = doc.y;
    drawRow(doc, columns, cells, y, h, { bold: isTotal, shade: !isTotal && index % 2 === 1 });
    doc.y = y + h;
  });
  doc.x = MARGIN.left;
  doc.moveDown(0.6);
}

function titleBlock(doc: Doc, figures: ComplianceFigures, meta: ReportMeta): void {
  doc.font("Helvetica-Bold").fontSize(18).fillColor(COLOUR.text).text(REPORT_TITLE, MARGIN.left, MARGIN.top, { width: CONTENT_WIDTH });
  doc.moveDown(0.5);
  const rows: [string, string][] = [
    ["Scope", scopeLabel(figures.scope, figures.organisations)],
    ["As of", asOfWords(figures)],
    ["Generated by", meta.generatedBy],
    ["Generated at", formatDateTime(meta.generatedAt)],
    ["Policy in force", policyWords(figures)],
  ];
  for (const [label, value] of rows) {
    const y = doc.y;
    doc.font("Helvetica-Bold").fontSize(9.5).text(label, MARGIN.left, y, { width: 100 });
    doc.font("Helvetica").fontSize(9.5).text(value, MARGIN.left + 105, y, { width: CONTENT_WIDTH - 105 });
    doc.moveDown(0.25);
  }
  doc.save().moveTo(MARGIN.left, doc.y + 4).lineTo(MARGIN.left + CONTENT_WIDTH, doc.y + 4).lineWidth(1).strokeColor(COLOUR.text).stroke().restore();
  doc.y += 8;
}

function headlineGrid(doc: Doc, figures: ComplianceFigures): void {
  const items = headlineFigures(figures);
  const perRow = 3;
  const gap = 8;
  const boxWidth = (CONTENT_WIDTH - gap * (perRow - 1)) / perRow;
  const boxHeight = 40;
  for (let i = 0; i < items.length; i += perRow) {
    ensureSpace(doc, boxHeight + gap);
    const y = doc.y;
    items.slice(i, i + perRow).forEach((item, j) => {
      const x = MARGIN.left + j * (boxWidth + gap);
      doc.save().rect(x, y, boxWidth, boxHeight).lineWidth(0.5).strokeColor(COLOUR.border).stroke().restore();
      doc.font("Helvetica-Bold").fontSize(15).fillColor(COLOUR.text).text(formatHeadline(item), x + 6, y + 5, { width: boxWidth - 12, lineBreak: false });
      doc.font("Helvetica").fontSize(7.5).fillColor(COLOUR.secondary).text(item.label, x + 6, y + 24, { width: boxWidth - 12, lineBreak: false, ellipsis: true });
    });
    doc.y = y + boxHeight + gap;
  }
  doc.fillColor(COLOUR.text);
  doc.x = MARGIN.left;
}

function organisationLabel(o: OrganisationFigures): string {
  return o.parentAcronym ? `${o.name} (${o.acronym}), agency of ${o.parentAcronym}` : `${o.name} (${o.acronym})`;
}

function statusTable(doc: Doc, figures: ComplianceFigures): void {
  const columns: Column[] = [
    { header: "Organisation", width: 146 },
    { header: "Status", width: 38 },
    { header: "Sites", width: 32, align: "right" },
    { header: "Devices", width: 40, align: "right" },
    { header: "Breach", width: 36, align: "right" },
    { header: "Action due", width: 36, align: "right" },
    { header: "Unverified", width: 44, align: "right" },
    { header: "Covered remaining", width: 46, align: "right" },
    { header: "Covered removed", width: 44, align: "right" },
    { header: "Data complete", width: 43, align: "right" },
  ];
  const rows = figures.organisations.map((o) => [
    organisationLabel(o), ORG_STATUS_SHORT[o.status], formatCount(o.sites), formatCount(o.devices), formatCount(o.breach),
    formatCount(o.actionDue), formatCount(o.unverified), formatCount(o.coveredRemaining), formatCount(o.coveredRemoved),
    o.inService === 0 ? "-" : formatPercent(o.completeness),
  ]);
  const t = figures.totals;
  table(doc, columns, rows, {
    totalRow: [
      `Total (${formatCount(t.organisations)} organisations)`, "", formatCount(t.sites), formatCount(t.devices), formatCount(t.breach),
      formatCount(t.actionDue), formatCount(t.unverified), formatCount(t.coveredRemaining), formatCount(t.coveredRemoved),
      t.inService === 0 ? "-" : formatPercent(t.completeness),
    ],
  });
  paragraph(doc, `Status: ${(["RED", "AMBER", "GREEN", "NO_DATA"] as const).map((s) => `${ORG_STATUS_WORDS[s]} ${formatCount(t.byStatus[s])}`).join("; ")}. ` +
    "Covered remaining and removed count covered devices on controlled sites.", 8);
}

function progressTable(doc: Doc, figures: ComplianceFigures): void {
  const fmt = (n: number | null) => (n === null ? "-" : formatCount(n));
  const columns: Column[] = [
    { header: "Measure", width: 175 },
    { header: figures.baseline ? `First snapshot (${formatLongDate(figures.baseline.date)})` : "First snapshot", width: 85, align: "right" },
    { header: figures.previous ? `Previous snapshot (${formatLongDate(figures.previous.date)})` : "Previous snapshot", width: 85, align: "right" },
    { header: `As of ${figures.asOf ? formatLongDate(figures.asOf) : "today"}`, width: 85, align: "right" },
    { header: "Change since previous", width: 85, align: "right" },
  ];
  table(doc, columns, progressRows(figures).map((p) => [p.measure, fmt(p.baseline), fmt(p.previous), formatCount(p.now), formatProgressChange(p.change)]));
}

function niceCeiling(n: number): number {
  if (n <= 5) return 5;
  const magnitude = 10 ** Math.floor(Math.log10(n));
  for (const step of [1, 2, 2.5, 5, 10]) {
    if (step * magnitude >= n) return step * magnitude;
  }
  return 10 * magnitude;
}

function shortDate(iso: string): string {
  const [y, m] = iso.split("-");
  const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  return `${iso.slice(8, 10).replace(/^0/, "")} ${months[Number(m) - 1] ?? ""} ${y}`;
}

/** Covered devices remaining on controlled sites, and devices in breach, over the snapshots. */
function burnDownChart(doc: Doc, points: readonly BurnDownPoint[], deadline: string): void {
  if (points.length < 2) {
    paragraph(doc, "There are not yet enough daily snapshots to draw a burn-down chart.");
    return;
  }
  const height = 170;
  const axisLabelWidth = 40;
  ensureSpace(doc, height + 60);
  const top = doc.y + 6;
  const left = MARGIN.left + axisLabelWidth;
  const width = CONTENT_WIDTH - axisLabelWidth - 10;
  const bottom = top + height;
  const first = points[0]!.date;
  const last = points[points.length - 1]!.date;
  const d0 = toEpochDay(first);
  const span = Math.max(1, toEpochDay(last) - d0);
  const yMax = niceCeiling(Math.max(...points.map((p) => Math.max(p.coveredRemaining, p.breach)), 1));
  const xOf = (date: string) => left + ((toEpochDay(date) - d0) / span) * width;
  const yOf = (v: number) => bottom - (v / yMax) * height;

  doc.save();
  // Grid and value axis.
  doc.font("Helvetica").fontSize(7).fillColor(COLOUR.secondary);
  for (let i = 0; i <= 5; i++) {
    const v = (yMax / 5) * i;
    const y = yOf(v);
    doc.moveTo(left, y).lineTo(left + width, y).lineWidth(0.3).strokeColor(i === 0 ? COLOUR.text : COLOUR.border).stroke();
    doc.text(formatCount(Math.round(v)), MARGIN.left, y - 3.5, { width: axisLabelWidth - 5, align: "right", lineBreak: false });
  }
  // Date axis: five labels evenly spaced in time (snapshots are monthly at first, then daily).
  const ticks = 4;
  for (let i = 0; i <= ticks; i++) {
    const date = fromEpochDay(d0 + Math.round((i / ticks) * span));
    const x = xOf(date);
    doc.moveTo(x, bottom).lineTo(x, bottom + 3).lineWidth(0.5).strokeColor(COLOUR.text).stroke();
    const labelX = Math.min(Math.max(x - 30, left - 20), left + width - 50);
    doc.text(shortDate(date), labelX, bottom + 5, { width: 60, align: i === ticks ? "right" : "center", lineBreak: false });
  }
  // The removal deadline, when the chart spans it.
  if (deadline >= first && deadline <= last) {
    const x = xOf(deadline);
    doc.moveTo(x, top).lineTo(x, bottom).lineWidth(0.8).dash(2, { space: 2 }).strokeColor(COLOUR.deadline).stroke().undash();
    doc.fillColor(COLOUR.deadline).text(`Removal deadline ${shortDate(deadline)}`, x + 3, top + 2, { lineBreak: false });
  }
  const line = (pick: (p: BurnDownPoint) => number, colour: string, dashed: boolean) => {
    points.forEach((p, i) => {
      if (i === 0) doc.moveTo(xOf(p.date), yOf(pick(p)));
      else doc.lineTo(xOf(p.date), yOf(pick(p)));
    });
    doc.lineWidth(1.6).strokeColor(colour);
    if (dashed) doc.dash(4, { space: 2 });
    doc.stroke();
    if (dashed) doc.undash();
  };
  line((p) => p.coveredRemaining, COLOUR.remaining, false);
  line((p) => p.breach, COLOUR.breach, true);
  // Legend.
  const legendY = bottom + 18;
  doc.moveTo(left, legendY + 3).lineTo(left + 18, legendY + 3).lineWidth(1.6).strokeColor(COLOUR.remaining).stroke();
  doc.fillColor(COLOUR.text).fontSize(7.5).text("Covered devices remaining on controlled sites", left + 22, legendY, { lineBreak: false });
  doc.moveTo(left + 220, legendY + 3).lineTo(left + 238, legendY + 3).lineWidth(1.6).dash(4, { space: 2 }).strokeColor(COLOUR.breach).stroke().undash();
  doc.text("Devices in breach", left + 242, legendY, { lineBreak: false });
  doc.restore();
  doc.x = MARGIN.left;
  doc.y = legendY + 16;
  const firstPoint = points[0]!;
  const lastPoint = points[points.length - 1]!;
  paragraph(doc,
    `Covered devices remaining on controlled sites went from ${formatCount(firstPoint.coveredRemaining)} on ${formatLongDate(first)} ` +
    `to ${formatCount(lastPoint.coveredRemaining)} on ${formatLongDate(last)}; devices in breach from ${formatCount(firstPoint.breach)} to ${formatCount(lastPoint.breach)}.`,
    8);
}

function breachesSection(doc: Doc, figures: ComplianceFigures): void {
  const t = figures.totals;
  subheading(doc, "By rule");
  table(doc, [
    { header: "Rule", width: 110 },
    { header: "What it means", width: 245 },
    { header: "Devices in breach of this rule", width: 80, align: "right" },
    { header: "All findings of this rule", width: 80, align: "right" },
  ], BREACH_RULES.map((r) => [r, ruleTitle(r), formatCount(t.breachesByRule[r] ?? 0), formatCount(t.findingsByRule[r] ?? 0)]));

  subheading(doc, "By organisation");
  const inBreach = figures.organisations.filter((o) => o.breach > 0);
  if (inBreach.length === 0) {
    paragraph(doc, "No organisation in scope has a device in breach.");
    return;
  }
  const ruleWidth = 75;
  table(doc, [
    { header: "Organisation", width: CONTENT_WIDTH - ruleWidth * BREACH_RULES.length - 70 },
    ...BREACH_RULES.map((r) => ({ header: r, width: ruleWidth, align: "right" as const })),
    { header: "Devices in breach", width: 70, align: "right" },
  ], inBreach.map((o) => [organisationLabel(o), ...BREACH_RULES.map((r) => formatCount(breachCount(o, r))), formatCount(o.breach)]), {
    totalRow: ["Total", ...BREACH_RULES.map((r) => formatCount(t.breachesByRule[r] ?? 0)), formatCount(t.breach)],
  });
  paragraph(doc, "A device can breach more than one rule, so the rule columns can add up to more than the devices in breach.", 8);
}

function completenessSection(doc: Doc, figures: ComplianceFigures): void {
  const t = figures.totals;
  paragraph(doc,
    t.inService === 0
      ? "No equipment is recorded as in service, so there is nothing to measure."
      : `${formatCount(t.inServiceComplete)} of ${formatCount(t.inService)} in-service devices (${formatPercent(t.completeness)}) have all four facts recorded: producer, installation date, network and site sensitivity. ` +
        `${formatCount(t.unverified)} devices are unverified because a fact the rules need is missing.`);
  const lowest = figures.organisations
    .filter((o) => o.inService > 0 && o.completeness < 1)
    .sort((a, b) => a.completeness - b.completeness || a.name.localeCompare(b.name))
    .slice(0, 10);
  if (lowest.length === 0) return;
  subheading(doc, lowest.length === 1 ? "The organisation with incomplete data" : `The ${lowest.length} organisations with the least complete data`);
  table(doc, [
    { header: "Organisation", width: 265 },
    { header: "In-service devices", width: 80, align: "right" },
    { header: "With complete data", width: 80, align: "right" },
    { header: "Data complete", width: 90, align: "right" },
  ], lowest.map((o) => [organisationLabel(o), formatCount(o.inService), formatCount(o.inServiceComplete), formatPercent(o.completeness)]));
}

function methodSection(doc: Doc, figures: ComplianceFigures): void {
  doc.font("Helvetica").fontSize(8.5).fillColor(COLOUR.text);
  for (const note of methodNotes(figures)) {
    const height = doc.heightOfString(note, { width: CONTENT_WIDTH - 12, lineGap: 1 });
    ensureSpace(doc, height + 4);
    const y = doc.y;
    doc.text("\u2022", MARGIN.left, y, { width: 10, lineBreak: false });
    doc.text(note, MARGIN.left + 12, y, { width: CONTENT_WIDTH - 12, lineGap: 1 });
    doc.moveDown(0.35);
  }
}

/** The protective marking top and bottom of every page, and "Page n of m". */
function stampPages(doc: Doc): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // Writing inside the bottom margin would otherwise make pdfkit start a new page.
    const savedBottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font("Helvetica-Bold").fontSize(11).fillColor(COLOUR.text);
    doc.text(PROTECTIVE_MARKING, MARGIN.left, 26, { width: CONTENT_WIDTH, align: "center", lineBreak: false });
    doc.text(PROTECTIVE_MARKING, MARGIN.left, PAGE.height - 40, { width: CONTENT_WIDTH, align: "center", lineBreak: false });
    doc.font("Helvetica").fontSize(8).fillColor(COLOUR.secondary);
    doc.text(`Page ${i - range.start + 1} of ${range.count}`, MARGIN.left, PAGE.height - 38, { width: CONTENT_WIDTH, align: "right", lineBreak: false });
    doc.page.margins.bottom = savedBottom;
  }
}

/** The minister's office summary report as an A4 PDF with real, selectable text. */
export function buildPdf(figures: ComplianceFigures, meta: ReportMeta): Promise<Buffer> {
  const doc = new PDFDocument({
    size: "A4",
    margins: MARGIN,
    bufferPages: true,
    info: {
      Title: REPORT_TITLE,
      Author: "Estate Camera Register",
      Subject: `${scopeLabel(figures.scope, figures.organisations)}, as of ${figures.asOf}`,
      Keywords: PROTECTIVE_MARKING,
      CreationDate: new Date(meta.generatedAt),
    },
    lang: "en-GB",
    displayTitle: true,
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });

  titleBlock(doc, figures, meta);
  heading(doc, "Summary");
  paragraph(doc, summaryParagraph(figures), 10.5);
  heading(doc, "Headline figures");
  headlineGrid(doc, figures);
  heading(doc, "Status of organisations");
  statusTable(doc, figures);
  heading(doc, "Removal progress");
  progressTable(doc, figures);
  burnDownChart(doc, figures.burnDown, figures.policy.removalDeadline);
  heading(doc, "Breaches by rule and organisation");
  breachesSection(doc, figures);
  heading(doc, "Data completeness");
  completenessSection(doc, figures);
  heading(doc, "Method notes");
  methodSection(doc, figures);

  stampPages(doc);
  doc.end();
  return done;
}
