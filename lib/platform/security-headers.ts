// Response headers that depend on the request (the CSP's nonce) or on where the service is served
// (HSTS only over https). The ones that never change are in next.config.js, so static files get
// them too.

/** A fresh, unguessable nonce for one response's scripts and styles. */
export function newNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(18))).toString("base64");
}

export interface PolicyOptions {
  /** React's development build uses eval to rebuild server stack traces. */
  development: boolean;
  https: boolean;
  /**
   * Origins a form may lead to besides our own: the single sign-on providers' issuers, since
   * browsers apply form-action to the redirect that follows a form (the "Sign in with …" buttons).
   */
  formTargets?: readonly string[];
}

/**
 * Scripts run only with this response's nonce ('strict-dynamic' lets Next's own chunk loader add
 * the scripts it needs). Styles come from our own files; inline style *attributes* are allowed
 * because React renders some (chart placeholders' heights) and they cannot carry a nonce.
 */
export function contentSecurityPolicy(nonce: string, { development, https, formTargets = [] }: PolicyOptions): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    `style-src 'self' 'nonce-${nonce}'`,
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    ["form-action 'self'", ...formTargets].join(" "),
    "frame-ancestors 'none'",
  ];
  if (https) directives.push("upgrade-insecure-requests");
  return directives.join("; ");
}

/** Browsers that have seen the service over https refuse plain http to it for a year. */
export const STRICT_TRANSPORT_SECURITY = "max-age=31536000; includeSubDomains";
