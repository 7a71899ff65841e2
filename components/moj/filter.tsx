import type { ReactNode } from "react";

// MOJ Frontend's filter (node_modules/@ministryofjustice/frontend/moj/components/filter/
// template.njk) and the filter layout it sits in (moj/objects/_filter-layout.scss): the
// government's pattern for filtering a long list. The markup matches the template's;
// tests/unit/moj/filter.test.tsx holds it to it. The caller wraps the filter in a GET form, so it
// works without JavaScript; MOJ's toggle for small screens is an enhancement (FilterToggle).

export interface FilterTag {
  text: string;
  /** The list without this filter. */
  href: string;
}

export interface FilterCategory {
  heading: string;
  items: readonly FilterTag[];
}

export interface SelectedFilters {
  heading?: string;
  clearLink: { text?: string; href: string };
  categories: readonly FilterCategory[];
}

export interface FilterProps {
  heading?: string;
  /** Left out (or with no categories), the "Selected filters" block is not shown. */
  selectedFilters?: SelectedFilters | null;
  submitText?: string;
  /** The filter's fields. */
  children: ReactNode;
}

export function Filter({ heading = "Filter", selectedFilters, submitText = "Apply filters", children }: FilterProps) {
  const selected = selectedFilters && selectedFilters.categories.length > 0 ? selectedFilters : null;
  return (
    <div className="moj-filter" data-module="moj-filter">
      <div className="moj-filter__header">
        <div className="moj-filter__header-title">
          <h2 className="govuk-heading-m">{heading}</h2>
        </div>{" "}
        {/* The space matters: MOJ spreads the title and the action apart with text-align: justify. */}
        <div className="moj-filter__header-action"></div>
      </div>
      <div className="moj-filter__content">
        {selected ? (
          <div className="moj-filter__selected">
            <div className="moj-filter__selected-heading">
              <div className="moj-filter__heading-title">
                <h2 className="govuk-heading-m">{selected.heading ?? "Selected filters"}</h2>
              </div>{" "}
              <div className="moj-filter__heading-action">
                <p>
                  <a className="govuk-link govuk-link--no-visited-state" href={selected.clearLink.href}>
                    {selected.clearLink.text ?? "Clear filters"}
                  </a>
                </p>
              </div>
            </div>
            {selected.categories.map((category) => (
              <FilterCategoryTags key={category.heading} category={category} />
            ))}
          </div>
        ) : null}
        <div className="moj-filter__options">
          <button type="submit" className="govuk-button" data-module="govuk-button">
            {submitText}
          </button>
          {children}
        </div>
      </div>
    </div>
  );
}

function FilterCategoryTags({ category }: { category: FilterCategory }) {
  return (
    <>
      <h3 className="govuk-heading-s govuk-!-margin-bottom-0">{category.heading}</h3>
      <ul className="moj-filter-tags">
        {category.items.map((item) => (
          <li key={item.href}>
            <a className="moj-filter__tag" href={item.href}>
              <span className="govuk-visually-hidden">Remove this filter</span> {item.text}
            </a>
          </li>
        ))}
      </ul>
    </>
  );
}

/**
 * The filter beside the list on a wide screen, above it on a narrow one. The action bar is where
 * MOJ's toggle puts its "Show filter" button when JavaScript runs; without it the bar is empty.
 */
export function FilterLayout({ filter, children }: { filter: ReactNode; children: ReactNode }) {
  return (
    <div className="moj-filter-layout">
      <div className="moj-filter-layout__filter">{filter}</div>
      <div className="moj-filter-layout__content">
        <div className="moj-action-bar">
          <div className="moj-action-bar__filter"></div>
        </div>
        {children}
      </div>
    </div>
  );
}
