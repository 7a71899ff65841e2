"use client";

import { usePathname } from "next/navigation";
import { cx } from "./cx";

export interface HeaderNavigationItem {
  href: string;
  text: string;
  /**
   * Force the current-section state on or off. When omitted it is worked out from the URL:
   * exact match → aria-current="page", a page below it → aria-current="true".
   */
  active?: boolean;
}

function currentState(pathname: string | null, item: HeaderNavigationItem): "page" | "true" | undefined {
  if (item.active === false) return undefined;
  const href = item.href.split(/[?#]/)[0] ?? item.href;
  if (pathname !== null) {
    if (pathname === href) return "page";
    if (href !== "/" && pathname.startsWith(`${href}/`)) return "true";
  }
  return item.active ? "page" : undefined;
}

/** The header's nav list. A client component only so it can read the URL (layouts do not re-render). */
export function HeaderNavigation({ items, label }: { items: HeaderNavigationItem[]; label: string }) {
  const pathname = usePathname();
  return (
    <nav aria-label={label} className="govuk-header__navigation">
      <ul className="govuk-header__navigation-list">
        {items.map((item) => {
          const current = currentState(pathname, item);
          return (
            <li
              key={item.href}
              className={cx("govuk-header__navigation-item", current && "govuk-header__navigation-item--active")}
            >
              <a href={item.href} className="govuk-header__link" aria-current={current}>
                {item.text}
              </a>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
