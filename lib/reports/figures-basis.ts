import { formatLongDate } from "@/lib/compliance/dates";
import type { ComplianceFigures } from "@/lib/figures/types";

// Whether figures are live or a snapshot, in the same words everywhere they are shown: the
// dashboard, the organisation pages, the reports page and every report file (the PDF's builder,
// lib/reports/build-pdf.ts, calls figuresBasisLabel for its "Figures" line). Live figures are the
// stored results, kept current with every change to the register; a snapshot is one organisation's
// figures as they stood at the end of a day, never changed afterwards.

type Basis = Pick<ComplianceFigures, "asOf" | "source">;

/** "live" or "snapshot of 30 November 2026", to go inside a sentence. */
export function figuresBasis(figures: Basis): string {
  return figures.source === "snapshot" ? `snapshot of ${formatLongDate(figures.asOf)}` : "live";
}

/**
 * "Live figures, 1 December 2026" or "Snapshot of 30 November 2026": a label on its own, such as
 * the "Figures" row of a report or a spreadsheet's summary.
 */
export function figuresBasisLabel(figures: Basis): string {
  if (figures.source === "snapshot") return `Snapshot of ${formatLongDate(figures.asOf)}`;
  return figures.asOf ? `Live figures, ${formatLongDate(figures.asOf)}` : "Live figures";
}
