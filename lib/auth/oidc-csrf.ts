import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";

/**
 * The token next-auth's CSRF cookie holds, when the cookie is one it wrote with this secret: the
 * sign-in page puts it in a hidden field, so the "Sign in with …" forms post straight to next-auth
 * without JavaScript. The cookie is `<token>|sha256(<token><secret>)` (next-auth 4's format);
 * anything else is ignored, and next-auth then sends the browser back to the sign-in page with a
 * fresh cookie.
 */
export function csrfTokenFromCookie(cookieValue: string | undefined, secret: string): string | null {
  if (!cookieValue || cookieValue.length > 200) return null;
  const [token, hash] = cookieValue.split("|");
  if (!token || !hash || !/^[0-9a-f]{64}$/.test(hash)) return null;
  const expected = createHash("sha256").update(`${token}${secret}`).digest();
  return timingSafeEqual(expected, Buffer.from(hash, "hex")) ? token : null;
}
