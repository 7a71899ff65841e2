import type { ReactNode } from "react";
import { cx } from "./cx";

// govuk-frontend's service navigation (components/service-navigation/template.njk), which carries
// the service name for a service not on GOV.UK. Its JavaScript (data-module) collapses the list
// behind a "Menu" button on small screens; without JavaScript the list is simply shown.

export interface ServiceNavigationItem {
  href?: string;
  text: string;
  /** This page: aria-current="page". */
  current?: boolean;
  /** A page inside this section: aria-current="true". */
  active?: boolean;
}

export interface ServiceNavigationSlots {
  start?: ReactNode;
  /** After the navigation: on its own row, or beside it with endInline. */
  end?: ReactNode;
  endInline?: boolean;
  navigationStart?: ReactNode;
  navigationEnd?: ReactNode;
}

export interface ServiceNavigationProps {
  serviceName?: string;
  serviceUrl?: string;
  /** Empty entries are left out, so a list can be built with conditions inline. */
  navigation?: ReadonlyArray<ServiceNavigationItem | null | false | undefined>;
  /** The landmark's name when there is a service name or a slot (default "Service information"). */
  ariaLabel?: string;
  menuButtonText?: string;
  menuButtonLabel?: string;
  /** The navigation's accessible name (defaults to the menu button's text). */
  navigationLabel?: string;
  navigationId?: string;
  navigationClasses?: string;
  collapseNavigationOnMobile?: boolean;
  slots?: ServiceNavigationSlots;
  classes?: string;
}

function NavigationItem({ item }: { item: ServiceNavigationItem }) {
  const marked = item.active || item.current;
  const ariaCurrent = marked ? (item.current ? "page" : "true") : undefined;
  // A <strong> keeps the current item distinguishable when users override colours.
  const content = marked ? <strong className="govuk-service-navigation__active-fallback">{item.text}</strong> : item.text;
  return (
    <li className={cx("govuk-service-navigation__item", marked && "govuk-service-navigation__item--active")}>
      {item.href ? (
        <a className="govuk-service-navigation__link" href={item.href} aria-current={ariaCurrent}>
          {content}
        </a>
      ) : (
        <span className="govuk-service-navigation__text" aria-current={ariaCurrent}>
          {content}
        </span>
      )}
    </li>
  );
}

export function ServiceNavigation({
  serviceName,
  serviceUrl,
  navigation = [],
  ariaLabel = "Service information",
  menuButtonText = "Menu",
  menuButtonLabel,
  navigationLabel,
  navigationId = "navigation",
  navigationClasses,
  collapseNavigationOnMobile,
  slots = {},
  classes,
}: ServiceNavigationProps) {
  const items = navigation.filter((item): item is ServiceNavigationItem => Boolean(item && item.text));
  const collapse = collapseNavigationOnMobile ?? items.length > 1;
  const hasNavigation = items.length > 0 || Boolean(slots.navigationStart) || Boolean(slots.navigationEnd);
  const inner = (
    <div className={cx("govuk-width-container", Boolean(slots.end) && slots.endInline === true && "govuk-service-navigation__inlining-container")}>
      {slots.start}
      <div className="govuk-service-navigation__container">
        {serviceName ? (
          <span className="govuk-service-navigation__service-name">
            {serviceUrl ? (
              <a href={serviceUrl} className="govuk-service-navigation__link">
                {serviceName}
              </a>
            ) : (
              <span className="govuk-service-navigation__text">{serviceName}</span>
            )}
          </span>
        ) : null}
        {hasNavigation ? (
          <nav aria-label={navigationLabel || menuButtonText} className={cx("govuk-service-navigation__wrapper", navigationClasses)}>
            {collapse ? (
              <button
                type="button"
                className="govuk-service-navigation__toggle govuk-js-service-navigation-toggle"
                aria-controls={navigationId}
                aria-label={menuButtonLabel && menuButtonLabel !== menuButtonText ? menuButtonLabel : undefined}
                hidden
                aria-hidden="true"
              >
                {menuButtonText}
              </button>
            ) : null}
            <ul className="govuk-service-navigation__list" id={navigationId}>
              {slots.navigationStart}
              {items.map((item) => (
                <NavigationItem key={`${item.href ?? ""}|${item.text}`} item={item} />
              ))}
              {slots.navigationEnd}
            </ul>
          </nav>
        ) : null}
      </div>
      {slots.end}
    </div>
  );
  // With a service name or slotted content the whole band is a named landmark; otherwise the
  // <nav> inside is landmark enough (as the design system's template decides).
  const common = { className: cx("govuk-service-navigation", classes), "data-module": "govuk-service-navigation" };
  return serviceName || slots.start || slots.end ? (
    <section aria-label={ariaLabel} {...common}>
      {inner}
    </section>
  ) : (
    <div {...common}>{inner}</div>
  );
}
