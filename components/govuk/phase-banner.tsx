import type { ReactNode } from "react";

export interface PhaseBannerProps {
  phase?: "Alpha" | "Beta";
  /** e.g. "This is a new service. Help us improve it and <a>give your feedback</a>." */
  children: ReactNode;
}

/** Place inside a WidthContainer, directly after the Header. */
export function PhaseBanner({ phase = "Beta", children }: PhaseBannerProps) {
  return (
    <div className="govuk-phase-banner">
      <p className="govuk-phase-banner__content">
        <strong className="govuk-tag govuk-tag--blue govuk-phase-banner__content__tag">{phase}</strong>
        <span className="govuk-phase-banner__text">{children}</span>
      </p>
    </div>
  );
}
