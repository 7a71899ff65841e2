// The report's page geometry, type sizes and colours, in PDF points (A4). The margins leave room for
// the protective marking above and below the text.

export type Doc = PDFKit.PDFDocument;

export const PAGE = { width: 595.28, height: 841.89 };
export const MARGIN = { top: 62, bottom: 66, left: 45, right: 45 };
export const CONTENT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
export const CONTENT_HEIGHT = PAGE.height - MARGIN.top - MARGIN.bottom;

export const FONT = { regular: "Helvetica", bold: "Helvetica-Bold" } as const;

export const COLOUR = {
  text: "#0b0c0c",
  secondary: "#505a5f",
  border: "#b1b4b6",
  rowShade: "#f3f2f1",
  remaining: "#1d70b8",
  breach: "#d4351c",
  deadline: "#505a5f",
} as const;

/**
 * Spacing that can be tightened. The report is first laid out at `regular`; when that leaves a
 * last page nearly empty it is laid out again at `compact` and the shorter one is kept.
 */
export interface Density {
  /** Padding inside each table cell. */
  cellPad: number;
  /** Height of the burn-down chart's plot area. */
  chartHeight: number;
  /** Space above a section heading, in lines. */
  headingGap: number;
  /** Space after a paragraph, in lines. */
  paragraphGap: number;
  /** Height of a headline figure's box. */
  boxHeight: number;
}

export const DENSITY: Record<"regular" | "compact", Density> = {
  regular: { cellPad: 3, chartHeight: 170, headingGap: 0.6, paragraphGap: 0.4, boxHeight: 40 },
  compact: { cellPad: 2, chartHeight: 130, headingGap: 0.4, paragraphGap: 0.25, boxHeight: 36 },
};
