
export interface BreadcrumbItem {
  /** Omit on the last item to render the current page as plain text with aria-current="page". */
  href?: string;
  text: string;
}

export interface BreadcrumbsProps {
  items: BreadcrumbItem[];
}

export function Breadcrumbs({ items }: BreadcrumbsProps) {
  if (items.length === 0) return null;
  return (
    <nav className="govuk-breadcrumbs" aria-label="Breadcrumb">
      <ol className="govuk-breadcrumbs__list">
        {items.map((item, index) => (
          <li
            key={`${index}-${item.text}`}
            className="govuk-breadcrumbs__list-item"
            aria-current={item.href ? undefined : "page"}
          >
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
