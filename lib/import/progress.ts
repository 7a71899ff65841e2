// Progress of long imports, for the page to poll. Kept in memory on globalThis so every route
// bundle of the one server process sees the same map; entries expire after an hour.
export type ProgressPhase = "reading" | "checking" | "applying" | "done" | "failed";

export interface ImportProgress {
  userId: number;
  phase: ProgressPhase;
  /** Rows handled so far in this phase. */
  done: number;
  /** Rows in the file, once known. */
  total: number | null;
  batchId: string | null;
  updatedAt: number;
}

const TOKEN = /^[A-Za-z0-9_-]{8,64}$/;
const TTL_MS = 60 * 60 * 1000;

const store = ((globalThis as { importProgress?: Map<string, ImportProgress> }).importProgress ??= new Map());

export function isProgressToken(token: unknown): token is string {
  return typeof token === "string" && TOKEN.test(token);
}

export function reportProgress(token: string | null, userId: number, update: Partial<Omit<ImportProgress, "userId" | "updatedAt">>): void {
  if (!token) return;
  const now = Date.now();
  const current = store.get(token);
  if (current && current.userId !== userId) return;
  store.set(token, {
    userId,
    phase: update.phase ?? current?.phase ?? "reading",
    done: update.done ?? current?.done ?? 0,
    total: update.total !== undefined ? update.total : (current?.total ?? null),
    batchId: update.batchId !== undefined ? update.batchId : (current?.batchId ?? null),
    updatedAt: now,
  });
  if (store.size > 1_000) {
    for (const [k, v] of store) if (now - v.updatedAt > TTL_MS) store.delete(k);
  }
}

/** Only the person who started the import can read its progress. */
export function readProgress(token: string, userId: number): ImportProgress | null {
  const p = store.get(token);
  return p && p.userId === userId ? p : null;
}
