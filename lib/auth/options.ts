import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { authCookieSettings } from "@/lib/auth/cookies";
import { clientAddress } from "@/lib/auth/client-address";
import { oidcProviders, passwordSignInAllowed, providerTrustsEmails, findSignInProvider, type OidcClaims } from "@/lib/auth/oidc-providers";
import { safeRedirectPath } from "@/lib/auth/safe-redirect";
import { authSecret, env, publicOrigin } from "@/lib/env";
import { checkCredentials } from "@/lib/data/users";
import { linkedUserId, resolveIdentity } from "@/lib/data/identities";
import { createSession, revokeSession } from "@/lib/data/sessions";
import { signInSchema } from "@/lib/validation/sign-in";

const credentials = CredentialsProvider({
  name: "Email and password",
  credentials: { email: { label: "Email address", type: "email" }, password: { label: "Password", type: "password" } },
  async authorize(credentials, req) {
    // With password sign-in off, a crafted post to the credentials callback opens nothing either.
    if (!passwordSignInAllowed()) return null;
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
});

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
  // A getter, like the secret: `next build` has no settings, and the providers come from them.
  get providers() {
    return [credentials, ...oidcProviders()];
  },
  callbacks: {
    // Single sign-on opens only provisioned accounts: see lib/data/identities.ts. A refusal goes to
    // a page saying what happened and what to do, rather than next-auth's bare "AccessDenied".
    async signIn({ account, profile }) {
      if (account?.type !== "oauth") return true;
      const claims = (profile ?? {}) as OidcClaims;
      const provider = findSignInProvider(account.provider);
      if (!provider) return false;
      const email = typeof claims.email === "string" ? claims.email : null;
      const outcome = await resolveIdentity({
        provider: provider.id,
        providerName: provider.name,
        subject: account.providerAccountId,
        email,
        emailVerified: claims.email_verified === true || providerTrustsEmails(provider.id),
      });
      if (outcome.ok) return true;
      return `${publicOrigin()}/login/refused?${new URLSearchParams({ reason: outcome.reason, provider: provider.id })}`;
    },
    // Only ever back onto this service: a callbackUrl such as /\other.example would otherwise leave it.
    async redirect({ url, baseUrl }) {
      return `${baseUrl}${safeRedirectPath(url, baseUrl)}`;
    },
    async jwt({ token, user, account }) {
      if (!user) return token;
      if (account?.type === "oauth") {
        // The department's identity provider is responsible for a second factor: a sign-in through
        // it is complete here, and the session records which provider it came through.
        const userId = await linkedUserId(account.provider, account.providerAccountId);
        if (userId === null) throw new Error("AccessDenied");
        token.uid = userId;
        token.sid = await createSession(userId, account.provider);
        return token;
      }
      token.uid = Number(user.id);
      // The cookie names a server-side session record, checked on every request.
      token.sid = await createSession(Number(user.id));
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
