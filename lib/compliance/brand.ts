import { formatLongDate, isIsoDate } from "./dates";
import type { Producer } from "./types";

/**
 * Producer register resolution (DOMAIN.md §4): a label's brand, and the model number where known,
 * resolve to the company that really produced the equipment. The register is passed in as data so
 * that the database, the seed and tests can all drive the same logic.
 */

export type Confidence = "HIGH" | "MEDIUM" | "LOW";

export interface RegisterBrand {
  name: string;
  aliases: string[];
  /** How sure we are that the brand is this producer's; defaults to the entry's confidence. */
  confidence?: Confidence;
  /** The last day the brand belonged to this producer (a sale or a change of OEM), or null. */
  validUntil?: string | null;
  /** Short qualifier shown in review notes, e.g. "OEM". */
  note?: string;
}

export interface ModelPrefix {
  prefix: string;
  /** The brand whose numbering this is, for the resolution's brand name. */
  brand?: string;
  /** Generic prefixes (such as "NVR") are only a hint and get LOW. */
  confidence?: Confidence;
}

export interface RegisterEntry {
  producerId: string;
  producerName: string;
  /** Subject to the National Intelligence Law of the PRC. */
  covered: boolean;
  /** How sure we are of `covered`; LOW means "ambiguous: review", and resolves to UNKNOWN. */
  confidence: Confidence;
  source: string;
  /** Short qualifier shown in review notes, e.g. "ambiguous ownership". */
  note?: string;
  brands: RegisterBrand[];
  modelPrefixes: ModelPrefix[];
  /** Case-insensitive substrings of IEEE registry owner names (see oui-owner.ts). */
  ouiOwnerPatterns?: string[];
}

export type MatchedBy = "BRAND" | "LABEL" | "MODEL";

export interface BrandResolution {
  producer: Producer;
  /** For an UNKNOWN result this names the suspected producer, if any, for the reviewer. */
  producerId: string | null;
  producerName: string | null;
  confidence: Confidence | null;
  /** The register's name for the brand that matched. */
  brand: string | null;
  matchedBy: MatchedBy | null;
  note: string | null;
}

interface Candidate {
  readonly entry: RegisterEntry;
  readonly brandName: string;
  readonly confidence: Confidence;
  readonly validUntil: string | null;
  readonly note: string | null;
}

interface PrefixCandidate extends Candidate {
  readonly prefix: string;
  readonly key: string;
}

export interface BrandIndex {
  readonly byKey: ReadonlyMap<string, readonly Candidate[]>;
  /** Keys longest first, so a compound label is matched on its most specific name. */
  readonly keysByLength: readonly string[];
  readonly prefixesByLength: readonly (readonly PrefixCandidate[])[];
  /** Register problems found while indexing, e.g. a brand listed under two producers. */
  readonly problems: readonly string[];
}

const CONFIDENCE_RANK: Record<Confidence, number> = { LOW: 0, MEDIUM: 1, HIGH: 2 };

function weaker(a: Confidence, b: Confidence | undefined): Confidence {
  return b === undefined || CONFIDENCE_RANK[a] <= CONFIDENCE_RANK[b] ? a : b;
}

/** "HIKVISION", "Hik-Vision", " hik vision " → "hikvision"; letters of any script are kept. */
export function normaliseBrand(s: string): string {
  return s
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, "");
}

/** Shorter model prefixes would match too many models to mean anything. */
export const MIN_MODEL_PREFIX_LENGTH = 2;

/** A model number or prefix as the register compares them: letters and numbers, upper case. */
export function normaliseModel(s: string): string {
  return normaliseBrand(s).toUpperCase();
}

function distinctProducers(cands: readonly Candidate[]): RegisterEntry[] {
  const seen = new Map<string, RegisterEntry>();
  for (const c of cands) seen.set(c.entry.producerId, c.entry);
  return [...seen.values()];
}

// Code-unit order, not the machine's locale, so the index is the same everywhere.
function longestFirst(a: string, b: string): number {
  return b.length - a.length || (a < b ? -1 : a > b ? 1 : 0);
}

