import { describe, expect, it } from "vitest";
import { isLocallyAdministered, lookupMacPrefix, normaliseMac } from "@/lib/compliance";

describe("normaliseMac", () => {
  it.each([
    ["44:47:CC:12:34:56", "4447CC123456"],
    ["44-47-cc-12-34-56", "4447CC123456"],
    ["4447.cc12.3456", "4447CC123456"],
    ["4447cc123456", "4447CC123456"],
    ["  44:47:cc:12:34:56 ", "4447CC123456"],
  ])("%j → %s", (raw, mac) => {
    expect(normaliseMac(raw)).toBe(mac);
  });

  it.each([
    "",
    "44:47:CC:12:34",
    "44:47:CC:12:34:56:78",
    "44:47-CC:12:34:56",
    "4:47:CC:12:34:56",
    "44:47:CG:12:34:56",
    "4447cc12345",
    "4447cc1234567",
    "4447.cc12:3456",
    "44 47 CC 12 34 56",
    "4447CC.123456",
  ])("rejects %j", (raw) => {
    expect(normaliseMac(raw)).toBeNull();
  });
});

describe("isLocallyAdministered", () => {
  it.each([
    ["02:00:00:00:00:01", true],
    ["46:47:CC:12:34:56", true],
    ["4E:00:00:00:00:00", true],
    ["FE:FF:FF:FF:FF:FF", true],
    ["44:47:CC:12:34:56", false],
    ["00:40:8C:12:34:56", false],
    ["01:00:5E:00:00:01", false],
    ["not a mac", false],
  ] as const)("%s → %s", (mac, expected) => {
    expect(isLocallyAdministered(mac)).toBe(expected);
  });
});

describe("lookupMacPrefix", () => {
  const registry = new Map([
    ["4447CC", "Hikvision (MA-L)"],
    ["70B3D5", "IEEE Registration Authority (MA-L)"],
    ["70B3D51", "Block owner (MA-M)"],
    ["70B3D5123", "Small owner (MA-S)"],
  ]);

  it.each([
    ["44:47:CC:12:34:56", "Hikvision (MA-L)"],
    ["70:B3:D5:12:34:56", "Small owner (MA-S)"],
    ["70:B3:D5:1F:FF:FF", "Block owner (MA-M)"],
    ["70:B3:D5:EF:FF:FF", "IEEE Registration Authority (MA-L)"],
    ["4447.cc00.0001", "Hikvision (MA-L)"],
  ])("%s → %s (longest prefix wins)", (mac, owner) => {
    expect(lookupMacPrefix(registry, mac)).toBe(owner);
  });

  it("returns null for an unregistered prefix", () => {
    expect(lookupMacPrefix(registry, "00:11:22:33:44:55")).toBeNull();
  });

  it("returns null for a locally administered address, even if its digits match", () => {
    const withLocal = new Map([["4647CC", "should never match"]]);
    expect(lookupMacPrefix(withLocal, "46:47:CC:12:34:56")).toBeNull();
  });

  it("returns null for an invalid address", () => {
    expect(lookupMacPrefix(registry, "44:47:CC")).toBeNull();
    expect(lookupMacPrefix(registry, "4447CC")).toBeNull();
  });
});
