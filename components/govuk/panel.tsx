import type { ReactNode } from "react";

export interface PanelProps {
  title: ReactNode;
  children?: ReactNode;
  headingLevel?: 1 | 2;
}

/** Green confirmation panel, e.g. "Import complete" with a reference. */
export function Panel({ title, children, headingLevel = 1 }: PanelProps) {
  const H = headingLevel === 1 ? "h1" : "h2";
  return (
    <div className="govuk-panel govuk-panel--confirmation">
      <H className="govuk-panel__title">{title}</H>
      {children ? <div className="govuk-panel__body">{children}</div> : null}
    </div>
  );
}
