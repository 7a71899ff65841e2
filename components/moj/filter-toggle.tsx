"use client";
// On a narrow screen with JavaScript, MOJ's filter layout turns the filter into a panel over the
// list (its CSS, under .js-enabled), so the panel needs MOJ's toggle: a "Show filter" button in the
// action bar and a "Close" button in the panel. MOJ's initAll does not start it (it needs its
// settings), so this does. Without JavaScript the filter is simply above the list.
import { useEffect } from "react";

export function FilterToggle() {
  useEffect(() => {
    const root = document.querySelector('[data-module="moj-filter"]');
    if (!root || root.hasAttribute("data-moj-filter-init")) return;
    let cancelled = false;
    void import("@ministryofjustice/frontend/moj/components/filter-toggle-button/filter-toggle-button.mjs").then(({ FilterToggleButton }) => {
      if (cancelled) return;
      try {
        new FilterToggleButton(root, {
          bigModeMediaQuery: "(min-width: 48.0625em)",
          startHidden: true,
          toggleButton: { showText: "Show filter", hideText: "Hide filter", classes: "govuk-button--secondary" },
        });
      } catch (error) {
        // A browser govuk-frontend does not support keeps the filter as it is without JavaScript.
        if (!(error instanceof Error && (error.name === "SupportError" || error.name === "InitError"))) throw error;
      }
    });
    return () => {
      cancelled = true;
    };
  }, []);
  return null;
}
