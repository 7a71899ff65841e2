import { describe, expect, it } from "vitest";
import { buildBrandIndex, normaliseBrand, REGISTER_SEED, resolveBrand, type RegisterEntry } from "@/lib/compliance";

const index = buildBrandIndex(REGISTER_SEED);
const resolve = (brand: string | null, model?: string | null, madeOn?: string | null) => resolveBrand(index, brand, model, madeOn);

describe("normaliseBrand", () => {
  it.each([
    ["HIKVISION", "hikvision"],
    ["Hik-Vision", "hikvision"],
    ["hik vision", "hikvision"],
    [" hikvision ", "hikvision"],
    ["Hik.Vision!", "hikvision"],
    ["i-PRO", "ipro"],
    ["Señal Vídeo", "senalvideo"],
    ["Mobotix AG", "mobotixag"],
    ["海康威视", "海康威视"],
    ["", ""],
  ])("%j → %j", (raw, normal) => {
    expect(normaliseBrand(raw)).toBe(normal);
  });
});

describe("resolveBrand with the seed register", () => {
  it.each([
    ["HIKVISION", "hikvision", "COVERED"],
    ["Hik-Vision", "hikvision", "COVERED"],
    [" hikvision ", "hikvision", "COVERED"],
    ["HiLook by Hikvision", "hikvision", "COVERED"],
    ["HiWatch", "hikvision", "COVERED"],
    ["EZVIZ", "hikvision", "COVERED"],
    ["Prama Hikvision", "hikvision", "COVERED"],
    ["Hikmicro", "hikvision", "COVERED"],
    ["LTS", "hikvision", "COVERED"],
    ["Dahua", "dahua", "COVERED"],
    ["Imou", "dahua", "COVERED"],
    ["Amcrest", "dahua", "COVERED"],
    ["Empiretech", "dahua", "COVERED"],
    ["UNV", "uniview", "COVERED"],
    ["Uniarch", "uniview", "COVERED"],
    ["Hytera", "hytera", "COVERED"],
    ["Huawei", "huawei", "COVERED"],
    ["Tiandy", "tiandy", "COVERED"],
    ["Kedacom", "kedacom", "COVERED"],
    ["Sunell", "sunell", "COVERED"],
    ["Axis", "axis", "NOT_COVERED"],
    ["Axis Communications", "axis", "NOT_COVERED"],
    ["Bosch", "bosch", "NOT_COVERED"],
    ["Samsung Techwin", "hanwha-vision", "NOT_COVERED"],
    ["Wisenet", "hanwha-vision", "NOT_COVERED"],
    ["Panasonic", "i-pro", "NOT_COVERED"],
    ["Avigilon", "avigilon", "NOT_COVERED"],
    ["Vivotek", "vivotek", "NOT_COVERED"],
    ["MOBOTIX", "mobotix", "NOT_COVERED"],
  ])("%j → %s (%s)", (brand, producerId, producer) => {
    const r = resolve(brand);
    expect(r.producer).toBe(producer);
    expect(r.producerId).toBe(producerId);
    expect(r.note).toBeNull();
  });

  it("reports the register's brand name and how it matched", () => {
    expect(resolve("hi look")).toMatchObject({ brand: "HiLook", producerName: "Hikvision", matchedBy: "BRAND", confidence: "HIGH" });
    expect(resolve("Hikmicro")).toMatchObject({ confidence: "MEDIUM" });
  });

  it("finds a known brand inside a compound label, longest name first", () => {
    expect(resolve("HiLook (a Hikvision brand)")).toMatchObject({ producer: "COVERED", producerId: "hikvision", brand: "Hikvision", matchedBy: "LABEL" });
    expect(resolve("Bosch FLEXIDOME camera")).toMatchObject({ producer: "NOT_COVERED", producerId: "bosch", matchedBy: "LABEL" });
    expect(resolve("Hanwha Vision Co. Ltd")).toMatchObject({ producerId: "hanwha-vision", brand: "Hanwha Vision" });
  });

  it("matches names inside a label only along word boundaries", () => {
    expect(resolve("LTS Platinum")).toMatchObject({ producer: "COVERED", producerId: "hikvision" });
    expect(resolve("Prama Hikvision India Pvt")).toMatchObject({ producer: "COVERED", brand: "Prama Hikvision" });
    expect(resolve("Hik Vision PTZ")).toMatchObject({ producer: "COVERED", brand: "Hikvision" });
    expect(resolve("Hikvision's own")).toMatchObject({ producer: "COVERED", brand: "Hikvision" });
    expect(resolve("Voltsmart")).toMatchObject({ producer: "UNKNOWN", note: "Brand not in the producer register." });
    expect(resolve("Skedaddle Cams")).toMatchObject({ producer: "UNKNOWN", note: "Brand not in the producer register." });
    expect(resolve("Pertaxis Security")).toMatchObject({ producer: "UNKNOWN" });
  });

  it("refuses to choose when a label names producers on both sides", () => {
    const r = resolve("Axis housing with Hikvision camera");
    expect(r.producer).toBe("UNKNOWN");
    expect(r.note).toContain("more than one producer");
    expect(r.note).toContain("Axis");
    expect(r.note).toContain("Hikvision");
  });

  it("gives UNKNOWN for a brand not in the register", () => {
    expect(resolve("Acme")).toEqual({
      producer: "UNKNOWN",
      producerId: null,
      producerName: null,
      confidence: null,
      brand: null,
      matchedBy: null,
      note: "Brand not in the producer register.",
    });
  });

  it.each([
    ["Annke", "Low-confidence match to Hikvision (OEM): check the label."],
    ["LaView", "Low-confidence match to Hikvision (OEM): check the label."],
    ["Interlogix TruVision", "Low-confidence match to Hikvision (OEM): check the label."],
    ["HiSilicon", "Low-confidence match to Huawei/HiSilicon (chip maker): check the label."],
  ])("gives UNKNOWN for low-confidence %j, naming the suspect", (brand, note) => {
    const r = resolve(brand);
    expect(r.producer).toBe("UNKNOWN");
    expect(r.confidence).toBe("LOW");
    expect(r.note).toBe(note);
    expect(r.producerName).not.toBeNull();
  });

  it.each(["TP-Link VIGI", "VIGI", "Reolink", "Milesight", "Xiongmai", "XMeye", "TVT", "Jovision"])(
    "gives UNKNOWN with a review note for ambiguous %j",
    (brand) => {
      const r = resolve(brand);
      expect(r.producer).toBe("UNKNOWN");
      expect(r.note).toMatch(/^Low-confidence match to .+ \(.*review.*\): check the label\.$/);
    },
  );

  describe("model prefixes", () => {
    it.each([
      ["", "DS-2CD2143G2-I", "hikvision", "COVERED"],
      [null, "ds-2cd2143g2-i", "hikvision", "COVERED"],
      ["", "DS-7608NI-K2", "hikvision", "COVERED"],
      ["", "IPC-HDW2431T-AS-S2", "dahua", "COVERED"],
      ["", "DH-IPC-HFW1230S", "dahua", "COVERED"],
      ["", "IPC3234SR3-DVPF28", "uniview", "COVERED"],
      ["", "NVR301-04S", "uniview", "COVERED"],
      ["", "P3265-LVE", "axis", "NOT_COVERED"],
      ["", "XNV-8080R", "hanwha-vision", "NOT_COVERED"],
      ["", "NDE-3502-AL", "bosch", "NOT_COVERED"],
    ])("brand %j with model %s → %s", (brand, model, producerId, producer) => {
      const r = resolve(brand, model);
      expect(r).toMatchObject({ producerId, producer, matchedBy: "MODEL" });
      expect(r.note).toContain(`Resolved from the model number ${model}`);
    });

    it("says so when the brand was unknown but the model was not", () => {
      expect(resolve("Acme", "DS-2CD2143G2-I").note).toBe(
        'Resolved from the model number DS-2CD2143G2-I (prefix DS-2CD); the brand "Acme" is not in the producer register.',
      );
    });

    it("treats a generic recorder prefix as a hint, not a classification", () => {
      const r = resolve("", "NVR4104HS-P-4KS2");
      expect(r.producer).toBe("UNKNOWN");
      expect(r.note).toBe("Low-confidence match to Dahua: check the label.");
    });

    it("flags a non-covered brand on a covered producer's numbering", () => {
      const r = resolve("Bosch", "DS-2CD2143G2-I");
      expect(r.producer).toBe("UNKNOWN");
      expect(r.producerId).toBe("hikvision");
      expect(r.note).toContain("follows Hikvision's numbering but the brand Bosch is not a covered producer");
    });

    it("prefers the brand when the model agrees or is unknown", () => {
      expect(resolve("Hikvision", "DS-2CD2143G2-I")).toMatchObject({ producer: "COVERED", matchedBy: "BRAND" });
      expect(resolve("Axis", "ZZ-9")).toMatchObject({ producer: "NOT_COVERED", matchedBy: "BRAND" });
    });

    it("gives a clear note when neither brand nor model is known", () => {
      expect(resolve("", "ZZ-123").note).toBe("No brand recorded and the model is not recognised: record the brand on the label.");
      expect(resolve(null).producer).toBe("UNKNOWN");
    });
  });

  describe("brands that changed hands", () => {
    it("asks for the manufacture date when it is not known", () => {
      const r = resolve("Lorex");
      expect(r.producer).toBe("UNKNOWN");
      expect(r.producerId).toBe("dahua");
      expect(r.note).toBe("Lorex was a Dahua brand until 31 December 2023: check the manufacture date.");
    });

    it("is covered when made on or before the last day of ownership", () => {
      expect(resolve("Lorex", null, "2023-12-31")).toMatchObject({ producer: "COVERED", producerId: "dahua", note: null });
      expect(resolve("IndigoVision", null, "2021-04-30")).toMatchObject({ producer: "COVERED", confidence: "MEDIUM" });
    });

    it("is unknown when made afterwards: the register does not name the new producer", () => {
      const r = resolve("Lorex", null, "2024-01-01");
      expect(r.producer).toBe("UNKNOWN");
      expect(r.note).toContain("made after 31 December 2023");
      expect(resolve("IndigoVision", null, "2021-05-01").producer).toBe("UNKNOWN");
    });

    it("ignores an unreadable manufacture date rather than guessing", () => {
      expect(resolve("Lorex", null, "2023").producer).toBe("UNKNOWN");
    });
  });
});

