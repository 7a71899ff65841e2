// Progress of long imports, for the page to poll while its upload is checked or its confirmation
// applied. Against a PostgreSQL server it lives in the database (lib/data/import-progress.ts), so
// whichever server process answers the poll can read it.
//
// Embedded PGlite keeps it in this process's memory instead, chosen by EMBEDDED. There the one
// database session is served through a pool of one connection, and the import's transaction holds
// it: measured, a write issued 300 ms into a 2-second transaction returned only when the
// transaction ended (2,041-2,054 ms), from the same pool or from a second socket connection alike,
// so progress written to the database could not be seen until the import was over. Embedded mode
// always runs exactly one server process, for which memory is correct.
import { databaseProgressStore } from "@/lib/data/import-progress";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { logger } from "@/lib/platform/log";

export type ProgressPhase = "reading" | "checking" | "applying" | "done" | "failed";

export interface ProgressState {
  phase: ProgressPhase;
  /** Rows handled so far in this phase. */
  done: number;
  /** Rows in the file, once known. */
  total: number | null;
  batchId: string | null;
}

/** Where progress is kept. Only the person who started an import can read or change its progress. */
export interface ProgressStore {
  write(token: string, userId: number, progress: ProgressState): Promise<void>;
  read(token: string, userId: number): Promise<ProgressState | null>;
  /** Forgets progress nobody can still be polling. */
  sweep(): Promise<void>;
}

const TOKEN = /^[A-Za-z0-9_-]{8,64}$/;

export function isProgressToken(token: unknown): token is string {
  return typeof token === "string" && TOKEN.test(token);
}

const TTL_MS = 60 * 60 * 1000;

/** Progress in this process's memory, for embedded mode's one process (see above). */
export function memoryProgressStore(entries: Map<string, ProgressState & { userId: number; at: number }>): ProgressStore {
  return {
    async write(token, userId, p) {
      const current = entries.get(token);
      if (current && current.userId !== userId) return;
      entries.set(token, { ...p, userId, at: Date.now() });
    },
    async read(token, userId) {
      const p = entries.get(token);
      if (!p || p.userId !== userId || Date.now() - p.at > TTL_MS) return null;
      return { phase: p.phase, done: p.done, total: p.total, batchId: p.batchId };
    },
    async sweep() {
      const now = Date.now();
      for (const [k, v] of entries) if (now - v.at > TTL_MS) entries.delete(k);
    },
  };
}

// On globalThis so every route bundle of the one embedded server process shares the map.
const memory = ((globalThis as { importProgress?: Map<string, ProgressState & { userId: number; at: number }> }).importProgress ??= new Map());

export function progressStore(): ProgressStore {
  return env().EMBEDDED === "1" ? memoryProgressStore(memory) : databaseProgressStore(db());
}

/** Only the person who started the import can read its progress. */
export function readProgress(token: string, userId: number, store: ProgressStore = progressStore()): Promise<ProgressState | null> {
  return store.read(token, userId);
}

export interface ProgressReporter {
  /** Records how far the import has got; written at once on a change of phase, otherwise a few times a second. */
  report(update: Partial<ProgressState>): void;
  /** Resolves once everything reported so far is written. */
  flush(): Promise<void>;
}

/** Writes between changes of phase are at least this far apart: each costs a round trip. */
export const PROGRESS_INTERVAL_MS = 250;

/**
 * One import's progress, written by one writer at a time so a later state is never overtaken by
 * an earlier one, and coalesced so the import does not wait on the database: `report` never
 * blocks, and a failed write is logged and the next one tried (progress is a courtesy, never a
 * reason for an import to fail).
 */
export function progressReporter(token: string | null, userId: number, store: ProgressStore = progressStore()): ProgressReporter {
  if (!token) return { report() {}, async flush() {} };
  let state: ProgressState = { phase: "reading", done: 0, total: null, batchId: null };
  let dirty = false;
  let phaseChanged = false;
  let lastWrite = 0;
  let inflight: Promise<void> | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let swept = false;

  function schedule(): void {
    if (!dirty || inflight || timer) return;
    const wait = phaseChanged ? 0 : PROGRESS_INTERVAL_MS - (Date.now() - lastWrite);
    if (wait <= 0) return write();
    timer = setTimeout(() => {
      timer = null;
      schedule();
    }, wait);
    timer.unref?.();
  }

  function write(): void {
    if (timer) clearTimeout(timer);
    timer = null;
    const snapshot = { ...state };
    dirty = false;
    phaseChanged = false;
    lastWrite = Date.now();
    const first = !swept;
    swept = true;
    inflight = (async () => {
      try {
        if (first) await store.sweep();
        await store.write(token!, userId, snapshot);
      } catch (error) {
        logger().warn({ err: error instanceof Error ? error.message : String(error) }, "import progress could not be written");
      } finally {
        inflight = null;
        schedule();
      }
    })();
  }

  return {
    report(update) {
      const next: ProgressState = {
        phase: update.phase ?? state.phase,
        done: update.done ?? state.done,
        total: update.total !== undefined ? update.total : state.total,
        batchId: update.batchId !== undefined ? update.batchId : state.batchId,
      };
      if (next.phase !== state.phase || !lastWrite) phaseChanged = true;
      state = next;
      dirty = true;
      schedule();
    },
    async flush() {
      for (;;) {
        if (inflight) await inflight;
        else if (dirty) write();
        else return;
      }
    },
  };
}
