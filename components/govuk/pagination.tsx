import { cx } from "./cx";

export interface PaginationPage {
  number: number;
  href: string;
  current?: boolean;
}

/** Use { ellipsis: true } between non-adjacent page numbers. */
export type PaginationItem = PaginationPage | { ellipsis: true };

export interface PaginationProps {
  previousHref?: string;
  nextHref?: string;
  pages: PaginationItem[];
  /** Accessible name of the nav; defaults to "Pagination". */
  label?: string;
}

function isEllipsis(item: PaginationItem): item is { ellipsis: true } {
  return "ellipsis" in item;
}

export function Pagination({ previousHref, nextHref, pages, label = "Pagination" }: PaginationProps) {
  if (!previousHref && !nextHref && pages.length <= 1) return null;
  return (
    <nav className="govuk-pagination" aria-label={label}>
      {previousHref ? (
        <div className="govuk-pagination__prev">
          <a className="govuk-link govuk-pagination__link" href={previousHref} rel="prev">
            <svg
              className="govuk-pagination__icon govuk-pagination__icon--prev"
              xmlns="http://www.w3.org/2000/svg"
              height="13"
              width="15"
              aria-hidden="true"
              focusable="false"
              viewBox="0 0 15 13"
            >
              <path d="m6.5938-0.0078125-6.7266 6.7266 6.7441 6.4062 1.377-1.449-4.1856-3.9768h12.896v-2h-12.984l4.2931-4.293-1.414-1.414z" />
            </svg>
            <span className="govuk-pagination__link-title">
              Previous<span className="govuk-visually-hidden"> page</span>
            </span>
          </a>
        </div>
      ) : null}
      {pages.length > 0 ? (
        <ul className="govuk-pagination__list">
          {pages.map((item, index) =>
            isEllipsis(item) ? (
              <li key={`ellipsis-${index}`} className="govuk-pagination__item govuk-pagination__item--ellipses">
                {"\u22EF"}
              </li>
            ) : (
              <li
                key={item.number}
                className={cx("govuk-pagination__item", item.current && "govuk-pagination__item--current")}
              >
                <a
                  className="govuk-link govuk-pagination__link"
                  href={item.href}
                  aria-label={`Page ${item.number}`}
                  aria-current={item.current ? "page" : undefined}
                >
                  {item.number}
                </a>
              </li>
            ),
          )}
        </ul>
      ) : null}
      {nextHref ? (
        <div className="govuk-pagination__next">
          <a className="govuk-link govuk-pagination__link" href={nextHref} rel="next">
            <span className="govuk-pagination__link-title">
              Next<span className="govuk-visually-hidden"> page</span>
            </span>
            <svg
              className="govuk-pagination__icon govuk-pagination__icon--next"
              xmlns="http://www.w3.org/2000/svg"
              height="13"
              width="15"
              aria-hidden="true"
              focusable="false"
              viewBox="0 0 15 13"
            >
              <path d="m8.107-0.0078125-1.4136 1.414 4.2926 4.293h-12.986v2h12.896l-4.1855 3.9766 1.377 1.4492 6.7441-6.4062-6.7246-6.7266z" />
            </svg>
          </a>
        </div>
      ) : null}
    </nav>
  );
}
