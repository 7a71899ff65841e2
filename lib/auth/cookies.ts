import type { CookiesOptions } from "next-auth";

// Over https every cookie is Secure, and the ones we use are `__Host-` prefixed: the browser then
// accepts them only from this exact host, over https, for the whole path, and no other subdomain
// of the estate can set or overwrite them (next-auth's defaults stop at `__Secure-`). Over plain
// http (a developer's machine) browsers refuse both prefixes, so next-auth's plain names are kept.

export interface AuthCookieSettings {
  useSecureCookies: boolean;
  cookies: Partial<CookiesOptions>;
}

const hostOnly = { httpOnly: true, sameSite: "lax", path: "/", secure: true } as const;

export function authCookieSettings(publicOrigin: string): AuthCookieSettings {
  if (!publicOrigin.startsWith("https:")) return { useSecureCookies: false, cookies: {} };
  return {
    useSecureCookies: true,
    cookies: {
      sessionToken: { name: "__Host-next-auth.session-token", options: { ...hostOnly } },
      callbackUrl: { name: "__Host-next-auth.callback-url", options: { ...hostOnly } },
      csrfToken: { name: "__Host-next-auth.csrf-token", options: { ...hostOnly } },
    },
  };
}
