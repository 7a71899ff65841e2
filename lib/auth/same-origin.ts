// Whether a request came from the service's own pages. Pure: the caller passes the headers and the
// service's public origin, so the rule can be checked with a table of cases.
//
// A request that changes something (any method but GET, HEAD and OPTIONS) must show it came from
// here: an Origin equal to the public origin, or, when a browser sends no Origin, Sec-Fetch-Site
// "same-origin". A request carrying neither comes from something other than a browser (curl, a
// script holding a copied session cookie). Those are refused: the only way to authenticate today
// is the session cookie, and a cookie-authenticated change should always come from our own forms.
// Programs will get API tokens of their own, checked by their own rule.
//
// A request that only reads (GET, HEAD, OPTIONS) is refused only on evidence that another site
// started it: Sec-Fetch-Site "cross-site" or "same-site", or a foreign Origin or Referer. Some of
// our downloads write an audit row, so a link or an <img> on another site must not trigger one.
// A read with none of these headers is allowed: every browser we support sends Sec-Fetch-Site, so
// a request without it is a program the person runs themselves.

export type OriginRefusal = "FOREIGN_ORIGIN" | "CROSS_SITE" | "NO_ORIGIN";

export type OriginVerdict = { ok: true } | { ok: false; reason: OriginRefusal; message: string };

export interface OriginSignals {
  method: string;
  origin: string | null;
  secFetchSite: string | null;
  referer: string | null;
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

const CHANGE_REFUSED =
  "This request did not come from the Estate Camera Register's own pages, so nothing was changed. Go back to the service and try again.";
const READ_REFUSED =
  "This link was opened from another website, so it was not followed. Open the Estate Camera Register and start it from there.";

/** scheme://host[:port] in canonical form (lower case, default port dropped), or null if it is not an http(s) URL. */
export function canonicalOrigin(value: string): string | null {
  try {
    const url = new URL(value.trim());
    if (url.protocol !== "http:" && url.protocol !== "https:") return null;
    return url.origin;
  } catch {
    return null;
  }
}

function refuse(reason: OriginRefusal, safe: boolean): OriginVerdict {
  return { ok: false, reason, message: safe ? READ_REFUSED : CHANGE_REFUSED };
}

export function checkRequestOrigin(signals: OriginSignals, publicOrigin: string): OriginVerdict {
  const ours = canonicalOrigin(publicOrigin);
  const safe = SAFE_METHODS.has(signals.method.toUpperCase());
  const site = signals.secFetchSite?.trim().toLowerCase() || null;
  // Browsers send Origin exactly as scheme://host[:port]; anything else (a path, a trailing slash,
  // capitals, stray bytes the URL parser would quietly drop) was written by hand and is not ours.
  // "null" is what sandboxed frames, data: URLs and some redirects send: never ours either.
  const origin = signals.origin ? (canonicalOrigin(signals.origin) === signals.origin ? signals.origin : "null") : null;

  if (site === "cross-site" || site === "same-site") return refuse("CROSS_SITE", safe);
  if (origin !== null && (ours === null || origin !== ours)) return refuse("FOREIGN_ORIGIN", safe);

  if (safe) {
    const referer = signals.referer?.trim() ? (canonicalOrigin(signals.referer) ?? "null") : null;
    if (referer !== null && referer !== ours) return refuse("FOREIGN_ORIGIN", true);
    return { ok: true };
  }
  if (origin !== null) return { ok: true };
  if (site === "same-origin") return { ok: true };
  return refuse("NO_ORIGIN", false);
}

/** The same check on a Fetch API request (route handlers, the proxy). */
export function checkOrigin(request: Request, publicOrigin: string): OriginVerdict {
  const h = request.headers;
  return checkRequestOrigin(
    { method: request.method, origin: h.get("origin"), secFetchSite: h.get("sec-fetch-site"), referer: h.get("referer") },
    publicOrigin,
  );
}