describe("buildBrandIndex", () => {
  const entry = (id: string, covered: boolean, brands: RegisterEntry["brands"], modelPrefixes: RegisterEntry["modelPrefixes"] = []): RegisterEntry => ({
    producerId: id,
    producerName: id.toUpperCase(),
    covered,
    confidence: "HIGH",
    source: "test",
    brands,
    modelPrefixes,
  });

  it("reports a brand listed under two producers and resolves it to UNKNOWN", () => {
    const idx = buildBrandIndex([
      entry("alpha", true, [{ name: "Shared", aliases: [] }]),
      entry("beta", false, [{ name: "Shared", aliases: ["SHARED"] }]),
    ]);
    expect(idx.problems).toHaveLength(1);
    expect(idx.problems[0]).toContain("ALPHA, BETA");
    const r = resolveBrand(idx, "shared");
    expect(r.producer).toBe("UNKNOWN");
    expect(r.note).toContain("more than one producer (ALPHA, BETA)");
  });

  it("reports model prefixes that are too short or shared", () => {
    const idx = buildBrandIndex([
      entry("alpha", true, [], [{ prefix: "A" }, { prefix: "AB-1" }]),
      entry("beta", false, [], [{ prefix: "AB1" }]),
    ]);
    expect(idx.problems).toEqual([
      'Model prefix "A" of ALPHA is too short to be meaningful.',
      'Model prefix "AB1" is listed under more than one producer.',
    ]);
    expect(resolveBrand(idx, "", "AB-1000").producer).toBe("UNKNOWN");
  });

  it("reads a shorter name inside a longer one in a label as the same mention", () => {
    const idx = buildBrandIndex([entry("alpha", true, [{ name: "Vision One", aliases: [] }]), entry("beta", false, [{ name: "One", aliases: [] }])]);
    expect(resolveBrand(idx, "Vision One dome")).toMatchObject({ producer: "COVERED", producerId: "alpha", matchedBy: "LABEL" });
    expect(resolveBrand(idx, "One dome")).toMatchObject({ producer: "NOT_COVERED", producerId: "beta" });
  });

  it("takes the weaker of producer and brand confidence", () => {
    const idx = buildBrandIndex([{ ...entry("alpha", true, [{ name: "Sub", aliases: [], confidence: "HIGH" }]), confidence: "MEDIUM" }]);
    expect(resolveBrand(idx, "Sub")).toMatchObject({ producer: "COVERED", confidence: "MEDIUM" });
  });

  it("has no problems with the seed", () => {
    expect(index.problems).toEqual([]);
  });
});
