import { describe, expect, it } from "vitest";
import { canonicalOrigin, checkOrigin, checkRequestOrigin, type OriginRefusal } from "@/lib/auth/same-origin";

const OURS = "https://register.example.gov.uk";

type Row = [description: string, origin: string | null, secFetchSite: string | null, expected: "ok" | OriginRefusal];

// A request that changes something: it must show it came from our own pages.
const CHANGES: Row[] = [
  ["our own origin", OURS, "same-origin", "ok"],
  ["our own origin, no Sec-Fetch-Site (an older browser)", OURS, null, "ok"],
  // Browsers send the origin in one exact form: any other spelling was written by hand.
  ["our origin with a trailing slash", `${OURS}/`, null, "FOREIGN_ORIGIN"],
  ["our origin with a path", `${OURS}/import`, null, "FOREIGN_ORIGIN"],
  ["our origin with the default port spelled out", "https://register.example.gov.uk:443", null, "FOREIGN_ORIGIN"],
  ["our origin in capitals", "HTTPS://REGISTER.EXAMPLE.GOV.UK", null, "FOREIGN_ORIGIN"],
  ["our origin with a leading space", ` ${OURS}`, null, "FOREIGN_ORIGIN"],
  ["a foreign origin", "http://evil.example", null, "FOREIGN_ORIGIN"],
  ["a foreign origin that says same-origin", "http://evil.example", "same-origin", "FOREIGN_ORIGIN"],
  ["a foreign origin, cross-site", "http://evil.example", "cross-site", "CROSS_SITE"],
  ["our host over http (scheme differs)", "http://register.example.gov.uk", null, "FOREIGN_ORIGIN"],
  ["our host on another port", "https://register.example.gov.uk:8443", null, "FOREIGN_ORIGIN"],
  ["a sibling subdomain", "https://other.example.gov.uk", "same-site", "CROSS_SITE"],
  ["a sibling subdomain without Sec-Fetch-Site", "https://other.example.gov.uk", null, "FOREIGN_ORIGIN"],
  ["a host that merely starts with ours", "https://register.example.gov.uk.evil.example", null, "FOREIGN_ORIGIN"],
  ["our host as user-info of a foreign one", "https://register.example.gov.uk@evil.example", null, "FOREIGN_ORIGIN"],
  ["Origin: null (sandboxed frame, data: URL)", "null", null, "FOREIGN_ORIGIN"],
  ["Origin: null, same-origin claimed", "null", "same-origin", "FOREIGN_ORIGIN"],
  ["an Origin that is not a URL", "not a url", null, "FOREIGN_ORIGIN"],
  ["a file: origin", "file://", null, "FOREIGN_ORIGIN"],
  ["an Origin with a NUL byte", `${OURS}\u0000`, null, "FOREIGN_ORIGIN"],
  ["an Origin with a trailing tab", `${OURS}\t`, null, "FOREIGN_ORIGIN"],
  ["no Origin, Sec-Fetch-Site same-origin", null, "same-origin", "ok"],
  ["no Origin, Sec-Fetch-Site same-origin in capitals", null, "Same-Origin", "ok"],
  ["no Origin, Sec-Fetch-Site cross-site", null, "cross-site", "CROSS_SITE"],
  ["no Origin, Sec-Fetch-Site same-site", null, "same-site", "CROSS_SITE"],
  ["no Origin, Sec-Fetch-Site none (typed or bookmarked)", null, "none", "NO_ORIGIN"],
  ["neither header (curl, a script with a copied cookie)", null, null, "NO_ORIGIN"],
  ["an empty Origin and no Sec-Fetch-Site", "", null, "NO_ORIGIN"],
  ["an unknown Sec-Fetch-Site value", null, "sideways", "NO_ORIGIN"],
];

// A request that only reads: refused only when another site evidently started it.
const READS: Row[] = [
  ["a link on our own page", null, "same-origin", "ok"],
  ["typed in the address bar or bookmarked", null, "none", "ok"],
  ["no headers at all (a program the person runs)", null, null, "ok"],
  ["a link on another site", null, "cross-site", "CROSS_SITE"],
  ["an <img> on a sibling subdomain", null, "same-site", "CROSS_SITE"],
  ["a foreign Origin (cross-site fetch)", "http://evil.example", null, "FOREIGN_ORIGIN"],
  ["our own Origin", OURS, "same-origin", "ok"],
  ["Origin: null", "null", null, "FOREIGN_ORIGIN"],
];

const outcome = (v: ReturnType<typeof checkRequestOrigin>) => (v.ok ? "ok" : v.reason);

