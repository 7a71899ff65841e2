import type { RegisterEntry } from "./brand";

/**
 * Seed of the producer register (DOMAIN.md §4). Each entry cites a public document
 * (PUBLIC_SOURCES), never an internal file. Covered means subject to the PRC National
 * Intelligence Law. Confidence is how sure the register is of the attribution: LOW always
 * resolves to UNKNOWN with a review note, which is how ambiguous producers are modelled.
 * Model prefixes are a producer's published numbering; generic ones are LOW so they only hint.
 */

/** The public documents the seeded entries rest on: a title anyone can look up, and its address. */
export const PUBLIC_SOURCES = {
  /** Names Hikvision, Dahua, Hytera and Huawei, with their subsidiaries and affiliates. */
  fccCoveredList: {
    title: "Federal Communications Commission: List of Equipment and Services Covered By Section 2 of The Secure Networks Act (the Covered List)",
    url: "https://www.fcc.gov/supplychain/coveredlist",
  },
  /** The directive itself: equipment of companies subject to the PRC National Intelligence Law. */
  hcws386: {
    title: "Written Ministerial Statement HCWS386, Security of Government Sites, 24 November 2022",
    url: "https://questions-statements.parliament.uk/written-statements/detail/2022-11-24/hcws386",
  },
} as const satisfies Record<string, { title: string; url: string }>;

const COVERED_US = PUBLIC_SOURCES.fccCoveredList.title;
const COVERED_PRC = PUBLIC_SOURCES.hcws386.title;
const AMBIGUOUS = PUBLIC_SOURCES.hcws386.title;
const NOT_COVERED = PUBLIC_SOURCES.hcws386.title;

