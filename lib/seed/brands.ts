import type { Random } from "@/lib/seed/random";

// Labels as estates teams type them: real spellings, with the variants a register must forgive.
export const NOT_COVERED_LABELS: readonly (readonly [string, number])[] = [
  ["Axis", 28], ["AXIS Communications", 3], ["Bosch", 14], ["Hanwha Vision", 10], ["Wisenet", 4],
  ["i-PRO", 6], ["Panasonic i-PRO", 2], ["Avigilon", 8], ["Vivotek", 5], ["Mobotix", 3],
];
export const COVERED_LABELS: readonly (readonly [string, number])[] = [
  ["Hikvision", 50], ["HIKVISION", 6], ["Hik-Vision", 2], ["HiLook", 5], ["HiLook by Hikvision", 2],
  ["HiWatch", 3], ["EZVIZ", 2], ["Dahua", 20], ["DAHUA", 3], ["Uniview", 4], ["Uniarch", 1],
  ["Tiandy", 1], ["Hytera", 1],
];
export const UNKNOWN_LABELS: readonly (readonly [string, number])[] = [
  ["Reolink", 4], ["TP-Link VIGI", 3], ["Annke", 2], ["Milesight", 2], ["Unbranded", 3],
  ["Generic IP camera", 2], ["Xiongmai", 1], ["TVT", 1],
];

const MODELS: Record<string, readonly string[]> = {
  axis: ["P3245-LVE", "M3085-V", "Q6075-E", "P1455-LE", "M2036-LE"],
  bosch: ["NDE-3503-AL", "FLEXIDOME IP 5000i", "NDE-5704-AL", "DINION 5100i"],
  hanwha: ["XNV-6081Z", "QNV-8080R", "PNM-9000VQ", "XND-8081RV"],
  wisenet: ["XNV-6081Z", "QND-6012R"],
  ipro: ["WV-S2136L", "WV-X2571L", "WV-S1536LN"],
  avigilon: ["2.0C-H5A-DO1", "5.0C-H5A-BO2", "H5A-BO-IR"],
  vivotek: ["FD9387-EHTV", "IB9389-EHT", "FE9391-EV"],
  mobotix: ["M16B", "Q71", "S74"],
  hik: ["DS-2CD2143G2-I", "DS-2CD2047G2-LU", "DS-7608NI-K2", "DS-2DE4425IW-DE", "DS-9632NI-I16"],
  dahua: ["IPC-HDW2431T-AS", "IPC-HFW2431S-S", "NVR4216-16P-4KS2", "DH-SD49425XB-HNR"],
  uniview: ["IPC322LB-SF28", "NVR301-08S3", "IPC3614SR3-ADF28"],
  other: ["RLC-810A", "C540-W", "AC-4MP", "NVR-16", "IPC-4MP"],
};

export function modelFor(rng: Random, label: string): string | null {
  const l = label.toLowerCase();
  const key = l.includes("axis")
    ? "axis"
    : l.includes("bosch")
      ? "bosch"
      : l.includes("wisenet")
        ? "wisenet"
        : l.includes("hanwha")
          ? "hanwha"
          : l.includes("i-pro")
            ? "ipro"
            : l.includes("avigilon")
              ? "avigilon"
              : l.includes("vivotek")
                ? "vivotek"
                : l.includes("mobotix")
                  ? "mobotix"
                  : /hik|hilook|hiwatch|ezviz/.test(l)
                    ? "hik"
                    : l.includes("dahua")
                      ? "dahua"
                      : /uniview|uniarch/.test(l)
                        ? "uniview"
                        : "other";
  return rng.chance(0.92) ? rng.pick(MODELS[key] ?? MODELS.other!) : null;
}

// Registered OUIs (IEEE) for the labels we generate, so MAC evidence agrees with the label.
const OUIS: Record<string, readonly string[]> = {
  hik: ["4447CC", "C056E3", "BCAD28", "8CE748", "A41437"],
  dahua: ["3CEF8C", "9002A9", "E0508B", "4C11BF"],
  axis: ["00408C", "ACCC8E", "B8A44F"],
  bosch: ["000463", "00075F"],
  hanwha: ["000918"],
  other: ["001B21", "F4F5D8", "5CCF7F", "28FF3E"],
};

export function macFor(rng: Random, label: string): string {
  const l = label.toLowerCase();
  const key = /hik|hilook|hiwatch|ezviz/.test(l)
    ? "hik"
    : l.includes("dahua")
      ? "dahua"
      : l.includes("axis")
        ? "axis"
        : l.includes("bosch")
          ? "bosch"
          : /hanwha|wisenet/.test(l)
            ? "hanwha"
            : "other";
  return rng.pick(OUIS[key]!) + rng.hex(6);
}

/** A Hikvision-registered MAC, for the OEM relabels that MAC evidence should catch. */
export function coveredMac(rng: Random): string {
  return rng.pick(OUIS.hik!) + rng.hex(6);
}
