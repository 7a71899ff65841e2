import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { authCookieSettings } from "@/lib/auth/cookies";
import { clientAddress } from "@/lib/auth/client-address";
import { safeRedirectPath } from "@/lib/auth/safe-redirect";
import { authSecret, env, publicOrigin } from "@/lib/env";
import { checkCredentials } from "@/lib/data/users";
import { createSession, revokeSession } from "@/lib/data/sessions";
import { signInSchema } from "@/lib/validation/sign-in";

export const authOptions: NextAuthOptions = {
  // Read when a request is handled, not at import, so `next build` needs no secret.
  get secret() {
    return authSecret();
  },
  get session() {
    return { strategy: "jwt" as const, maxAge: env().SESSION_MAX_AGE_HOURS * 60 * 60 };
  },
  get useSecureCookies() {
    return authCookieSettings(publicOrigin()).useSecureCookies;
  },
  get cookies() {
    return authCookieSettings(publicOrigin()).cookies;
  },
  pages: { signIn: "/login", error: "/login" },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email address", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, req) {
        const parsed = signInSchema.safeParse(credentials ?? {});
        if (!parsed.success) return null;
        const address = clientAddress(req?.headers ?? {}, env().TRUSTED_PROXIES);
        const result = await checkCredentials(parsed.data.email, parsed.data.password, address);
        if (!result.ok) {
          // next-auth passes the message to the sign-in page as ?error=
          throw new Error(result.reason);
        }
        return { id: String(result.userId) };
      },
    }),
  ],
  callbacks: {
    // Only ever back onto this service: a callbackUrl such as /\other.example would otherwise leave it.
    async redirect({ url, baseUrl }) {
      return `${baseUrl}${safeRedirectPath(url, baseUrl)}`;
    },
    async jwt({ token, user }) {
      if (user) {
        token.uid = Number(user.id);
        // The cookie names a server-side session record, checked on every request.
        token.sid = await createSession(Number(user.id));
      }
      return token;
    },
    async session({ session, token }) {
      return {
        ...session,
        uid: typeof token.uid === "number" ? token.uid : null,
        sid: typeof token.sid === "string" ? token.sid : null,
      };
    },
  },
  events: {
    // Without this the signed cookie would still open every page until it expired.
    async signOut({ token }) {
      if (typeof token?.sid === "string") await revokeSession(token.sid, "SIGNED_OUT");
    },
  },
};
