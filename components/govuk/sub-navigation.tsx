import { cx } from "./cx";

export interface SubNavigationItem {
  href: string;
  text: string;
  current?: boolean;
}

export interface SubNavigationProps {
  items: SubNavigationItem[];
  /** Accessible name of the nav landmark (make it unique per page). */
  label?: string;
}

/** Link-based "tabs" between sibling pages (e.g. device details / history / evidence). */
export function SubNavigation({ items, label = "Sub navigation" }: SubNavigationProps) {
  return (
    <nav className="app-sub-navigation" aria-label={label}>
      <ul className="app-sub-navigation__list">
        {items.map((item) => (
          <li
            key={item.href}
            className={cx("app-sub-navigation__item", item.current && "app-sub-navigation__item--current")}
          >
            <a
              className="app-sub-navigation__link"
              href={item.href}
              aria-current={item.current ? "page" : undefined}
            >
              {item.text}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
