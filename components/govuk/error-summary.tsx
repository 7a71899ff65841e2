"use client";

import { useEffect, useRef, type MouseEvent, type ReactNode } from "react";

export interface ErrorSummaryItem {
  /** "#field-id" — the id of the input (first radio/checkbox for groups). Omit for a problem no field can fix. */
  href?: string;
  text: ReactNode;
}

export interface ErrorSummaryProps {
  errors: ErrorSummaryItem[];
  title?: ReactNode;
  /** Optional text under the title. */
  description?: ReactNode;
  /** Set false to stop it taking focus on mount. */
  autoFocus?: boolean;
}

/**
 * Put at the top of the main column, above the <h1>. Renders nothing when there is nothing to say.
 * Takes focus when it mounts so screen reader and keyboard users land on it; each link moves focus
 * to the field and scrolls its label/legend into view. govuk-frontend's script (data-module) does
 * the same on a full page load; this component does it too because a form re-rendered in place
 * (a server action's errors) is a new summary the script never sees.
 */
export function ErrorSummary({
  errors,
  title = "There is a problem",
  description,
  autoFocus = true,
}: ErrorSummaryProps) {
  const ref = useRef<HTMLDivElement>(null);
  const shown = errors.length > 0 || Boolean(description);
  // Re-focus when a new set of errors arrives (e.g. a server action re-renders the same page).
  const signature = errors.map((e) => `${e.href ?? ""}\u0000${typeof e.text === "string" ? e.text : ""}`).join("\u0001");

  useEffect(() => {
    if (!autoFocus || !shown) return;
    const node = ref.current;
    if (!node) return;
    // As govuk-frontend does: focusable only while focused, so a click on it later does not outline it.
    node.setAttribute("tabindex", "-1");
    node.addEventListener("blur", () => node.removeAttribute("tabindex"), { once: true });
    node.focus();
  }, [autoFocus, shown, signature]);

  if (!shown) return null;

  function handleClick(event: MouseEvent<HTMLAnchorElement>, href: string) {
    if (!href.startsWith("#")) return;
    const input = document.getElementById(href.slice(1));
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
    <div
      ref={ref}
      className="govuk-error-summary"
      data-disable-auto-focus={autoFocus ? undefined : "true"}
      data-module="govuk-error-summary"
    >
      <div role="alert">
        <h2 className="govuk-error-summary__title">{title}</h2>
        <div className="govuk-error-summary__body">
          {description ? <p>{description}</p> : null}
          {errors.length > 0 ? (
            <ul className="govuk-list govuk-error-summary__list">
              {errors.map((error, index) => (
                <li key={index}>
                  {error.href ? (
                    <a href={error.href} onClick={(event) => handleClick(event, error.href ?? "")}>
                      {error.text}
                    </a>
                  ) : (
                    error.text
                  )}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      </div>
    </div>
  );
}
