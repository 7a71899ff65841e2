import type { ReactNode } from "react";
import { cx } from "./cx";

export interface BreadcrumbItem {
  /** Omit on the last item to render the current page as plain text with aria-current="page". */
  href?: string;
  text: ReactNode;
}

export interface BreadcrumbsProps {
  items: BreadcrumbItem[];
  /** Show only the last link on small screens, for long trails. */
  collapseOnMobile?: boolean;
  /** For breadcrumbs on a dark background. */
  inverse?: boolean;
}

export function Breadcrumbs({ items, collapseOnMobile = false, inverse = false }: BreadcrumbsProps) {
  if (items.length === 0) return null;
  return (
    <nav
      className={cx(
        "govuk-breadcrumbs",
        collapseOnMobile && "govuk-breadcrumbs--collapse-on-mobile",
        inverse && "govuk-breadcrumbs--inverse",
      )}
      aria-label="Breadcrumb"
    >
      <ol className="govuk-breadcrumbs__list">
        {items.map((item, index) => (
          <li key={index} className="govuk-breadcrumbs__list-item" aria-current={item.href ? undefined : "page"}>
            {item.href ? (
              <a className="govuk-breadcrumbs__link" href={item.href}>
                {item.text}
              </a>
            ) : (
              item.text
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}
