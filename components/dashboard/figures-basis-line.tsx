import { figuresBasis } from "@/lib/reports/figures-basis";
import { formatDate, formatDateTime } from "./format";

export interface FiguresBasisLineProps {
  asOf: string;
  source: "current" | "snapshot";
  /** When the live figures were last computed; not shown for a snapshot. */
  computedAt: string;
  id?: string;
  className?: string;
}

/**
 * Says whether the figures on a page are live or a snapshot of a day, in the words the reports
 * use too (lib/reports/figures-basis.ts), so that a number can be matched to a downloaded file.
 */
export function FiguresBasisLine({ asOf, source, computedAt, id, className = "govuk-body" }: FiguresBasisLineProps) {
  return (
    <p className={className} id={id} data-figures-basis={figuresBasis({ asOf, source })}>
      Figures: <strong>{figuresBasis({ asOf, source })}</strong>
      {source === "snapshot" ? (
        ", as they stood at the end of that day."
      ) : (
        <>
          {asOf ? `, as of ${formatDate(asOf)}` : ""}. Computed at {formatDateTime(computedAt || null)}.
        </>
      )}
    </p>
  );
}
