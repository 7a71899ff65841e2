import { createRequire } from "node:module";
import { PUBLIC_SOURCES } from "@/lib/compliance/register-seed";
import {
  REGISTER_SEED,
  buildBrandIndex,
  buildOuiOwnerMatcher,
  normaliseBrand,
  ouiOwnerName,
  type MacEvidence,
} from "@/lib/compliance";
import type { Register } from "@/lib/data/evaluation";
import { bulkInsert } from "@/lib/seed/bulk-insert";
import type { PrismaClient } from "@/generated/prisma/client";

const OUI_SOURCE = "IEEE registry (npm oui-data 2.1.9, offline)";

const SOURCE_URLS: ReadonlyMap<string, string> = new Map(Object.values(PUBLIC_SOURCES).map((p) => [p.title, p.url]));

/** Where anyone can read the public document a seeded entry cites. */
export function sourceUrlOf(title: string): string | null {
  return SOURCE_URLS.get(title) ?? null;
}

export interface MacPrefixRow {
  prefix: string;
  owner: string;
  producerId: string;
}

/** The IEEE prefixes whose registered owner is a producer in the register (longest-prefix keys). */
export function registeredMacPrefixes(): MacPrefixRow[] {
  const require = createRequire(import.meta.url);
  const registry = require("oui-data") as Record<string, string>;
  const matcher = buildOuiOwnerMatcher(REGISTER_SEED);
  const rows: MacPrefixRow[] = [];
  for (const [prefix, record] of Object.entries(registry)) {
    const match = matcher(record);
    if (match) rows.push({ prefix: prefix.toUpperCase(), owner: ouiOwnerName(record), producerId: match.producerId });
  }
  return rows.sort((a, b) => a.prefix.localeCompare(b.prefix));
}

/** The same register the database will hold, in memory, for reconstructing history. */
export function seedRegister(macRows: readonly MacPrefixRow[]): Register {
  const names = new Map(REGISTER_SEED.map((e) => [e.producerId, e] as const));
  const macPrefixes = new Map<string, MacEvidence>();
  for (const m of macRows) {
    const entry = names.get(m.producerId);
    if (entry?.covered) macPrefixes.set(m.prefix, { owner: m.owner, producerName: entry.producerName });
  }
  return { brands: buildBrandIndex(REGISTER_SEED), macPrefixes };
}

export async function insertRegister(db: PrismaClient, macRows: readonly MacPrefixRow[]): Promise<void> {
  const ids = new Map<string, number>();
  REGISTER_SEED.forEach((e, i) => ids.set(e.producerId, i + 1));
  await bulkInsert(db, "producers", [
    { name: "id", type: "int", value: (e) => ids.get(e.producerId) },
    { name: "slug", type: "text", value: (e) => e.producerId },
    { name: "name", type: "text", value: (e) => e.producerName },
    { name: "covered", type: "bool", value: (e) => e.covered },
    { name: "confidence", type: '"Confidence"', value: (e) => e.confidence },
    { name: "source", type: "text", value: (e) => e.source },
    { name: "source_url", type: "text", value: (e) => sourceUrlOf(e.source) },
    { name: "notes", type: "text", value: (e) => e.note ?? null },
    { name: "updated_at", type: "timestamp", value: () => "2022-11-24T00:00:00Z" },
  ], REGISTER_SEED);

  const brands = REGISTER_SEED.flatMap((e) =>
    e.brands.map((b) => ({ e, b, normalised: normaliseBrand(b.name) })),
  );
  await bulkInsert(db, "brands", [
    { name: "producer_id", type: "int", value: (r) => ids.get(r.e.producerId) },
    { name: "name", type: "text", value: (r) => r.b.name },
    { name: "normalised", type: "text", value: (r) => r.normalised },
    // Aliases travel as one text per brand (unnest cannot take ragged arrays) and are split back.
    { name: "aliases", type: "text", value: (r) => `{${r.b.aliases.map((a) => `"${a.replace(/(["\\])/g, "\\$1")}"`).join(",")}}`, castTo: "text[]" },
    { name: "confidence", type: '"Confidence"', value: (r) => r.b.confidence ?? r.e.confidence },
    { name: "valid_until", type: "date", value: (r) => r.b.validUntil ?? null },
    { name: "source", type: "text", value: (r) => r.e.source },
    { name: "source_url", type: "text", value: (r) => sourceUrlOf(r.e.source) },
    { name: "notes", type: "text", value: (r) => r.b.note ?? null },
  ], brands);

  const seen = new Set<string>();
  const prefixes = REGISTER_SEED.flatMap((e) => e.modelPrefixes.map((m) => ({ e, m }))).filter(({ m }) => {
    const key = m.prefix.toUpperCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  await bulkInsert(db, "model_prefixes", [
    { name: "producer_id", type: "int", value: (r) => ids.get(r.e.producerId) },
    { name: "prefix", type: "text", value: (r) => r.m.prefix },
    { name: "brand", type: "text", value: (r) => r.m.brand ?? null },
    { name: "confidence", type: '"Confidence"', value: (r) => r.m.confidence ?? null },
  ], prefixes);

  await bulkInsert(db, "mac_prefixes", [
    { name: "producer_id", type: "int", value: (r) => ids.get(r.producerId) },
    { name: "prefix", type: "text", value: (r) => r.prefix },
    { name: "owner", type: "text", value: (r) => r.owner },
    { name: "source", type: "text", value: () => OUI_SOURCE },
  ], macRows);
}
