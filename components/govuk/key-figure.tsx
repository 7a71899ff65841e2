import type { ReactNode } from "react";
import { cx } from "./cx";
import { StatusTag, statusPresentation, type StatusTagProps } from "./status-tag";

export interface KeyFigureProps {
  label: ReactNode;
  value: ReactNode;
  hint?: ReactNode;
  /** A device or organisation status (see StatusTag); adds the tag and a matching top stripe. */
  status?: StatusTagProps["status"];
  /** Makes the label a link (e.g. to the filtered list behind the number). */
  href?: string;
  /** Render the label as a heading (h2/h3) so dashboards are navigable by heading. */
  headingLevel?: 2 | 3;
  className?: string;
}

/**
 * Big-number dashboard card: large, high-contrast figure that reads well on a projector.
 * govuk-frontend and MOJ Frontend have no such component; the nearest design-system pattern is
 * GOV.UK Publishing's "big number" (a label and a large figure), styled here as app-key-figure,
 * with the status in words as a govuk-tag.
 */
export function KeyFigure({ label, value, hint, status, href, headingLevel, className }: KeyFigureProps) {
  const colour = status !== undefined ? statusPresentation(status).colour : undefined;
  const labelContent = href ? (
    <a href={href} className="govuk-link">
      {label}
    </a>
  ) : (
    label
  );
  const LabelTag = headingLevel === 2 ? "h2" : headingLevel === 3 ? "h3" : "p";
  return (
    <div className={cx("app-key-figure", colour && `app-key-figure--${colour}`, className)}>
      <LabelTag className="app-key-figure__label">{labelContent}</LabelTag>
      <div className="app-key-figure__value">{value}</div>
      {status !== undefined ? (
        <p className="app-key-figure__status">
          <StatusTag status={status} />
        </p>
      ) : null}
      {hint ? <div className="app-key-figure__hint">{hint}</div> : null}
    </div>
  );
}
