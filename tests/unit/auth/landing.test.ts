import { describe, expect, it } from "vitest";
import { LANDINGS, landingPath } from "@/lib/auth/landing";
import { can, ROLES } from "@/lib/auth/permissions";
import { DEFAULT_AFTER_SIGN_IN, safeRedirectPath } from "@/lib/auth/safe-redirect";

describe("where each role lands after signing in", () => {
  it.each([
    ["ESTATES_EDITOR", "/sites"],
    ["ORG_VIEWER", "/sites"],
    ["CABINET_OFFICE", "/dashboard"],
    ["MINISTER_OFFICE", "/dashboard"],
    ["ADMIN", "/admin"],
  ] as const)("%s lands on %s", (role, path) => {
    expect(landingPath(role)).toBe(path);
  });

  it.each(ROLES)("%s may open the page it lands on (no 403 after signing in)", (role) => {
    expect(can(role, LANDINGS[role].permission)).toBe(true);
  });

  it("no role lands on the start page", () => {
    for (const role of ROLES) expect(landingPath(role)).not.toBe("/");
  });

  it("without a callback the sign-in goes to “/”, which sends each role on; a safe callback still wins", () => {
    expect(safeRedirectPath(undefined, "http://localhost:3000")).toBe(DEFAULT_AFTER_SIGN_IN);
    expect(DEFAULT_AFTER_SIGN_IN).toBe("/");
    expect(safeRedirectPath("/reports?x=1", "http://localhost:3000")).toBe("/reports?x=1");
  });
});
