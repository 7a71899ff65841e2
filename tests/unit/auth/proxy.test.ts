import { NextRequest } from "next/server";
import { afterEach, describe, expect, it, vi } from "vitest";

// proxy.ts on its own: the transport headers follow the public address, and a change from another
// origin (a server action included) is answered 403 before Next.js handles it.

async function proxyFor(publicUrl: string) {
  vi.stubEnv("NEXTAUTH_URL", publicUrl);
  vi.resetModules();
  return (await import("@/proxy")).proxy;
}

afterEach(() => {
  vi.unstubAllEnvs();
  vi.resetModules();
});

describe("proxy", () => {
  it("over https: HSTS, and a policy that upgrades insecure requests", async () => {
    const proxy = await proxyFor("https://register.example.gov.uk");
    const response = proxy(new NextRequest("https://register.example.gov.uk/dashboard"));
    expect(response.headers.get("strict-transport-security")).toBe("max-age=31536000; includeSubDomains");
    expect(response.headers.get("content-security-policy")).toContain("upgrade-insecure-requests");
  });

  it("over plain http: no HSTS", async () => {
    const proxy = await proxyFor("http://localhost:3000");
    const response = proxy(new NextRequest("http://localhost:3000/dashboard"));
    expect(response.headers.get("strict-transport-security")).toBeNull();
    expect(response.headers.get("content-security-policy")).not.toContain("upgrade-insecure-requests");
  });

  it("hands the policy and its nonce to the page render, fresh for each request", async () => {
    const proxy = await proxyFor("https://register.example.gov.uk");
    const first = proxy(new NextRequest("https://register.example.gov.uk/"));
    const second = proxy(new NextRequest("https://register.example.gov.uk/"));
    const nonce = first.headers.get("x-middleware-request-x-nonce");
    expect(nonce).toBeTruthy();
    expect(first.headers.get("x-middleware-request-content-security-policy")).toContain(`'nonce-${nonce}'`);
    expect(first.headers.get("content-security-policy")).toContain(`'nonce-${nonce}'`);
    expect(second.headers.get("x-middleware-request-x-nonce")).not.toBe(nonce);
  });

  it.each([
    ["a server action", "/admin/users/new", { "next-action": "7f00", origin: "http://evil.example" }],
    ["a plain form post", "/login", { origin: "http://evil.example", "content-type": "multipart/form-data; boundary=x" }],
    ["an upload", "/api/import", { "sec-fetch-site": "cross-site" }],
    ["a sign-in", "/api/auth/callback/credentials", {}],
  ])("%s from elsewhere answers 403 with a message", async (_d, path, headers) => {
    const proxy = await proxyFor("https://register.example.gov.uk");
    const response = proxy(new NextRequest(`https://register.example.gov.uk${path}`, { method: "POST", headers, body: "x" }));
    expect(response.status).toBe(403);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("strict-transport-security")).toBeTruthy();
    expect(await response.text()).toContain("did not come from the Estate Camera Register's own pages");
  });

  it("a change from our own pages goes on to Next.js", async () => {
    const proxy = await proxyFor("https://register.example.gov.uk");
    const response = proxy(
      new NextRequest("https://register.example.gov.uk/admin/users/new", { method: "POST", headers: { "next-action": "7f00", origin: "https://register.example.gov.uk" }, body: "x" }),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("x-middleware-next")).toBe("1");
  });
});
