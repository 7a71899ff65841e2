import type { ReactNode } from "react";
import { cx } from "./cx";

export interface PhaseBannerProps {
  phase?: "Alpha" | "Beta";
  /** Extra classes for the tag (e.g. "govuk-tag--grey"). */
  tagClasses?: string;
  classes?: string;
  /** e.g. "This is a new service. Help us improve it and <a>give your feedback</a>." */
  children: ReactNode;
}

/** Carries its own width container; place it inside the header, after the service navigation. */
export function PhaseBanner({ phase = "Beta", tagClasses, classes, children }: PhaseBannerProps) {
  return (
    <div className={cx("govuk-phase-banner govuk-width-container", classes)}>
      <p className="govuk-phase-banner__content">
        <strong className={cx("govuk-tag govuk-phase-banner__content__tag", tagClasses)}>{phase}</strong>
        <span className="govuk-phase-banner__text">{children}</span>
      </p>
    </div>
  );
}
