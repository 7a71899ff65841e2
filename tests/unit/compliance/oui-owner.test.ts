import ouiData from "oui-data";
import { describe, expect, it } from "vitest";
import { buildOuiOwnerMatcher, lookupMacPrefix, macEvidenceFor, ouiOwnerName, REGISTER_SEED, type RegisterEntry } from "@/lib/compliance";

const matcher = buildOuiOwnerMatcher(REGISTER_SEED);
const registry = new Map(Object.entries(ouiData as Record<string, string>));

describe("ouiOwnerName", () => {
  it("takes the first line of a registry record", () => {
    expect(ouiOwnerName("Hangzhou Hikvision Digital Technology Co.,Ltd.\nNo.555 Qianmo Road\nHangzhou Zhejiang 310052\nChina")).toBe(
      "Hangzhou Hikvision Digital Technology Co.,Ltd.",
    );
    expect(ouiOwnerName("  Axis Communications AB  ")).toBe("Axis Communications AB");
  });
});

describe("the seed's OUI owner patterns against the IEEE registry (oui-data)", () => {
  it.each([
    ["44:47:CC:00:00:01", "Hikvision"],
    ["C0:56:E3:00:00:01", "Hikvision"],
    ["BC:AD:28:00:00:01", "Hikvision"],
    ["3C:EF:8C:00:00:01", "Dahua"],
    ["90:02:A9:00:00:01", "Dahua"],
    ["E0:50:8B:00:00:01", "Dahua"],
  ])("%s belongs to %s", (mac, producerName) => {
    const owner = lookupMacPrefix(registry, mac);
    expect(owner).not.toBeNull();
    expect(macEvidenceFor(matcher, owner)).toEqual({ owner: ouiOwnerName(owner ?? ""), producerName });
  });

  it("finds roughly the prefix counts DOMAIN.md §5 quotes", () => {
    const count = (name: string) => [...registry.values()].filter((v) => matcher(v)?.producerName === name).length;
    expect(count("Hikvision")).toBeGreaterThanOrEqual(84 + 15);
    expect(count("Dahua")).toBeGreaterThanOrEqual(31);
    expect(count("Uniview")).toBeGreaterThanOrEqual(4);
  });

  it("does not mistake other companies with similar names or addresses", () => {
    expect(matcher("Shanghai Dahua Scale Factory")).toBeNull();
    expect(matcher("Intel Corporate\nKedah Darul Aman\nMalaysia")).toBeNull();
    expect(matcher("Axis Communications AB")).toBeNull();
  });

  it("matches patterns against the owner's name only, never the postal address", () => {
    const short: RegisterEntry = { producerId: "k", producerName: "Keda", covered: true, confidence: "HIGH", source: "t", brands: [], modelPrefixes: [], ouiOwnerPatterns: ["keda"] };
    const m = buildOuiOwnerMatcher([short]);
    expect(m("Intel Corporate\nLot 8, Jalan Hi-Tech 2/3\nKulim Kedah 09000\nMalaysia")).toBeNull();
    expect(m("Suzhou Keda Technology CO.,Ltd\nNo.131 Jinshan Road")?.producerName).toBe("Keda");
  });

  it("gives no evidence for non-covered producers, unknown owners or a missing owner", () => {
    const withAxis: RegisterEntry[] = [
      ...REGISTER_SEED,
      { producerId: "x", producerName: "X", covered: false, confidence: "HIGH", source: "t", brands: [], modelPrefixes: [], ouiOwnerPatterns: ["axis communications"] },
    ];
    const m = buildOuiOwnerMatcher(withAxis);
    expect(m("Axis Communications AB")).toMatchObject({ covered: false });
    expect(macEvidenceFor(m, "Axis Communications AB")).toBeNull();
    expect(macEvidenceFor(matcher, "Some Other Company Ltd")).toBeNull();
    expect(macEvidenceFor(matcher, null)).toBeNull();
  });

  it("matches EZVIZ and Imou prefixes to their parents", () => {
    expect(matcher("Hangzhou Ezviz Software Co.,Ltd.")?.producerName).toBe("Hikvision");
    expect(matcher("Hangzhou Huacheng Network Technology Co.,Ltd")?.producerName).toBe("Dahua");
  });
});