export function buildBrandIndex(entries: readonly RegisterEntry[]): BrandIndex {
  const byKey = new Map<string, Candidate[]>();
  const problems: string[] = [];
  const add = (key: string, cand: Candidate, explicit: boolean) => {
    if (key === "") return;
    const list = byKey.get(key) ?? [];
    const same = list.findIndex((c) => c.entry.producerId === cand.entry.producerId);
    // A brand named like its producer is more specific than the implicit producer-name key.
    if (same >= 0) {
      if (explicit) list[same] = cand;
      return;
    }
    if (list.length > 0) {
      problems.push(`"${cand.brandName}" is listed under more than one producer: ${[...list, cand].map((c) => c.entry.producerName).join(", ")}.`);
    }
    list.push(cand);
    byKey.set(key, list);
  };
  const prefixes = new Map<string, PrefixCandidate[]>();
  for (const entry of entries) {
    add(normaliseBrand(entry.producerName), {
      entry,
      brandName: entry.producerName,
      confidence: entry.confidence,
      validUntil: null,
      note: entry.note ?? null,
    }, false);
    for (const b of entry.brands) {
      const cand: Candidate = {
        entry,
        brandName: b.name,
        confidence: weaker(entry.confidence, b.confidence),
        validUntil: b.validUntil ?? null,
        note: b.note ?? entry.note ?? null,
      };
      for (const name of [b.name, ...b.aliases]) add(normaliseBrand(name), cand, true);
    }
    for (const p of entry.modelPrefixes) {
      const key = normaliseModel(p.prefix);
      if (key.length < MIN_MODEL_PREFIX_LENGTH) {
        problems.push(`Model prefix "${p.prefix}" of ${entry.producerName} is too short to be meaningful.`);
        continue;
      }
      const brand = entry.brands.find((b) => b.name === p.brand);
      const list = prefixes.get(key) ?? [];
      if (list.some((c) => c.entry.producerId !== entry.producerId)) {
        problems.push(`Model prefix "${p.prefix}" is listed under more than one producer.`);
      }
      list.push({
        entry,
        brandName: brand?.name ?? p.brand ?? entry.producerName,
        confidence: weaker(weaker(entry.confidence, brand?.confidence), p.confidence),
        validUntil: brand?.validUntil ?? null,
        note: brand?.note ?? entry.note ?? null,
        prefix: p.prefix,
        key,
      });
      prefixes.set(key, list);
    }
  }
  const keysByLength = [...byKey.keys()].sort(longestFirst);
  const prefixesByLength = [...prefixes.entries()]
    .sort(([a], [b]) => longestFirst(a, b))
    .map(([, list]) => list);
  return { byKey, keysByLength, prefixesByLength, problems };
}

function unknown(note: string, suspect: Candidate | null = null, matchedBy: MatchedBy | null = null): BrandResolution {
  return {
    producer: "UNKNOWN",
    producerId: suspect?.entry.producerId ?? null,
    producerName: suspect?.entry.producerName ?? null,
    confidence: suspect?.confidence ?? null,
    brand: suspect?.brandName ?? null,
    matchedBy,
    note,
  };
}

function ambiguous(label: string, cands: readonly Candidate[], matchedBy: MatchedBy): BrandResolution {
  const names = distinctProducers(cands).map((e) => e.producerName).join(", ");
  return unknown(`"${label}" could be more than one producer (${names}): check the label.`, null, matchedBy);
}

function fromCandidate(c: Candidate, matchedBy: MatchedBy, madeOn: string | null | undefined): BrandResolution {
  const producerName = c.entry.producerName;
  if (c.validUntil !== null) {
    const until = formatLongDate(c.validUntil);
    if (madeOn == null || !isIsoDate(madeOn)) {
      return unknown(`${c.brandName} was a ${producerName} brand until ${until}: check the manufacture date.`, c, matchedBy);
    }
    if (madeOn > c.validUntil) {
      return unknown(`${c.brandName} was made after ${until}, when it stopped being a ${producerName} brand; its producer since then is not in the register.`, c, matchedBy);
    }
  }
  if (c.confidence === "LOW") {
    const qualifier = c.note === null ? "" : ` (${c.note})`;
    return unknown(`Low-confidence match to ${producerName}${qualifier}: check the label.`, c, matchedBy);
  }
  return {
    producer: c.entry.covered ? "COVERED" : "NOT_COVERED",
    producerId: c.entry.producerId,
    producerName,
    confidence: c.confidence,
    brand: c.brandName,
    matchedBy,
    note: null,
  };
}

