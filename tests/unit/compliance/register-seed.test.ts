import { describe, expect, it } from "vitest";
import { buildBrandIndex, isIsoDate, REGISTER_SEED, resolveBrand } from "@/lib/compliance";
import { PUBLIC_SOURCES } from "@/lib/compliance/register-seed";

const byId = new Map(REGISTER_SEED.map((e) => [e.producerId, e]));
const index = buildBrandIndex(REGISTER_SEED);

describe("REGISTER_SEED", () => {
  it("has unique producer ids", () => {
    expect(byId.size).toBe(REGISTER_SEED.length);
  });

  it.each([
    ["covered", ["hikvision", "dahua", "uniview", "hytera", "huawei", "tiandy", "kedacom", "sunell"], true, "HIGH"],
    ["ambiguous", ["tp-link-vigi", "reolink", "milesight", "xiongmai", "tvt", "jovision"], false, "LOW"],
    ["not covered", ["axis", "bosch", "hanwha-vision", "i-pro", "avigilon", "vivotek", "mobotix"], false, "HIGH"],
  ] as const)("lists the %s producers of DOMAIN.md §4", (_group, ids, covered, confidence) => {
    for (const id of ids) expect(byId.get(id)).toMatchObject({ covered, confidence });
  });

  it("cites a public document for every entry, never an internal file", () => {
    const titles = Object.values(PUBLIC_SOURCES).map((p) => p.title);
    for (const e of REGISTER_SEED) {
      expect(titles).toContain(e.source);
      expect(e.source).not.toMatch(/\.md\b|§/);
    }
    for (const p of Object.values(PUBLIC_SOURCES)) expect(p.url).toMatch(/^https:\/\/[a-z.-]+\.(gov|uk)\//);
    for (const id of ["hikvision", "dahua", "hytera", "huawei"]) expect(byId.get(id)?.source).toContain("the Covered List");
    expect(byId.get("uniview")?.source).toContain("HCWS386");
  });

  it.each([
    ["hikvision", "HiLook", "HIGH"],
    ["hikvision", "HiWatch", "HIGH"],
    ["hikvision", "EZVIZ", "HIGH"],
    ["hikvision", "Hikmicro", "MEDIUM"],
    ["hikvision", "Prama Hikvision", "HIGH"],
    ["hikvision", "LTS", "MEDIUM"],
    ["hikvision", "Annke", "LOW"],
    ["hikvision", "LaView", "LOW"],
    ["hikvision", "Interlogix TruVision", "LOW"],
    ["dahua", "Imou", "MEDIUM"],
    ["dahua", "Amcrest", "MEDIUM"],
    ["dahua", "Loryta", "MEDIUM"],
    ["dahua", "IndigoVision", "MEDIUM"],
    ["dahua", "Lorex", "HIGH"],
    ["hanwha-vision", "Wisenet", undefined],
  ] as const)("%s carries %s at %s confidence", (id, brand, confidence) => {
    const b = byId.get(id)?.brands.find((x) => x.name === brand);
    expect(b).toBeDefined();
    expect(b?.confidence).toBe(confidence);
  });

  it("dates the brands that changed hands", () => {
    const dahua = byId.get("dahua");
    expect(dahua?.brands.find((b) => b.name === "IndigoVision")?.validUntil).toBe("2021-04-30");
    expect(dahua?.brands.find((b) => b.name === "Lorex")?.validUntil).toBe("2023-12-31");
    for (const e of REGISTER_SEED) for (const b of e.brands) if (b.validUntil != null) expect(isIsoDate(b.validUntil)).toBe(true);
  });

  it("aliases Samsung Techwin and Wisenet to Hanwha Vision", () => {
    expect(resolveBrand(index, "Samsung Techwin").producerId).toBe("hanwha-vision");
    expect(resolveBrand(index, "Wisenet").producerId).toBe("hanwha-vision");
  });

  it("resolves every brand and alias it lists to its own producer", () => {
    for (const e of REGISTER_SEED) {
      for (const b of e.brands) {
        for (const name of [b.name, ...b.aliases]) {
          const r = resolveBrand(index, name, null, "2020-01-01");
          expect(r.producerId, name).toBe(e.producerId);
          expect(r.matchedBy, name).toBe("BRAND");
        }
      }
    }
  });

  it("resolves every model prefix to its own producer", () => {
    for (const e of REGISTER_SEED) {
      for (const p of e.modelPrefixes) {
        expect(resolveBrand(index, "", `${p.prefix}1234`, "2020-01-01").producerId, p.prefix).toBe(e.producerId);
      }
    }
  });

  it("gives the OUI owner patterns of DOMAIN.md §5", () => {
    expect(byId.get("hikvision")?.ouiOwnerPatterns).toEqual(["hikvision", "ezviz"]);
    expect(byId.get("dahua")?.ouiOwnerPatterns).toEqual(["dahua technology", "dahua zhilian", "zhejiang dahua technologyco", "huacheng network"]);
    for (const id of ["uniview", "hytera", "tiandy", "sunell"]) expect(byId.get(id)?.ouiOwnerPatterns).toEqual([id]);
    for (const e of REGISTER_SEED) if (!e.covered) expect(e.ouiOwnerPatterns ?? []).toEqual([]);
  });
});
