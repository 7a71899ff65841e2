"use client";
// Starts govuk-frontend's and MOJ Frontend's JavaScript (error summary focus, the service
// navigation's menu, character counts, and the rest marked with data-module). Every page works
// without it: the scripts only enhance markup that already does its job.
import { usePathname } from "next/navigation";
import { useEffect } from "react";

/** Components already started keep working: their second initialisation is refused, harmlessly. */
function ignoreAlreadyInitialised(error: unknown): void {
  if (error instanceof Error && error.name === "InitError") return;
  console.error(error);
}

export function FrontendInit() {
  // The root layout is not re-rendered on client-side navigations; the URL changing is the cue
  // that new markup may need starting.
  const pathname = usePathname();
  useEffect(() => {
    let cancelled = false;
    // Next.js renders its 403 and 404 responses in the browser only, so the body's inline script
    // (app/layout.tsx) never ran on them: mark the body here, as that script would have.
    const body = document.body.classList;
    if (!body.contains("js-enabled")) {
      body.add("js-enabled");
      if ("noModule" in HTMLScriptElement.prototype) body.add("govuk-frontend-supported");
    }
    void Promise.all([import("govuk-frontend"), import("@ministryofjustice/frontend")]).then(([govuk, moj]) => {
      if (cancelled) return;
      govuk.initAll({ onError: ignoreAlreadyInitialised });
      moj.initAll({ onError: ignoreAlreadyInitialised });
    });
    return () => {
      cancelled = true;
    };
  }, [pathname]);
  return null;
}
