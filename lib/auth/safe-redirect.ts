// Where to send someone after they sign in. The target comes from the address bar, so it is parsed
// the way a browser will parse it (`/\host`, `/<tab>/host` and `//host` all lead off-site) and only
// a path on the service's own origin is kept. Used on the server by the sign-in page and next-auth's
// redirect callback, and again in the browser before navigating.

export const DEFAULT_AFTER_SIGN_IN = "/";

/**
 * A path (with query and fragment) on `ownOrigin` for `target`, or "/" when the target is missing,
 * malformed or on any other origin. The result always starts with exactly one "/", so the browser
 * cannot read it as the start of another host.
 */
export function safeRedirectPath(target: unknown, ownOrigin: string): string {
  if (typeof target !== "string" || target === "" || target.length > 2000) return DEFAULT_AFTER_SIGN_IN;
  let own: URL;
  let url: URL;
  try {
    own = new URL(ownOrigin);
    url = new URL(target, own);
  } catch {
    return DEFAULT_AFTER_SIGN_IN;
  }
  if (url.origin !== own.origin || (url.protocol !== "http:" && url.protocol !== "https:")) return DEFAULT_AFTER_SIGN_IN;
  if (url.username || url.password) return DEFAULT_AFTER_SIGN_IN;
  // "/.//evil" parses to the path "//evil", which would leave the origin once handed back.
  const path = `/${url.pathname.replace(/^[/\\]+/, "")}`;
  return `${path}${url.search}${url.hash}`;
}
