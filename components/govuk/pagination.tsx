import type { ReactNode } from "react";
import { cx } from "./cx";

export interface PaginationPage {
  number: number | string;
  href: string;
  current?: boolean;
  /** What a screen reader hears for the link; defaults to "Page <number>". */
  label?: string;
}

/** Use { ellipsis: true } between non-adjacent page numbers. */
export type PaginationItem = PaginationPage | { ellipsis: true };

export interface PaginationProps {
  previousHref?: string;
  nextHref?: string;
  pages: PaginationItem[];
  /** Accessible name of the nav; defaults to "Pagination". */
  label?: string;
  /** Link words, defaulting to "Previous page" / "Next page" (the last word hidden visually). */
  previousText?: ReactNode;
  nextText?: ReactNode;
  /** Without page numbers: what the previous/next page is, shown under the link (e.g. its title). */
  previousLabel?: string;
  nextLabel?: string;
}

function isEllipsis(item: PaginationItem): item is { ellipsis: true } {
  return "ellipsis" in item;
}

function Arrow({ direction }: { direction: "prev" | "next" }) {
  return (
    <svg
      className={`govuk-pagination__icon govuk-pagination__icon--${direction}`}
      xmlns="http://www.w3.org/2000/svg"
      height="13"
      width="15"
      aria-hidden="true"
      focusable="false"
      viewBox="0 0 15 13"
    >
      <path
        d={
          direction === "prev"
            ? "m6.5938-0.0078125-6.7266 6.7266 6.7441 6.4062 1.377-1.449-4.1856-3.9768h12.896v-2h-12.984l4.2931-4.293-1.414-1.414z"
            : "m8.107-0.0078125-1.4136 1.414 4.2926 4.293h-12.986v2h12.896l-4.1855 3.9766 1.377 1.4492 6.7441-6.4062-6.7246-6.7266z"
        }
      />
    </svg>
  );
}

interface ArrowLinkProps {
  direction: "prev" | "next";
  href: string;
  text: ReactNode;
  label?: string;
  /** No page numbers: the links stack, each with its arrow first (govuk-pagination--block). */
  block: boolean;
}

function ArrowLink({ direction, href, text, label, block }: ArrowLinkProps) {
  const arrowFirst = block || direction === "prev";
  return (
    <div className={`govuk-pagination__${direction}`}>
      <a className="govuk-link govuk-pagination__link" href={href} rel={direction}>
        {arrowFirst ? <Arrow direction={direction} /> : null}
        <span className={cx("govuk-pagination__link-title", block && !label && "govuk-pagination__link-title--decorated")}>
          {text}
        </span>
        {label && block ? (
          <>
            <span className="govuk-visually-hidden">:</span>
            <span className="govuk-pagination__link-label">{label}</span>
          </>
        ) : null}
        {arrowFirst ? null : <Arrow direction={direction} />}
      </a>
    </div>
  );
}

export function Pagination({
  previousHref,
  nextHref,
  pages,
  label = "Pagination",
  previousText,
  nextText,
  previousLabel,
  nextLabel,
}: PaginationProps) {
  if (!previousHref && !nextHref && pages.length <= 1) return null;
  const block = pages.length === 0;
  return (
    <nav className={cx("govuk-pagination", block && "govuk-pagination--block")} aria-label={label}>
      {previousHref ? (
        <ArrowLink
          direction="prev"
          href={previousHref}
          block={block}
          label={previousLabel}
          text={previousText ?? (<>Previous<span className="govuk-visually-hidden"> page</span></>)}
        />
      ) : null}
      {pages.length > 0 ? (
        <ul className="govuk-pagination__list">
          {pages.map((item, index) =>
            isEllipsis(item) ? (
              <li key={`ellipsis-${index}`} className="govuk-pagination__item govuk-pagination__item--ellipsis">
                {"\u22EF"}
              </li>
            ) : (
              <li
                key={`page-${index}`}
                className={cx("govuk-pagination__item", item.current && "govuk-pagination__item--current")}
              >
                <a
                  className="govuk-link govuk-pagination__link"
                  href={item.href}
                  aria-label={item.label ?? `Page ${item.number}`}
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
        <ArrowLink
          direction="next"
          href={nextHref}
          block={block}
          label={nextLabel}
          text={nextText ?? (<>Next<span className="govuk-visually-hidden"> page</span></>)}
        />
      ) : null}
    </nav>
  );
}
