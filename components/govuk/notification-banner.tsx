import { useId, type ReactNode } from "react";
import { cx } from "./cx";

export interface NotificationBannerProps {
  type?: "important" | "success";
  /** Text in the coloured header bar. Defaults to "Important" / "Success". */
  title?: ReactNode;
  /** Optional bold heading at the top of the body, e.g. "12 devices imported". */
  heading?: ReactNode;
  children?: ReactNode;
  /** Heading level of the title bar (default 2). */
  titleHeadingLevel?: 2 | 3;
  /**
   * The title's id, which labels the banner. Defaults to one unique to this banner: govuk-frontend's
   * fixed "govuk-notification-banner-title" would repeat if a page showed two.
   */
  titleId?: string;
  /** A success banner takes focus when the page loads (govuk-frontend's script); set false to stop it. */
  autoFocus?: boolean;
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
  titleId,
  autoFocus,
}: NotificationBannerProps) {
  const generatedId = `${useId()}-notification-banner-title`;
  const id = titleId ?? generatedId;
  const isSuccess = type === "success";
  const H = titleHeadingLevel === 2 ? "h2" : "h3";
  return (
    <div
      className={cx("govuk-notification-banner", isSuccess && "govuk-notification-banner--success")}
      role={isSuccess ? "alert" : "region"}
      aria-labelledby={id}
      data-module="govuk-notification-banner"
      data-disable-auto-focus={autoFocus === undefined ? undefined : String(!autoFocus)}
    >
      <div className="govuk-notification-banner__header">
        <H className="govuk-notification-banner__title" id={id}>
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
