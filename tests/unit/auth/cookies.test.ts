import { createRequire } from "node:module";
import type { NextAuthOptions } from "next-auth";
import { encode } from "next-auth/jwt";
import { afterEach, describe, expect, it, vi } from "vitest";

// next-auth's request handler without Next.js around it (the package does not export its path).
interface HandlerResponse {
  body?: unknown;
  cookies?: { name: string; value: string; options: Record<string, unknown> }[];
}
const { AuthHandler } = createRequire(import.meta.url)("../../../node_modules/next-auth/core/index.js") as {
  AuthHandler: (params: { req: Request; options: NextAuthOptions }) => Promise<HandlerResponse>;
};

// The options object next-auth is given, read with a public address over https and over http, and
// handed to next-auth's own request handler to see the cookies it actually sets and reads.

const SECRET = "unit-test-secret-unit-test-secret-0000";

async function optionsFor(publicUrl: string) {
  vi.stubEnv("NEXTAUTH_URL", publicUrl);
  vi.stubEnv("NEXTAUTH_SECRET", SECRET);
  vi.resetModules();
  const { authOptions } = await import("@/lib/auth/options");
  return authOptions;
}

afterEach(() => {
  vi.unstubAllEnvs();
  vi.resetModules();
});

describe("session cookies when the public address is https", () => {
  const base = "https://register.example.gov.uk";

  it("the options ask for Secure, __Host- prefixed cookies", async () => {
    const options = await optionsFor(base);
    expect(options.useSecureCookies).toBe(true);
    for (const key of ["sessionToken", "callbackUrl", "csrfToken"] as const) {
      const cookie = options.cookies![key]!;
      expect(cookie.name.startsWith("__Host-")).toBe(true);
      // The prefix is only honoured for Secure cookies on path / with no Domain.
      expect(cookie.options).toMatchObject({ secure: true, path: "/", httpOnly: true, sameSite: "lax" });
      expect(cookie.options.domain).toBeUndefined();
    }
  });

  it("next-auth sets the CSRF and callback cookies with those names", async () => {
    const options = await optionsFor(base);
    const response = await AuthHandler({ req: new Request(`${base}/api/auth/csrf`), options });
    const names = (response.cookies ?? []).map((c) => c.name).sort();
    expect(names).toEqual(["__Host-next-auth.callback-url", "__Host-next-auth.csrf-token"]);
    for (const c of response.cookies ?? []) expect(c.options).toMatchObject({ secure: true, path: "/" });
  });

  it("the session is read from the __Host- cookie only", async () => {
    const options = await optionsFor(base);
    const token = await encode({ token: { uid: 7, sub: "7" }, secret: SECRET });
    const read = async (cookie: string) =>
      AuthHandler({ req: new Request(`${base}/api/auth/session`, { headers: { cookie: `${cookie}=${token}` } }), options });

    const hostPrefixed = await read("__Host-next-auth.session-token");
    expect(hostPrefixed.body).toMatchObject({ uid: 7 });
    const renewed = (hostPrefixed.cookies ?? []).find((c) => c.name === "__Host-next-auth.session-token");
    expect(renewed?.options).toMatchObject({ secure: true, path: "/", httpOnly: true });

    // A cookie planted under next-auth's default name (which a sibling subdomain could set) is ignored.
    expect((await read("__Secure-next-auth.session-token")).body).toEqual({});
    expect((await read("next-auth.session-token")).body).toEqual({});
  });
});

describe("session cookies over plain http (a developer's machine)", () => {
  it("keeps next-auth's plain names, which browsers accept without https", async () => {
    const options = await optionsFor("http://localhost:3000");
    expect(options.useSecureCookies).toBe(false);
    const response = await AuthHandler({ req: new Request("http://localhost:3000/api/auth/csrf"), options });
    const names = (response.cookies ?? []).map((c) => c.name).sort();
    expect(names).toEqual(["next-auth.callback-url", "next-auth.csrf-token"]);
  });
});
