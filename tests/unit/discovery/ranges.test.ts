import { describe, expect, it } from "vitest";
import { addressValue, parseRanges, siteCodeFor } from "@/lib/discovery/ranges";

describe("address ranges", () => {
  it("finds the most specific range holding an address", () => {
    const parsed = parseRanges("10.20.0.0/16 HO-0001\n10.20.30.0/24 HO-0002\n# a comment\n\nfd00::/8, HO-0003");
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(siteCodeFor(parsed.ranges, "10.20.30.4")).toBe("HO-0002");
    expect(siteCodeFor(parsed.ranges, "10.20.31.4")).toBe("HO-0001");
    expect(siteCodeFor(parsed.ranges, "10.21.0.1")).toBeNull();
    expect(siteCodeFor(parsed.ranges, "fd12:3456::1")).toBe("HO-0003");
    expect(siteCodeFor(parsed.ranges, "fe80::1")).toBeNull();
    expect(siteCodeFor(parsed.ranges, "not an address")).toBeNull();
  });

  it("normalises a range written with host bits set", () => {
    const parsed = parseRanges("10.20.30.77/24 HO-0001");
    expect(parsed.ok && siteCodeFor(parsed.ranges, "10.20.30.1")).toBe("HO-0001");
  });

  it("reports every bad line with its number and returns no range", () => {
    const parsed = parseRanges("10.20.0.0/16 HO-0001\n10.20.0.0/33 HO-0002\nnonsense\n10.0.0.0/8 <script>");
    expect(parsed).toEqual({
      ok: false,
      problems: [
        { line: 2, message: "Line 2: “10.20.0.0/33” is not an address range such as 10.20.0.0/16" },
        { line: 3, message: "Line 3 must be an address range and a site code, such as 10.20.0.0/16 HO-0001" },
        { line: 4, message: "Line 4: “<script>” is not a site code" },
      ],
    });
    expect(parseRanges("  \n# only a comment")).toEqual({ ok: false, problems: [{ line: 1, message: "Give at least one address range and its site code" }] });
  });

  it("refuses too many ranges", () => {
    const text = Array.from({ length: 501 }, (_, i) => `10.${i >> 8}.${i & 255}.0/24 S-${i}`).join("\n");
    const parsed = parseRanges(text);
    expect(parsed.ok).toBe(false);
  });

  it("reads IPv6 addresses with an embedded IPv4 tail and a zone", () => {
    expect(addressValue("::ffff:10.0.0.1")).toEqual({ version: 6, value: 0xffff0a000001n });
    expect(addressValue("fe80::1%eth0")).toEqual({ version: 6, value: (0xfe80n << 112n) | 1n });
    expect(addressValue("256.0.0.1")).toBeNull();
  });
});
