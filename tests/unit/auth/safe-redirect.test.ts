import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { safeRedirectPath } from "@/lib/auth/safe-redirect";

const OWN = "http://localhost:3100";

// Targets as the sign-in page receives them (query parameters already percent-decoded once).
const OFF_SITE: [string, unknown][] = [
  ["backslash after the slash (reported: /%5Clocalhost:3201/x)", "/\\localhost:3201/x"],
  ["tab between slashes (reported: /%09/…)", "/\t/evil.example/x"],
  ["backslash between slashes (reported: /%5C/…)", "/\\/evil.example"],
  ["protocol-relative", "//evil.example"],
  ["escaped slashes", "\\/\\/evil.example"],
  ["two backslashes", "\\\\evil.example"],
  ["absolute https elsewhere", "https://evil.example/"],
  ["absolute http elsewhere", "http://evil.example/x?y=1"],
  ["our host on another port", "http://localhost:3201/x"],
  ["our host over another scheme", "https://localhost:3100/x"],
  ["javascript:", "javascript:alert(document.cookie)"],
  ["javascript: in capitals", "JavaScript:alert(1)"],
  ["javascript: behind spaces", "  javascript:alert(1)"],
  ["data:", "data:text/html,<script>alert(1)</script>"],
  ["vbscript:", "vbscript:msgbox(1)"],
  ["leading space then //", " //evil.example"],
  ["leading newline then //", "\n//evil.example"],
  ["leading tab then //", "\t//evil.example"],
  ["newline inside //", "/\n/evil.example"],
  ["credentials trick", "http://localhost:3100@evil.example/"],
  ["credentials on our own origin", "http://user:secret@localhost:3100/x"],
  ["ftp on our host", "ftp://localhost:3100/x"],
  ["form-feed and slashes", "\f//evil.example"],
  ["two backslashes after the slash", "/\\\\evil.example"],
  ["not a string: repeated parameter", ["/a", "//evil.example"]],
  ["not a string: missing", undefined],
  ["empty", ""],
  ["absurdly long", `/${"a".repeat(5000)}`],
];

const ON_SITE: [string, string, string][] = [
  ["a plain path", "/dashboard", "/dashboard"],
  ["query and fragment kept", "/sites?page=2&sort=name#results", "/sites?page=2&sort=name#results"],
  ["absolute URL on our origin", "http://localhost:3100/register?x=1", "/register?x=1"],
  ["relative path", "dashboard", "/dashboard"],
  ["dot segments that would make //", "/.//evil.example", "/evil.example"],
  ["parent segment that would make //", "/x/..//evil.example/y", "/evil.example/y"],
  ["tab inside one segment is dropped", "/\tevil", "/evil"],
  ["still-encoded backslash stays a path", "/%5Clocalhost:3201/x", "/%5Clocalhost:3201/x"],
  ["still-encoded tab stays a path", "/%09/evil", "/%09/evil"],
  ["scheme-relative http: with our scheme is a path", "http:evil.example", "/evil.example"],
];

describe("safeRedirectPath", () => {
  it.each(OFF_SITE)("sends %s back to the start page", (_name, target) => {
    expect(safeRedirectPath(target, OWN)).toBe("/");
  });

  it.each(ON_SITE)("keeps %s", (_name, target, expected) => {
    expect(safeRedirectPath(target, OWN)).toBe(expected);
  });

  it("has at least 20 hostile payloads", () => {
    expect(OFF_SITE.length).toBeGreaterThanOrEqual(20);
  });

  it("never returns anything a browser would resolve to another origin", () => {
    const piece = fc.constantFrom("/", "\\", "\t", "\n", " ", ".", "..", ":", "@", "%5C", "%2F", "%09", "evil.example", "localhost", "3201", "http", "https", "javascript", "?", "#");
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (parts) => {
        const result = safeRedirectPath(parts.join(""), OWN);
        expect(result.startsWith("/")).toBe(true);
        expect(result.startsWith("//")).toBe(false);
        expect(new URL(result, OWN).origin).toBe(OWN);
      }),
      { numRuns: 2000 },
    );
  });
});

describe("next-auth's redirect callback", () => {
  it.each(OFF_SITE.filter(([, target]) => typeof target === "string"))("keeps %s on the service", async (_name, target) => {
    const { authOptions } = await import("@/lib/auth/options");
    expect(await authOptions.callbacks!.redirect!({ url: target as string, baseUrl: OWN })).toBe(`${OWN}/`);
  });

  it("passes a path on the service through", async () => {
    const { authOptions } = await import("@/lib/auth/options");
    expect(await authOptions.callbacks!.redirect!({ url: `${OWN}/sites?page=2`, baseUrl: OWN })).toBe(`${OWN}/sites?page=2`);
  });
});
