import { cookies } from "next/headers";
import { authCookieSettings } from "@/lib/auth/cookies";
import { publicOrigin } from "@/lib/env";

const SIGNED_OUT = "/login?signedOut=1";

// next-auth keeps "token|hash" in its CSRF cookie and expects the token back with the sign-out
// post. Reading it here lets sign-out be a plain form that works without JavaScript.
async function csrfToken(): Promise<string | null> {
  const name = authCookieSettings(publicOrigin()).cookies.csrfToken?.name ?? "next-auth.csrf-token";
  const value = (await cookies()).get(name)?.value ?? "";
  const token = value.split("|")[0] ?? "";
  return /^[0-9a-f]{16,128}$/.test(token) ? token : null;
}

/**
 * Signs out by posting to next-auth, which ends the server-side session and returns to the
 * sign-in page. Without the CSRF cookie, next-auth's own page asks to confirm instead.
 */
export async function SignOutButton({ className }: { className?: string }) {
  const token = await csrfToken();
  return token ? (
    <form method="post" action="/api/auth/signout" className="app-account__form">
      <input type="hidden" name="csrfToken" value={token} />
      <input type="hidden" name="callbackUrl" value={SIGNED_OUT} />
      <button type="submit" className={className}>
        Sign out
      </button>
    </form>
  ) : (
    <form method="get" action="/api/auth/signout" className="app-account__form">
      <input type="hidden" name="callbackUrl" value={SIGNED_OUT} />
      <button type="submit" className={className}>
        Sign out
      </button>
    </form>
  );
}
