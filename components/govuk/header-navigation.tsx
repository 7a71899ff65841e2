import type { ServiceNavigationItem } from "./service-navigation";

export interface HeaderNavigationItem {
  href: string;
  text: string;
  /**
   * Force the current-section state on or off. When omitted it is worked out from the URL:
   * exact match → aria-current="page", a page below it → aria-current="true".
   */
  active?: boolean;
}

/** The navigation items with the one for this URL marked as the design system marks it. */
export function currentNavigation(items: HeaderNavigationItem[], pathname: string | null): ServiceNavigationItem[] {
  return items.map(({ href, text, active }) => {
    if (active === false) return { href, text };
    const path = href.split(/[?#]/)[0] ?? href;
    if (pathname !== null) {
      if (pathname === path) return { href, text, current: true };
      if (path !== "/" && pathname.startsWith(`${path}/`)) return { href, text, active: true };
    }
    return active ? { href, text, current: true } : { href, text };
  });
}
