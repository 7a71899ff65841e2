// Import progress: written as the import runs, readable from another process while the import's
// transaction is still open (against a PostgreSQL server; a separate Prisma client is a separate
// pool, as another server process would have), only by the person who started it.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { actorFor, databaseUrl, testDb } from "./helpers";
import type { PrismaClient } from "@/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { createPrismaClient } from "@/lib/db-client";
import { databaseProgressStore } from "@/lib/data/import-progress";
import { confirmImportBatch, createImportBatch } from "@/lib/data/imports";
import { isProgressToken, progressReporter, progressStore, readProgress, type ProgressState, type ProgressStore } from "@/lib/import/progress";

const server = !inject("embedded");
const HEADER = "site_code,kind,brand,asset_tag";
const token = () => `t${Math.random().toString(36).slice(2)}${Date.now().toString(36)}`;

let dataDir: string;
let editor: Actor;
let other: Actor;
let reader: PrismaClient | null = null;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), "ecr-import-progress-"));
  process.env.DATA_DIR = dataDir;
  editor = await actorFor("editor@ho.example.gov.uk");
  other = await actorFor("editor@moj.example.gov.uk");
  // Another process's view of the database. Embedded PGlite has one session and serves one process.
  if (server) reader = createPrismaClient(databaseUrl(), 2);
});

afterAll(async () => {
  await reader?.$disconnect();
  rmSync(dataDir, { recursive: true, force: true });
});

/** The store another server process would read: the database on a server, this process's memory embedded. */
function readersStore(): ProgressStore {
  return reader ? databaseProgressStore(reader) : progressStore();
}

function rows(n: number, tag: string): Readable {
  const lines = [HEADER];
  for (let i = 0; i < n; i++) lines.push(`HO-0001,Camera,Axis,${tag}-${i}`);
  return Readable.from([Buffer.from(lines.join("\n"))]);
}

interface Sample {
  at: number;
  progress: ProgressState | null;
  /** Whether an import's transaction held its lock as the sample was read (server only). */
  inTransaction: boolean | null;
}

/** Polls `t` from the reader's side every 20 ms until `work` settles. */
async function watch<T>(t: string, work: Promise<T>): Promise<{ result: T; samples: Sample[] }> {
  const samples: Sample[] = [];
  let finished = false;
  const settled = work.finally(() => (finished = true));
  const started = Date.now();
  while (!finished) {
    const progress = await readersStore().read(t, editor.id);
    const inTransaction = reader
      ? (await reader.$queryRawUnsafe<{ held: boolean }[]>(
          `SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND objid = 4242001 AND granted) AS held`,
        ))[0]!.held
      : null;
    samples.push({ at: Date.now() - started, progress, inTransaction });
    await new Promise((r) => setTimeout(r, 20));
  }
  return { result: await settled, samples };
}

describe("import progress", () => {
  it("is readable while the import runs, inside its transaction too, and ends done with the batch", async () => {
    const t = token();
    const started = Date.now();
    const { result, samples } = await watch(t, createImportBatch(editor, { filename: "progress.csv", body: rows(30_000, "PROG"), progressToken: t }));
    const took = Date.now() - started;
    if (!result.ok) throw new Error(result.error);
    const seen = samples.filter((s) => s.progress);
    const phases = [...new Set(seen.map((s) => s.progress!.phase))];
    console.log(`import progress: 30,000 rows checked in ${took} ms; ${samples.length} polls, phases seen ${phases.join(" → ")}`);
    expect(phases).toContain("reading");
    expect(phases).toContain("checking");
    // Rows counted as they went, not only at the end of each phase.
    const checking = seen.filter((s) => s.progress!.phase === "checking");
    expect(new Set(checking.map((s) => s.progress!.done)).size).toBeGreaterThan(1);
    if (server) {
      // Read from another connection while the preview's transaction was still open.
      expect(checking.some((s) => s.inTransaction && s.progress!.done > 0)).toBe(true);
    }
    expect(await readersStore().read(t, editor.id)).toEqual({ phase: "done", done: 30_000, total: 30_000, batchId: result.batchId });

    // The confirmation reports under its own token, and ends done with the batch id.
    const c = token();
    await confirmImportBatch(editor, result.batchId, c);
    expect(await readersStore().read(c, editor.id)).toEqual({ phase: "done", done: 30_000, total: 30_000, batchId: result.batchId });
  });

  it("costs few writes: a few a second, plus one for each change of phase", async () => {
    const writes: string[] = [];
    const inner = progressStore();
    const counting: ProgressStore = { ...inner, write: (tk, u, p) => (writes.push(p.phase), inner.write(tk, u, p)) };
    const t = token();
    const reporter = progressReporter(t, editor.id, counting);
    const started = Date.now();
    for (let i = 0; i < 20_000; i++) {
      reporter.report({ phase: i < 10_000 ? "reading" : "checking", done: i });
      if (i % 1_000 === 0) await new Promise((r) => setTimeout(r, 50));
    }
    reporter.report({ phase: "done", done: 20_000, total: 20_000, batchId: "b" });
    await reporter.flush();
    const seconds = (Date.now() - started) / 1000;
    // 20,001 reports in about a second: a write each 250 ms, and the three phases.
    expect(writes.length).toBeLessThanOrEqual(Math.ceil(seconds * 4) + 4);
    expect(writes.at(-1)).toBe("done");
    expect(await readProgress(t, editor.id, inner)).toEqual({ phase: "done", done: 20_000, total: 20_000, batchId: "b" });
  });

  it("only the person who started an import can read or change its progress", async () => {
    const t = token();
    const store = progressStore();
    await store.write(t, editor.id, { phase: "checking", done: 5, total: 10, batchId: null });
    expect(await readersStore().read(t, other.id)).toBeNull();
    expect(await readProgress(t, other.id)).toBeNull();
    // Someone else reporting under the same token changes nothing.
    await store.write(t, other.id, { phase: "done", done: 10, total: 10, batchId: "theirs" });
    expect(await readersStore().read(t, editor.id)).toEqual({ phase: "checking", done: 5, total: 10, batchId: null });
    expect(await readersStore().read(t, other.id)).toBeNull();
  });

  it("refuses malformed tokens, and reads anything else as unknown without failing", async () => {
    for (const bad of [null, undefined, "", "short", "x".repeat(65), "' OR 1=1 --", "../../etc", "abc def ghi", "tok\u0000enxxxx", 12345678, ["abcdefgh"]]) {
      expect(isProgressToken(bad)).toBe(false);
    }
    expect(isProgressToken("abcdefgh")).toBe(true);
    expect(await readersStore().read("' OR 1=1 --", editor.id)).toBeNull();
  });

  it.skipIf(!server)("forgets progress an hour old (server: rows in the database)", async () => {
    const t = token();
    await testDb().$executeRawUnsafe(
      `INSERT INTO import_progress (token, user_id, phase, done, updated_at) VALUES ($1, $2, 'done', 1, now() - interval '2 hours')`, t, editor.id,
    );
    expect(await readersStore().read(t, editor.id)).toBeNull();
    await databaseProgressStore(testDb()).sweep();
    const left = await testDb().$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM import_progress WHERE token = $1`, t);
    expect(left[0]!.n).toBe(0);
  });
});
