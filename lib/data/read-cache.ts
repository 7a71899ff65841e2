// A read-through cache for figures that are expensive to gather and read often (the dashboard under
// a meeting's worth of refreshes), keyed by the database's own MVCC snapshot.
//
// pg_current_snapshot() names exactly which transactions are visible: it changes when any write
// transaction starts or commits, and stays the same while nothing is written. Equal snapshot text
// therefore means the figures would be read from identical data, so a cached copy is exactly what
// a fresh read would return. No time-to-live, no stale figures after an edit, nothing to invalidate
// by hand. The snapshot is read before the figures, so a copy is never older than its key.
// No "server-only" marker: the benchmarks use this too.
import type { PrismaClient } from "@/generated/prisma/client";
import { poolOf } from "@/lib/db-client";

const MAX_ENTRIES = 32;

interface Entry {
  state: string;
  value: Promise<unknown>;
}

// Kept per client, so two databases (a script talking to two servers) never share figures.
const caches = new WeakMap<object, Map<string, Entry>>();
const allCaches = new Set<Map<string, Entry>>();

/**
 * The database's current MVCC snapshot, as text (xmin:xmax:in-progress ids). Asked on every
 * dashboard request, so straight through the pool rather than through Prisma's query engine.
 */
export async function databaseState(client: PrismaClient): Promise<string> {
  const result = await poolOf(client).query<{ s: string }>(`SELECT pg_current_snapshot()::text AS s`);
  return result.rows[0]?.s ?? "";
}

/** Freezes what the cache hands out, so no caller can change another caller's copy. */
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/**
 * Returns `load()`'s result, reusing the last one for `key` while the database is unchanged.
 * Concurrent callers with the same key and state share one load. Failures are not kept.
 */
export async function cachedWhileUnchanged<T>(
  client: PrismaClient,
  key: string,
  load: () => Promise<T>,
): Promise<T> {
  let entries = caches.get(client);
  if (!entries) {
    entries = new Map();
    caches.set(client, entries);
    allCaches.add(entries);
  }
  const state = await databaseState(client);
  const hit = entries.get(key);
  if (hit && hit.state === state) {
    // Most recently used last, so the oldest entry is the first to go.
    entries.delete(key);
    entries.set(key, hit);
    return hit.value as Promise<T>;
  }
  const value = load().then(deepFreeze);
  const entry: Entry = { state, value };
  entries.set(key, entry);
  value.catch(() => {
    if (entries.get(key) === entry) entries.delete(key);
  });
  while (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value!);
  return value;
}

/** Part of a cache key: the organisations an actor's figures cover. */
export function scopeKey(scope: { all: true } | { all: false; organisationIds: readonly number[] }): string {
  return scope.all ? "all" : scope.organisationIds.join(",");
}

/** Forgets everything (for tests that compare a cached read with a fresh one). */
export function clearReadCache(): void {
  for (const entries of allCaches) entries.clear();
}
