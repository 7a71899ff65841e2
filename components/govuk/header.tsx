"use client";
// A client component so every page sends the header and footer as their few values, not as
// markup (see components/dashboard/figures-table.tsx). Rendered on the server; no JavaScript needed.
import type { ReactNode } from "react";
import { cx } from "./cx";
import { HeaderNavigation, type HeaderNavigationItem } from "./header-navigation";

export type { HeaderNavigationItem };

export interface HeaderUser {
  name: string;
  roleLabel: string;
}

export interface HeaderProps {
  serviceName: string;
  serviceHref: string;
  navigation?: HeaderNavigationItem[];
  user?: HeaderUser | null;
  /** Usually a <form> with a <button className="govuk-header__button">Sign out</button>. */
  signOut?: ReactNode;
  /** Match a WidthContainer wide={true} page. */
  wide?: boolean;
  /** Accessible name of the navigation landmark. */
  navigationLabel?: string;
}

/** Generic dark header: no crown, no GOV.UK logotype. */
export function Header({
  serviceName,
  serviceHref,
  navigation,
  user,
  signOut,
  wide = false,
  navigationLabel = "Menu",
}: HeaderProps) {
  const hasNav = navigation !== undefined && navigation.length > 0;
  return (
    <header className="govuk-header">
      <div className={cx("govuk-header__container govuk-width-container", wide && "govuk-width-container--wide")}>
        <p className="app-print-marking">OFFICIAL-SENSITIVE</p>
        <div className="govuk-header__top">
          <a href={serviceHref} className="govuk-header__link govuk-header__service-name">
            {serviceName}
          </a>
          {user || signOut ? (
            <div className="govuk-header__account">
              {user ? (
                <p className="govuk-header__user">
                  <span className="govuk-visually-hidden">Signed in as</span>
                  <span className="govuk-header__user-name">{user.name}</span>{" "}
                  <span className="govuk-header__user-role">{user.roleLabel}</span>
                </p>
              ) : null}
              {signOut ? <div className="govuk-header__sign-out">{signOut}</div> : null}
            </div>
          ) : null}
        </div>
        {hasNav ? <HeaderNavigation items={navigation} label={navigationLabel} /> : null}
      </div>
    </header>
  );
}