export const REGISTER_SEED: readonly RegisterEntry[] = [
  {
    producerId: "hikvision",
    producerName: "Hikvision",
    covered: true,
    confidence: "HIGH",
    source: COVERED_US,
    brands: [
      {
        name: "Hikvision",
        aliases: ["Hik Vision", "Hangzhou Hikvision", "Hangzhou Hikvision Digital Technology", "Hikvision Digital Technology", "海康威视"],
      },
      { name: "HiLook", aliases: ["HiLook by Hikvision"], confidence: "HIGH" },
      { name: "HiWatch", aliases: ["HiWatch by Hikvision"], confidence: "HIGH" },
      { name: "EZVIZ", aliases: ["Ezviz Software", "Hangzhou Ezviz"], confidence: "HIGH", note: "listed subsidiary" },
      { name: "Hikmicro", aliases: ["Hik Micro", "Hikmicro Sensing"], confidence: "MEDIUM" },
      { name: "Prama Hikvision", aliases: ["Prama Hikvision India"], confidence: "HIGH" },
      { name: "LTS", aliases: ["LT Security"], confidence: "MEDIUM", note: "OEM" },
      { name: "Annke", aliases: [], confidence: "LOW", note: "OEM" },
      { name: "LaView", aliases: ["La View"], confidence: "LOW", note: "OEM" },
      { name: "Interlogix TruVision", aliases: ["TruVision", "Interlogix"], confidence: "LOW", note: "OEM" },
    ],
    modelPrefixes: [
      { prefix: "DS-2CD", brand: "Hikvision" },
      { prefix: "DS-2DE", brand: "Hikvision" },
      { prefix: "DS-2CE", brand: "Hikvision" },
      { prefix: "DS-7", brand: "Hikvision" },
      { prefix: "DS-9", brand: "Hikvision" },
      { prefix: "IDS-", brand: "Hikvision" },
      { prefix: "CS-C", brand: "EZVIZ", confidence: "MEDIUM" },
    ],
    ouiOwnerPatterns: ["hikvision", "ezviz"],
  },
  {
    producerId: "dahua",
    producerName: "Dahua",
    covered: true,
    confidence: "HIGH",
    source: COVERED_US,
    brands: [
      { name: "Dahua", aliases: ["Dahua Technology", "Zhejiang Dahua", "Zhejiang Dahua Technology", "Dahua Security", "大华"] },
      { name: "Imou", aliases: ["Hangzhou Huacheng", "Huacheng Network"], confidence: "MEDIUM", note: "Hangzhou Huacheng" },
      { name: "Amcrest", aliases: [], confidence: "MEDIUM", note: "OEM" },
      { name: "Loryta", aliases: ["Empiretech", "Loryta Empiretech"], confidence: "MEDIUM", note: "OEM" },
      // Ownership ended in April 2021, so older IndigoVision kit is judged by manufacture date.
      { name: "IndigoVision", aliases: ["Indigo Vision"], confidence: "MEDIUM", validUntil: "2021-04-30" },
      // Sold to Skywatch in 2023: a Lorex is Dahua-made only if manufactured before the sale.
      { name: "Lorex", aliases: ["Lorex Technology"], confidence: "HIGH", validUntil: "2023-12-31", note: "sold to Skywatch in 2023" },
    ],
    modelPrefixes: [
      { prefix: "IPC-HDW", brand: "Dahua" },
      { prefix: "IPC-HFW", brand: "Dahua" },
      { prefix: "IPC-HDBW", brand: "Dahua" },
      { prefix: "SD49", brand: "Dahua", confidence: "MEDIUM" },
      { prefix: "DH-", brand: "Dahua" },
      { prefix: "IP4M-", brand: "Amcrest" },
      { prefix: "IP8M-", brand: "Amcrest" },
      // Many producers number recorders "NVR…"/"XVR…": a hint for review, never a classification.
      { prefix: "NVR", brand: "Dahua", confidence: "LOW" },
      { prefix: "XVR", brand: "Dahua", confidence: "LOW" },
    ],
    ouiOwnerPatterns: ["dahua technology", "dahua zhilian", "zhejiang dahua technologyco", "huacheng network"],
  },
  {
    producerId: "uniview",
    producerName: "Uniview",
    covered: true,
    confidence: "HIGH",
    source: COVERED_PRC,
    brands: [
      { name: "Uniview", aliases: ["UNV", "Zhejiang Uniview", "Zhejiang Uniview Technologies"] },
      { name: "Uniarch", aliases: ["Uniarch by Uniview"] },
    ],
    modelPrefixes: [
      { prefix: "IPC32", brand: "Uniview" },
      { prefix: "IPC36", brand: "Uniview" },
      { prefix: "NVR30", brand: "Uniview" },
    ],
    ouiOwnerPatterns: ["uniview"],
  },
  {
    producerId: "hytera",
    producerName: "Hytera",
    covered: true,
    confidence: "HIGH",
    source: COVERED_US,
    brands: [{ name: "Hytera", aliases: ["Hytera Communications"] }],
    modelPrefixes: [],
    ouiOwnerPatterns: ["hytera"],
  },
  {
    producerId: "huawei",
    producerName: "Huawei/HiSilicon",
    covered: true,
    confidence: "HIGH",
    source: COVERED_US,
    brands: [
      { name: "Huawei", aliases: ["Huawei Technologies", "华为"] },
      { name: "HoloSens", aliases: ["Huawei HoloSens"] },
      // HiSilicon makes chips: its name on another brand's camera is informational, not an attribution.
      { name: "HiSilicon", aliases: ["HiSilicon Technologies"], confidence: "LOW", note: "chip maker" },
    ],
    modelPrefixes: [],
    // Deliberately none: Huawei's many prefixes are mostly network modules in other makers' kit.
  },
  {
    producerId: "tiandy",
    producerName: "Tiandy",
    covered: true,
    confidence: "HIGH",
    source: COVERED_PRC,
    brands: [{ name: "Tiandy", aliases: ["Tiandy Technologies"] }],
    modelPrefixes: [{ prefix: "TC-C", brand: "Tiandy", confidence: "MEDIUM" }],
    ouiOwnerPatterns: ["tiandy"],
  },
  {
    producerId: "kedacom",
    producerName: "Kedacom",
    covered: true,
    confidence: "HIGH",
    source: COVERED_PRC,
    brands: [{ name: "Kedacom", aliases: ["Suzhou Keda", "Suzhou Keda Technology", "Keda"] }],
    modelPrefixes: [],
    ouiOwnerPatterns: ["suzhou keda technology"],
  },
  {
    producerId: "sunell",
    producerName: "Sunell",
    covered: true,
    confidence: "HIGH",
    source: COVERED_PRC,
    brands: [{ name: "Sunell", aliases: ["Sunell Electronics"] }],
    modelPrefixes: [{ prefix: "SN-IPR", brand: "Sunell" }],
    ouiOwnerPatterns: ["sunell"],
  },
  {
    producerId: "tp-link-vigi",
    producerName: "TP-Link (VIGI)",
    covered: false,
    confidence: "LOW",
    source: AMBIGUOUS,
    note: "ambiguous: PRC links under review",
    brands: [{ name: "VIGI", aliases: ["TP-Link VIGI", "TP-Link", "Tapo"] }],
    modelPrefixes: [{ prefix: "VIGI C", brand: "VIGI" }],
  },
  {
    producerId: "reolink",
    producerName: "Reolink",
    covered: false,
    confidence: "LOW",
    source: AMBIGUOUS,
    note: "Hong Kong company: review",
    brands: [{ name: "Reolink", aliases: ["Reolink Innovation"] }],
    modelPrefixes: [
      { prefix: "RLC-", brand: "Reolink" },
      { prefix: "RLN", brand: "Reolink" },
    ],
  },
  {
    producerId: "milesight",
    producerName: "Milesight",
    covered: false,
    confidence: "LOW",
    source: AMBIGUOUS,
    note: "Xiamen company: review",
    brands: [{ name: "Milesight", aliases: ["Xiamen Milesight"] }],
    modelPrefixes: [{ prefix: "MS-C", brand: "Milesight" }],
  },
  {
    producerId: "xiongmai",
    producerName: "Xiongmai",
    covered: false,
    confidence: "LOW",
    source: AMBIGUOUS,
    note: "white-label modules: review",
    brands: [{ name: "Xiongmai", aliases: ["Hangzhou Xiongmai", "XMeye", "XM"] }],
    modelPrefixes: [],
  },
  {
    producerId: "tvt",
    producerName: "TVT",
    covered: false,
    confidence: "LOW",
    source: AMBIGUOUS,
    note: "Shenzhen company: review",
    brands: [{ name: "TVT", aliases: ["TVT Digital", "Shenzhen TVT"] }],
    modelPrefixes: [{ prefix: "TD-9", brand: "TVT" }],
  },
  {
    producerId: "jovision",
    producerName: "Jovision",
    covered: false,
    confidence: "LOW",
    source: AMBIGUOUS,
    note: "Jinan company: review",
    brands: [{ name: "Jovision", aliases: ["Jovision Technology", "Jinan Jovision"] }],
    modelPrefixes: [{ prefix: "JVS-", brand: "Jovision" }],
  },
  {
    producerId: "axis",
    producerName: "Axis",
    covered: false,
    confidence: "HIGH",
    source: NOT_COVERED,
    brands: [{ name: "Axis", aliases: ["Axis Communications", "Axis Communications AB"] }],
    modelPrefixes: [
      { prefix: "P32", brand: "Axis" },
      { prefix: "M30", brand: "Axis" },
      { prefix: "Q60", brand: "Axis" },
      { prefix: "Q35", brand: "Axis" },
    ],
  },
  {
    producerId: "bosch",
    producerName: "Bosch",
    covered: false,
    confidence: "HIGH",
    source: NOT_COVERED,
    brands: [{ name: "Bosch", aliases: ["Bosch Security Systems", "Bosch Security"] }],
    modelPrefixes: [
      { prefix: "NDE-", brand: "Bosch" },
      { prefix: "NDI-", brand: "Bosch" },
      { prefix: "FLEXIDOME", brand: "Bosch" },
      { prefix: "AUTODOME", brand: "Bosch" },
      { prefix: "DINION", brand: "Bosch" },
    ],
  },
  {
    producerId: "hanwha-vision",
    producerName: "Hanwha Vision",
    covered: false,
    confidence: "HIGH",
    source: NOT_COVERED,
    brands: [
      { name: "Hanwha Vision", aliases: ["Hanwha", "Hanwha Techwin", "Samsung Techwin"] },
      { name: "Wisenet", aliases: ["Samsung Wisenet"] },
    ],
    modelPrefixes: [
      { prefix: "XNV-", brand: "Wisenet" },
      { prefix: "QNV-", brand: "Wisenet" },
      { prefix: "PNM-", brand: "Wisenet" },
      { prefix: "XNO-", brand: "Wisenet" },
      { prefix: "QNO-", brand: "Wisenet" },
    ],
  },
  {
    producerId: "i-pro",
    producerName: "i-PRO",
    covered: false,
    confidence: "HIGH",
    source: NOT_COVERED,
    brands: [{ name: "i-PRO", aliases: ["i-PRO Co", "Panasonic i-PRO", "Panasonic"] }],
    modelPrefixes: [
      { prefix: "WV-S", brand: "i-PRO" },
      { prefix: "WV-X", brand: "i-PRO" },
    ],
  },
  {
    producerId: "avigilon",
    producerName: "Avigilon",
    covered: false,
    confidence: "HIGH",
    source: NOT_COVERED,
    brands: [{ name: "Avigilon", aliases: ["Avigilon Alta"] }],
    modelPrefixes: [
      { prefix: "H5A-", brand: "Avigilon" },
      { prefix: "H4A-", brand: "Avigilon" },
    ],
  },
  {
    producerId: "vivotek",
    producerName: "Vivotek",
    covered: false,
    confidence: "HIGH",
    source: NOT_COVERED,
    brands: [{ name: "Vivotek", aliases: ["Vivotek Inc"] }],
    modelPrefixes: [
      { prefix: "FD9", brand: "Vivotek" },
      { prefix: "IB9", brand: "Vivotek" },
    ],
  },
  {
    producerId: "mobotix",
    producerName: "Mobotix",
    covered: false,
    confidence: "HIGH",
    source: NOT_COVERED,
    brands: [{ name: "Mobotix", aliases: ["Mobotix AG"] }],
    modelPrefixes: [
      { prefix: "MX-M", brand: "Mobotix" },
      { prefix: "MX-S", brand: "Mobotix" },
    ],
  },
];
