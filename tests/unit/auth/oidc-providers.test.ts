import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { csrfTokenFromCookie } from "@/lib/auth/oidc-csrf";
import { oidcProvider } from "@/lib/auth/oidc-providers";
import { contentSecurityPolicy } from "@/lib/platform/security-headers";

const SETTING = {
  id: "home-office",
  name: "Home Office",
  issuer: "https://login.example.gov.uk/tenant/v2.0/",
  clientId: "client",
  clientSecret: "secret",
  trustEmails: false,
};

describe("an OpenID Connect provider from the settings", () => {
  const provider = oidcProvider(SETTING);

  it("checks PKCE, state and nonce, and takes the person from an RS256 ID token", () => {
    expect(provider.type).toBe("oauth");
    expect(provider.checks).toEqual(["pkce", "state", "nonce"]);
    expect(provider.idToken).toBe(true);
    expect(provider.client).toEqual({ id_token_signed_response_alg: "RS256" });
  });

  it("finds the provider's endpoints at its issuer's well-known address (one slash)", () => {
    expect(provider.wellKnown).toBe("https://login.example.gov.uk/tenant/v2.0/.well-known/openid-configuration");
  });

  it("keeps the subject as the id and ignores claims of the wrong type", async () => {
    const tokens = {};
    expect(await provider.profile({ sub: "abc", email: "a@b.gov.uk", name: "A" }, tokens)).toEqual({ id: "abc", email: "a@b.gov.uk", name: "A" });
    expect(await provider.profile({ sub: 7, email: ["x"], name: {} }, tokens)).toEqual({ id: "", email: null, name: null });
  });
});

describe("next-auth's CSRF cookie, read for the no-JavaScript sign-in buttons", () => {
  const secret = "s".repeat(40);
  const token = "a1".repeat(32);
  const cookie = `${token}|${createHash("sha256").update(`${token}${secret}`).digest("hex")}`;

  it("gives the token of a cookie made with this secret", () => {
    expect(csrfTokenFromCookie(cookie, secret)).toBe(token);
  });

  it("ignores a missing, forged, malformed or oversized cookie", () => {
    expect(csrfTokenFromCookie(undefined, secret)).toBeNull();
    expect(csrfTokenFromCookie(cookie, "another-secret-".repeat(3))).toBeNull();
    expect(csrfTokenFromCookie(`${token}x|${cookie.split("|")[1]}`, secret)).toBeNull();
    expect(csrfTokenFromCookie(token, secret)).toBeNull();
    expect(csrfTokenFromCookie(`${token}|zz`, secret)).toBeNull();
    expect(csrfTokenFromCookie(`${"a".repeat(300)}|${"0".repeat(64)}`, secret)).toBeNull();
  });
});

describe("the Content-Security-Policy with single sign-on", () => {
  it("lets forms lead to the providers named, and nowhere else", () => {
    const policy = contentSecurityPolicy("n", { development: false, https: true, formTargets: ["https://login.example.gov.uk"] });
    expect(policy).toContain("form-action 'self' https://login.example.gov.uk;");
    expect(contentSecurityPolicy("n", { development: false, https: true })).toContain("form-action 'self';");
  });
});
