import { describe, expect, it } from "vitest";
import { plural, pluralNoun } from "@/lib/text/plural";

describe("plural", () => {
  it("writes one in the singular and every other count in the plural, with thousands separators", () => {
    expect(plural(1, "row")).toBe("1 row");
    expect(plural(0, "row")).toBe("0 rows");
    expect(plural(2, "site")).toBe("2 sites");
    expect(plural(12_345, "device")).toBe("12,345 devices");
    expect(plural(-1, "row")).toBe("-1 rows");
  });

  it("takes an irregular plural", () => {
    expect(plural(1, "camera system")).toBe("1 camera system");
    expect(plural(3, "property", "properties")).toBe("3 properties");
    expect(pluralNoun(1, "is", "are")).toBe("is");
    expect(pluralNoun(4, "is", "are")).toBe("are");
  });
});
