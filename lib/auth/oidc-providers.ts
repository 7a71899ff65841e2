import "server-only";
import type { OAuthConfig } from "next-auth/providers/oauth";
import { env, type OidcProviderSetting } from "@/lib/env";

/** The claims of an ID token this service reads (the rest are ignored). */
export interface OidcClaims {
  sub?: unknown;
  email?: unknown;
  email_verified?: unknown;
  name?: unknown;
}

/** A provider as the sign-in page and the refusal page show it. */
export interface SignInProvider {
  id: string;
  name: string;
}

/**
 * One next-auth provider for an OpenID Connect issuer. The ID token (RS256, checked against the
 * issuer's keys) is the only source of the person's claims; PKCE, state and nonce are all checked,
 * so a callback that was not started by this browser, or a code taken from another flow, fails.
 */
export function oidcProvider(setting: OidcProviderSetting): OAuthConfig<OidcClaims> {
  const issuer = setting.issuer.replace(/\/+$/, "");
  return {
    id: setting.id,
    name: setting.name,
    type: "oauth",
    wellKnown: `${issuer}/.well-known/openid-configuration`,
    clientId: setting.clientId,
    clientSecret: setting.clientSecret,
    authorization: { params: { scope: "openid email profile" } },
    idToken: true,
    checks: ["pkce", "state", "nonce"],
    client: { id_token_signed_response_alg: "RS256" },
    profile(claims) {
      return {
        id: typeof claims.sub === "string" ? claims.sub : "",
        name: typeof claims.name === "string" ? claims.name : null,
        email: typeof claims.email === "string" ? claims.email : null,
      };
    },
  };
}

let built: { source: OidcProviderSetting[]; providers: OAuthConfig<OidcClaims>[] } | undefined;

/** The configured providers as next-auth providers; read when a request needs them, not at import. */
export function oidcProviders(): OAuthConfig<OidcClaims>[] {
  const source = env().OIDC_PROVIDERS;
  if (built?.source !== source) built = { source, providers: source.map(oidcProvider) };
  return built.providers;
}

/** The configured providers' ids and display names, in the order the settings list them. */
export function signInProviders(): SignInProvider[] {
  return env().OIDC_PROVIDERS.map(({ id, name }) => ({ id, name }));
}

export function findSignInProvider(id: unknown): SignInProvider | null {
  return typeof id === "string" ? (signInProviders().find((p) => p.id === id) ?? null) : null;
}

/** Whether the provider vouches for its directory's addresses (Entra ID sends no email_verified). */
export function providerTrustsEmails(id: string): boolean {
  return env().OIDC_PROVIDERS.some((p) => p.id === id && p.trustEmails);
}

export function passwordSignInAllowed(): boolean {
  return env().PASSWORD_SIGN_IN === "on";
}
