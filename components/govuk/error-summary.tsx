"use client";

import { useEffect, useRef, type MouseEvent } from "react";

export interface ErrorSummaryItem {
  /** "#field-id" — the id of the input (first radio/checkbox for groups). */
  href: string;
  text: string;
}

export interface ErrorSummaryProps {
  errors: ErrorSummaryItem[];
  title?: string;
  /** Optional text under the title. */
  description?: string;
  /** Set false to stop it taking focus on mount. */
  autoFocus?: boolean;
}

/**
 * Put at the top of the main column, above the <h1>. Renders nothing when there are no errors.
 * Takes focus when it mounts so screen reader and keyboard users land on it; each link moves focus
 * to the field and scrolls its label/legend into view (GOV.UK Frontend behaviour).
 */
export function ErrorSummary({
  errors,
  title = "There is a problem",
  description,
  autoFocus = true,
}: ErrorSummaryProps) {
  const ref = useRef<HTMLDivElement>(null);
  const hasErrors = errors.length > 0;
  // Re-focus when a new set of errors arrives (e.g. a server action re-renders the same page).
  const signature = errors.map((e) => `${e.href}\u0000${e.text}`).join("\u0001");

  useEffect(() => {
    if (!autoFocus || !hasErrors) return;
    const node = ref.current;
    if (!node) return;
    node.focus();
  }, [autoFocus, hasErrors, signature]);

  if (!hasErrors) return null;

  function handleClick(event: MouseEvent<HTMLAnchorElement>, href: string) {
    if (!href.startsWith("#")) return;
    const id = href.slice(1);
    const input = document.getElementById(id);
    if (!input) return;
    event.preventDefault();
    const legendOrLabel =
      input.closest("fieldset")?.querySelector("legend") ??
      (input.id ? document.querySelector(`label[for="${CSS.escape(input.id)}"]`) : null);
    if (legendOrLabel) {
      legendOrLabel.scrollIntoView();
      input.focus({ preventScroll: true });
    } else {
      input.focus();
    }
  }

  return (
    <div ref={ref} className="govuk-error-summary" tabIndex={-1}>
      <div role="alert">
        <h2 className="govuk-error-summary__title">{title}</h2>
        <div className="govuk-error-summary__body">
          {description ? <p>{description}</p> : null}
          <ul className="govuk-list govuk-error-summary__list">
            {errors.map((error, index) => (
              <li key={`${index}-${error.href}`}>
                <a href={error.href} onClick={(event) => handleClick(event, error.href)}>
                  {error.text}
                </a>
              </li>
            ))}
          </ul>
        </div>
      </div>
    </div>
  );
}
