import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, newNonce } from "@/lib/platform/security-headers";

function directives(policy: string): Map<string, string[]> {
  return new Map(policy.split(";").map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name!, values]));
}

describe("Content-Security-Policy", () => {
  const nonce = newNonce();
  const policy = directives(contentSecurityPolicy(nonce, { development: false, https: true }));

  it("scripts run only with this response's nonce", () => {
    const scripts = policy.get("script-src")!;
    expect(scripts).toContain(`'nonce-${nonce}'`);
    expect(scripts).toContain("'strict-dynamic'");
    expect(scripts).not.toContain("'unsafe-inline'");
    expect(scripts).not.toContain("'unsafe-eval'");
    expect(scripts.some((s) => s === "*" || s.endsWith(":"))).toBe(false);
  });

  it("no framing, no plugins, no base element, forms post only here", () => {
    expect(policy.get("frame-ancestors")).toEqual(["'none'"]);
    expect(policy.get("object-src")).toEqual(["'none'"]);
    expect(policy.get("base-uri")).toEqual(["'none'"]);
    expect(policy.get("form-action")).toEqual(["'self'"]);
    expect(policy.get("default-src")).toEqual(["'self'"]);
  });

  it("style elements need the nonce; only style attributes may be inline", () => {
    expect(policy.get("style-src")).toEqual(["'self'", `'nonce-${nonce}'`]);
    expect(policy.get("style-src-attr")).toEqual(["'unsafe-inline'"]);
  });

  it("upgrades insecure requests only when served over https", () => {
    expect(policy.has("upgrade-insecure-requests")).toBe(true);
    expect(directives(contentSecurityPolicy(nonce, { development: false, https: false })).has("upgrade-insecure-requests")).toBe(false);
  });

  it("allows eval only for React's development build", () => {
    expect(directives(contentSecurityPolicy(nonce, { development: true, https: false })).get("script-src")).toContain("'unsafe-eval'");
  });

  it("a nonce is fresh every time and safe inside the header", () => {
    const nonces = new Set(Array.from({ length: 1000 }, newNonce));
    expect(nonces.size).toBe(1000);
    for (const n of nonces) expect(n).toMatch(/^[A-Za-z0-9+/]{24}$/);
  });
});