/** Longest label span that matches a register name, as word indices [start, end). */
interface Span {
  readonly start: number;
  readonly end: number;
  readonly key: string;
}

/**
 * Finds register names inside a compound label such as "HiLook by Hikvision". Names must line up
 * with the label's words (a name may span several, as in "Hik Vision"), so that "Keda" is not
 * found in "Skedaddle" nor "LTS" in "Voltsmart"; longer names are taken first and a shorter name
 * inside one already taken is the same mention, not a second brand.
 */
function labelMatches(index: BrandIndex, raw: string): Candidate[] {
  const words = raw
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== "");
  const spans: Span[] = [];
  for (let start = 0; start < words.length; start++) {
    let key = "";
    for (let end = start + 1; end <= words.length; end++) {
      key += words[end - 1];
      if (index.byKey.has(key)) spans.push({ start, end, key });
    }
  }
  spans.sort((x, y) => longestFirst(x.key, y.key));
  const taken: Span[] = [];
  const found: Candidate[] = [];
  for (const s of spans) {
    if (taken.some((t) => s.start < t.end && t.start < s.end)) continue;
    taken.push(s);
    found.push(...(index.byKey.get(s.key) ?? []));
  }
  return found;
}

function modelMatch(index: BrandIndex, model: string | null | undefined): readonly PrefixCandidate[] | null {
  if (model == null) return null;
  const key = normaliseModel(model);
  if (key === "") return null;
  for (const list of index.prefixesByLength) {
    if (list[0] !== undefined && key.startsWith(list[0].key)) return list;
  }
  return null;
}

/**
 * Resolves a label to a producer. Low-confidence, ambiguous and time-limited matches come back
 * UNKNOWN with a note for the reviewer: the register must never make equipment look compliant on
 * a guess. `madeOn` (manufacture date) decides brands that changed hands, such as Lorex.
 */
export function resolveBrand(
  index: BrandIndex,
  brand: string | null | undefined,
  model?: string | null,
  madeOn?: string | null,
): BrandResolution {
  const raw = brand ?? "";
  const key = normaliseBrand(raw);
  let byBrand: BrandResolution | null = null;
  if (key !== "") {
    const exact = index.byKey.get(key);
    const cands = exact ?? labelMatches(index, raw);
    const producers = distinctProducers(cands);
    if (producers.length > 1) return ambiguous(raw.trim(), cands, exact ? "BRAND" : "LABEL");
    const first = cands[0];
    if (first !== undefined) byBrand = fromCandidate(first, exact ? "BRAND" : "LABEL", madeOn);
  }
  const byModel = modelMatch(index, model);
  if (byBrand !== null) {
    // A non-covered brand on a covered producer's model numbering is a classic white label.
    const covered = byModel?.find((c) => c.entry.covered && c.confidence !== "LOW");
    if (byBrand.producer === "NOT_COVERED" && covered !== undefined) {
      return unknown(
        `The model ${String(model).trim()} follows ${covered.entry.producerName}'s numbering but the brand ${raw.trim()} is not a covered producer: check the label.`,
        covered,
        "MODEL",
      );
    }
    return byBrand;
  }
  if (byModel !== null) {
    if (distinctProducers(byModel).length > 1) return ambiguous(String(model).trim(), byModel, "MODEL");
    const first = byModel[0];
    if (first !== undefined) {
      const r = fromCandidate(first, "MODEL", madeOn);
      const why = `Resolved from the model number ${String(model).trim()} (prefix ${first.prefix})`;
      const brandNote = key === "" ? "" : `; the brand "${raw.trim()}" is not in the producer register`;
      return { ...r, note: r.note ?? `${why}${brandNote}.` };
    }
  }
  if (key === "") return unknown("No brand recorded and the model is not recognised: record the brand on the label.");
  return unknown("Brand not in the producer register.");
}