describe("requests that change something", () => {
  for (const method of ["POST", "PUT", "PATCH", "DELETE", "post"]) {
    it.each(CHANGES)(`${method}: %s`, (_d, origin, secFetchSite, expected) => {
      expect(outcome(checkRequestOrigin({ method, origin, secFetchSite, referer: null }, OURS))).toBe(expected);
    });
  }

  it("a refusal explains itself in plain words", () => {
    const v = checkRequestOrigin({ method: "POST", origin: "http://evil.example", secFetchSite: null, referer: null }, OURS);
    expect(v).toEqual({ ok: false, reason: "FOREIGN_ORIGIN", message: expect.stringContaining("nothing was changed") });
  });

  it("the public origin may be given with a path or trailing slash", () => {
    expect(outcome(checkRequestOrigin({ method: "POST", origin: OURS, secFetchSite: null, referer: null }, `${OURS}/`))).toBe("ok");
    expect(outcome(checkRequestOrigin({ method: "POST", origin: OURS, secFetchSite: null, referer: null }, `${OURS}/register/`))).toBe("ok");
  });

  it("a local server on http with a port", () => {
    const local = "http://localhost:3000";
    expect(outcome(checkRequestOrigin({ method: "POST", origin: "http://localhost:3000", secFetchSite: "same-origin", referer: null }, local))).toBe("ok");
    expect(outcome(checkRequestOrigin({ method: "POST", origin: "http://localhost:3001", secFetchSite: null, referer: null }, local))).toBe("FOREIGN_ORIGIN");
    expect(outcome(checkRequestOrigin({ method: "POST", origin: "http://127.0.0.1:3000", secFetchSite: null, referer: null }, local))).toBe("FOREIGN_ORIGIN");
    expect(outcome(checkRequestOrigin({ method: "POST", origin: "https://localhost:3000", secFetchSite: null, referer: null }, local))).toBe("FOREIGN_ORIGIN");
  });

  it("a Referer does not stand in for a missing Origin", () => {
    expect(outcome(checkRequestOrigin({ method: "POST", origin: null, secFetchSite: null, referer: `${OURS}/import` }, OURS))).toBe("NO_ORIGIN");
  });
});

describe("requests that only read", () => {
  for (const method of ["GET", "HEAD", "OPTIONS"]) {
    it.each(READS)(`${method}: %s`, (_d, origin, secFetchSite, expected) => {
      expect(outcome(checkRequestOrigin({ method, origin, secFetchSite, referer: null }, OURS))).toBe(expected);
    });
  }

  it.each([
    [`${OURS}/reports`, "ok"],
    ["https://evil.example/page", "FOREIGN_ORIGIN"],
    ["http://register.example.gov.uk/reports", "FOREIGN_ORIGIN"],
    ["android-app://com.example/", "FOREIGN_ORIGIN"],
    ["", "ok"],
  ] as const)("Referer %s, no Sec-Fetch-Site", (referer, expected) => {
    expect(outcome(checkRequestOrigin({ method: "GET", origin: null, secFetchSite: null, referer }, OURS))).toBe(expected);
  });

  it("a refusal explains itself in plain words", () => {
    const v = checkRequestOrigin({ method: "GET", origin: null, secFetchSite: "cross-site", referer: null }, OURS);
    expect(v).toEqual({ ok: false, reason: "CROSS_SITE", message: expect.stringContaining("opened from another website") });
  });
});

describe("on a Fetch API request", () => {
  it("reads the headers of the request", () => {
    const foreign = new Request(`${OURS}/api/import`, { method: "POST", headers: { origin: "http://evil.example" } });
    expect(outcome(checkOrigin(foreign, OURS))).toBe("FOREIGN_ORIGIN");
    const ours = new Request(`${OURS}/api/import`, { method: "POST", headers: { origin: OURS } });
    expect(outcome(checkOrigin(ours, OURS))).toBe("ok");
    const crossLink = new Request(`${OURS}/api/reports/download?format=csv`, { headers: { "sec-fetch-site": "cross-site" } });
    expect(outcome(checkOrigin(crossLink, OURS))).toBe("CROSS_SITE");
  });
});

describe("canonicalOrigin", () => {
  it.each([
    ["https://Register.Example.gov.uk:443/path?q#f", "https://register.example.gov.uk"],
    ["http://localhost:80", "http://localhost"],
    ["http://localhost:3000/", "http://localhost:3000"],
    ["ftp://example.gov.uk", null],
    ["javascript:alert(1)", null],
    ["", null],
  ])("%s → %s", (input, expected) => {
    expect(canonicalOrigin(input)).toBe(expected);
  });
});
