import { formatLongDate, fromEpochDay, toEpochDay } from "@/lib/compliance";
import type { BurnDownPoint } from "@/lib/figures/types";
import { niceTicks } from "@/lib/presentation/nice-ticks";
import { formatCount } from "@/lib/reports/format";
import { COLOUR, CONTENT_WIDTH, FONT, MARGIN } from "@/lib/reports/pdf/layout";
import type { TaggedWriter } from "@/lib/reports/pdf/tagged-writer";
import { burnDownDescription, burnDownSummary } from "@/lib/reports/summary-text";

const AXIS_LABEL_WIDTH = 40;
const BELOW_PLOT = 34; // date labels and the legend

function shortDate(iso: string): string {
  return formatLongDate(iso).replace(/^(\d+) (\w{3})\w* (\d{4})$/, "$1 $2 $3");
}

/** The chart's height with its axis labels and legend, and the sentence after it. */
export function burnDownHeight(w: TaggedWriter): number {
  return 6 + w.density.chartHeight + BELOW_PLOT + w.firstLinesHeight(8);
}

/**
 * Covered devices remaining on controlled sites, and devices in breach, over the snapshots: a
 * Figure whose alternative text gives the numbers the lines show, then the same in a sentence.
 */
export function burnDownChart(w: TaggedWriter, points: readonly BurnDownPoint[], deadline: string): void {
  const doc = w.doc;
  const first = points[0];
  const last = points[points.length - 1];
  if (!first || !last || points.length < 2) {
    w.paragraph("There are not yet enough daily snapshots to draw a burn-down chart.");
    return;
  }
  const height = w.density.chartHeight;
  w.ensureSpace(burnDownHeight(w));
  const top = doc.y + 6;
  const left = MARGIN.left + AXIS_LABEL_WIDTH;
  const width = CONTENT_WIDTH - AXIS_LABEL_WIDTH - 10;
  const bottom = top + height;
  const d0 = toEpochDay(first.date);
  const span = Math.max(1, toEpochDay(last.date) - d0);
  // Round ticks just above the largest value, so the lines use the height of the chart.
  const ticks = niceTicks(Math.max(...points.map((p) => Math.max(p.coveredRemaining, p.breach))));
  const yMax = ticks[ticks.length - 1]!;
  const xOf = (date: string) => left + ((toEpochDay(date) - d0) / span) * width;
  const yOf = (v: number) => bottom - (v / yMax) * height;
  const legendY = bottom + 18;

  const draw = () => {
    doc.save();
    doc.font(FONT.regular).fontSize(7).fillColor(COLOUR.secondary);
    for (const v of ticks) {
      const y = yOf(v);
      doc.moveTo(left, y).lineTo(left + width, y).lineWidth(0.3).strokeColor(v === 0 ? COLOUR.text : COLOUR.border).stroke();
      doc.text(formatCount(v), MARGIN.left, y - 3.5, { width: AXIS_LABEL_WIDTH - 5, align: "right", lineBreak: false });
    }
    // Five dates evenly spaced in time (snapshots are monthly at first, then daily).
    const dateTicks = 4;
    for (let i = 0; i <= dateTicks; i++) {
      const date = fromEpochDay(d0 + Math.round((i / dateTicks) * span));
      const x = xOf(date);
      doc.moveTo(x, bottom).lineTo(x, bottom + 3).lineWidth(0.5).strokeColor(COLOUR.text).stroke();
      const labelX = Math.min(Math.max(x - 30, left - 20), left + width - 50);
      doc.text(shortDate(date), labelX, bottom + 5, { width: 60, align: i === dateTicks ? "right" : "center", lineBreak: false });
    }
    if (deadline >= first.date && deadline <= last.date) {
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
    doc.moveTo(left, legendY + 3).lineTo(left + 18, legendY + 3).lineWidth(1.6).strokeColor(COLOUR.remaining).stroke();
    doc.fillColor(COLOUR.text).fontSize(7.5).text("Covered devices remaining on controlled sites", left + 22, legendY, { lineBreak: false });
    doc.moveTo(left + 220, legendY + 3).lineTo(left + 238, legendY + 3).lineWidth(1.6).dash(4, { space: 2 }).strokeColor(COLOUR.breach).stroke().undash();
    doc.text("Devices in breach", left + 242, legendY, { lineBreak: false });
    doc.restore();
  };
  w.content("Figure", draw, {
    alt: burnDownDescription(points, deadline, yMax),
    placement: "Block",
    bbox: [MARGIN.left, top - 4, MARGIN.left + CONTENT_WIDTH, legendY + 12],
  });
  doc.x = MARGIN.left;
  doc.y = legendY + 16;
  w.paragraph(burnDownSummary(points), 8);
}
