import type { ReactNode } from "react";
import { Details } from "@/components/govuk";

export interface ChartFigureProps {
  id: string;
  title: string;
  /** What the chart shows, in a sentence or two, for everyone. */
  description: ReactNode;
  /** The chart itself: its SVG carries role="img" and an aria-label saying what it shows. */
  chart: ReactNode;
  table: ReactNode;
}

/**
 * A chart with its words around it: a heading, a description, the picture (announced by its own
 * label) and the same figures as a table for anyone who cannot or would rather not read a chart.
 */
export function ChartFigure({ id, title, description, chart, table }: ChartFigureProps) {
  return (
    <section aria-labelledby={id} className="govuk-!-margin-bottom-9 mb-12">
      <h3 className="govuk-heading-m" id={id}>{title}</h3>
      <div className="govuk-body">{description}</div>
      {/* govuk-body for the design system's typeface, which the chart's SVG text inherits. */}
      <div className="govuk-body mb-6 border border-[#b1b4b6] bg-white p-4">
        {chart}
      </div>
      <Details summary="Show the figures as a table">{table}</Details>
    </section>
  );
}
