import { useId, type ReactNode } from "react";
import { cx } from "./cx";

export interface NotificationBannerProps {
  type?: "important" | "success";
  /** Text in the coloured header bar. Defaults to "Important" / "Success". */
  title?: string;
  /** Optional bold heading at the top of the body, e.g. "12 devices imported". */
  heading?: ReactNode;
  children?: ReactNode;
  /** Heading level of the title bar (default 2). */
  titleHeadingLevel?: 2 | 3;
}

/**
 * "important" → role="region" labelled by its title; "success" → role="alert" (announced on render).
 * Use success after a completed action; place above the <h1>.
 */
export function NotificationBanner({
  type = "important",
  title,
  heading,
  children,
  titleHeadingLevel = 2,
}: NotificationBannerProps) {
  const titleId = `${useId()}-notification-banner-title`;
  const isSuccess = type === "success";
  const H = titleHeadingLevel === 2 ? "h2" : "h3";
  return (
    <div
      className={cx("govuk-notification-banner", isSuccess && "govuk-notification-banner--success")}
      role={isSuccess ? "alert" : "region"}
      aria-labelledby={titleId}
    >
      <div className="govuk-notification-banner__header">
        <H className="govuk-notification-banner__title" id={titleId}>
          {title ?? (isSuccess ? "Success" : "Important")}
        </H>
      </div>
      <div className="govuk-notification-banner__content">
        {heading ? <p className="govuk-notification-banner__heading">{heading}</p> : null}
        {children}
      </div>
    </div>
  );
}
