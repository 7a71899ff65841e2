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

/**
 * Link-based "tabs" between sibling pages (e.g. the administration sections): MOJ Frontend's
 * sub navigation (moj/components/sub-navigation), which govuk-frontend has no equivalent of.
 */
export function SubNavigation({ items, label = "Secondary navigation region" }: SubNavigationProps) {
  return (
    <nav className="moj-sub-navigation" aria-label={label}>
      <ul className="moj-sub-navigation__list">
        {items.map((item) => (
          <li key={item.href} className="moj-sub-navigation__item">
            <a className="moj-sub-navigation__link" aria-current={item.current ? "page" : undefined} href={item.href}>
              {item.text}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
