// The rows of a checked upload wait for confirmation in the database, not on the checking process's
// disk: the confirmation is served by another process with a disk of its own (a real child process
// against a PostgreSQL server; in embedded mode, which runs one process, the same process after its
// data directory is gone); a preview that fails leaves no rows; rows unconfirmed for a day are
// refused and cleared; and nobody but the uploader can confirm.
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, writeFileSync, type Dirent } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { actorFor, databaseUrl, testDb } from "./helpers";
import type { Actor } from "@/lib/auth/actor";
import { CHUNK_ROWS } from "@/lib/data/import-pending-rows";
import { confirmImportBatch, createImportBatch } from "@/lib/data/imports";
import { importsInProgress } from "@/lib/import/slots";

const server = !inject("embedded");
const HEADER = "site_code,kind,brand,asset_tag";

let dataDir: string;
let editor: Actor;
let mojEditor: Actor;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), "ecr-import-pending-"));
  process.env.DATA_DIR = dataDir;
  editor = await actorFor("editor@ho.example.gov.uk");
  mojEditor = await actorFor("editor@moj.example.gov.uk");
});

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function csv(prefix: string, rows: number): Readable {
  const lines = [HEADER];
  for (let i = 0; i < rows; i++) lines.push(`HO-0001,Camera,Axis,${prefix}-${i}`);
  return Readable.from([Buffer.from(lines.join("\n"))]);
}

async function upload(prefix: string, rows: number): Promise<string> {
  const outcome = await createImportBatch(editor, { filename: `${prefix}.csv`, body: csv(prefix, rows) });
  if (!outcome.ok) throw new Error(outcome.error);
  return outcome.batchId;
}

async function chunks(batchId: string): Promise<{ seq: number; rows: number; head: string }[]> {
  return testDb().$queryRawUnsafe(
    `SELECT seq, rows, encode(substring(data FROM 1 FOR 2), 'hex') AS head FROM import_pending_rows WHERE batch_id = $1 ORDER BY seq`,
    batchId,
  );
}

async function count(sql: string, ...values: unknown[]): Promise<number> {
  const [r] = await testDb().$queryRawUnsafe<{ n: number }[]>(sql, ...values);
  return r!.n;
}

const devicesTagged = (prefix: string) => count(`SELECT count(*)::int AS n FROM devices WHERE asset_tag LIKE $1`, `${prefix}-%`);
const appliedAt = async (batchId: string) =>
  (await testDb().$queryRawUnsafe<{ applied_at: Date | null }[]>(`SELECT applied_at FROM import_batches WHERE id = $1`, batchId))[0]!.applied_at;

/** Every file under the uploads directory, the processes' own directories included. */
function importFiles(dir = dataDir): string[] {
  try {
    return (readdirSync(path.join(dir, "imports"), { recursive: true, withFileTypes: true }) as Dirent[]).filter((d) => d.isFile()).map((d) => d.name);
  } catch {
    return [];
  }
}

/**
 * Confirms `batchId` as `email` in a new node process with its own database pool and its own empty
 * data directory, as another machine behind the load balancer would. Prints the outcome as JSON.
 */
async function confirmInAnotherProcess(email: string, batchId: string): Promise<{ ok: true; created: number } | { ok: false; code: string; message: string }> {
  const dir = mkdtempSync(path.join(tmpdir(), "ecr-import-other-machine-"));
  const script = path.join(dir, "confirm.mts");
  const at = (file: string) => JSON.stringify(path.resolve(file));
  writeFileSync(
    script,
    `import { register } from "node:module";
     // The data layer marks itself "server-only", which throws outside React Server Components.
     register("data:text/javascript," + encodeURIComponent(\`export async function resolve(s, c, n) {
       if (s === "server-only") return { url: "data:text/javascript,export{}", shortCircuit: true };
       return n(s, c);
     }\`));
     const { db } = await import(${at("lib/db.ts")});
     const { loadActor } = await import(${at("lib/data/users.ts")});
     const { confirmImportBatch } = await import(${at("lib/data/imports.ts")});
     const user = await db().user.findUniqueOrThrow({ where: { email: process.argv[2] }, select: { id: true } });
     try {
       const r = await confirmImportBatch(await loadActor(user.id), process.argv[3]);
       console.log(JSON.stringify({ ok: true, created: r.created }));
     } catch (error) {
       console.log(JSON.stringify({ ok: false, code: error.code ?? "none", message: error.message }));
     }
     await db().$disconnect();`,
  );
  try {
    const out = await new Promise<string>((resolve, reject) => {
      const child = spawn(process.execPath, ["--import", "tsx", script, email, batchId], {
        cwd: process.cwd(),
        env: { ...process.env, DATABASE_URL: databaseUrl(), EMBEDDED: "0", DATA_DIR: path.join(dir, "data"), LOG_LEVEL: "silent" },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let text = "";
      child.stdout.on("data", (b: Buffer) => (text += b.toString()));
      child.stderr.on("data", (b: Buffer) => (text += b.toString()));
      child.once("exit", (code) => (code === 0 ? resolve(text) : reject(new Error(`the other process exited ${code}: ${text}`))));
    });
    const line = out.trim().split("\n").reverse().find((l) => l.startsWith("{"));
    if (!line) throw new Error(`no outcome from the other process: ${out}`);
    return JSON.parse(line) as { ok: true; created: number } | { ok: false; code: string; message: string };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe("rows waiting for confirmation", () => {
  it("wait in the database as gzip'd chunks in file order, with nothing left on disk", async () => {
    const rows = CHUNK_ROWS * 2 + 500;
    const batchId = await upload("PENDING-A", rows);
    const stored = await chunks(batchId);
    expect(stored.map((c) => c.seq)).toEqual([0, 1, 2]);
    expect(stored.map((c) => c.rows)).toEqual([CHUNK_ROWS, CHUNK_ROWS, 500]);
    // The gzip magic number.
    expect(stored.every((c) => c.head === "1f8b")).toBe(true);
    expect(importFiles()).toEqual([]);
  });

  it("are confirmed by another process with a disk of its own, and go as the devices land", async () => {
    const rows = CHUNK_ROWS + 10;
    const batchId = await upload("PENDING-B", rows);
    expect(await devicesTagged("PENDING-B")).toBe(0);
    if (server) {
      // The other process also refuses someone else's confirmation, in words and without harm.
      expect(await confirmInAnotherProcess("editor@moj.example.gov.uk", batchId)).toEqual({ ok: false, code: "NOT_FOUND", message: "Import not found" });
      expect(await confirmInAnotherProcess("editor@ho.example.gov.uk", batchId)).toEqual({ ok: true, created: rows });
    } else {
      // One process in embedded mode: the same process, after everything on its disk is gone.
      rmSync(dataDir, { recursive: true, force: true });
      dataDir = mkdtempSync(path.join(tmpdir(), "ecr-import-pending-"));
      process.env.DATA_DIR = dataDir;
      expect(await confirmImportBatch(editor, batchId)).toMatchObject({ created: rows });
    }
    expect(await devicesTagged("PENDING-B")).toBe(rows);
    expect(await appliedAt(batchId)).not.toBeNull();
    expect(await chunks(batchId)).toEqual([]);
    await expect(confirmImportBatch(editor, batchId)).rejects.toMatchObject({ code: "CONFLICT", message: "This file has already been imported" });
  });

  it("are stored only for a batch that can be confirmed", async () => {
    const bad = await createImportBatch(editor, { filename: "bad.csv", body: Readable.from([Buffer.from(`${HEADER}\nHO-0001,Periscope,Axis,PENDING-C-1\nHO-0001,Camera,Axis,PENDING-C-2\n`)]) });
    if (!bad.ok) throw new Error(bad.error);
    expect(await chunks(bad.batchId)).toEqual([]);
    // The register refuses a row (its serial number is on another device): nothing to confirm either.
    const [taken] = await testDb().$queryRawUnsafe<{ serial: string }[]>(
      `SELECT d.serial FROM devices d JOIN organisations o ON o.id = d.organisation_id
       WHERE o.acronym = 'HO' AND d.serial IS NOT NULL AND d.asset_tag IS NOT NULL ORDER BY d.id LIMIT 1`,
    );
    const clash = await createImportBatch(editor, {
      filename: "clash.csv",
      body: Readable.from([Buffer.from(`${HEADER},serial\nHO-0001,Camera,Axis,PENDING-C-3,${taken!.serial}\n`)]),
    });
    if (!clash.ok) throw new Error(clash.error);
    const [batch] = await testDb().$queryRawUnsafe<{ conflicts: number }[]>(
      `SELECT (summary->'preview'->>'conflictCount')::int AS conflicts FROM import_batches WHERE id = $1`, clash.batchId,
    );
    expect(batch!.conflicts).toBe(1);
    expect(await chunks(clash.batchId)).toEqual([]);
  });

  it("a preview that fails while storing its rows leaves neither the batch nor any rows", async () => {
    const batches = await count(`SELECT count(*)::int AS n FROM import_batches`);
    const pending = await count(`SELECT count(*)::int AS n FROM import_pending_rows`);
    // The database refuses the second chunk: the first, already written, must not survive.
    await testDb().$executeRawUnsafe(`CREATE FUNCTION pending_rows_refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'disk full'; END $$`);
    await testDb().$executeRawUnsafe(
      `CREATE TRIGGER pending_rows_refuse BEFORE INSERT ON import_pending_rows FOR EACH ROW WHEN (NEW.seq = 1) EXECUTE FUNCTION pending_rows_refuse()`,
    );
    try {
      await expect(createImportBatch(editor, { filename: "fails.csv", body: csv("PENDING-D", CHUNK_ROWS * 2) })).rejects.toThrow(/disk full/);
    } finally {
      await testDb().$executeRawUnsafe(`DROP TRIGGER pending_rows_refuse ON import_pending_rows`);
      await testDb().$executeRawUnsafe(`DROP FUNCTION pending_rows_refuse()`);
    }
    expect(await count(`SELECT count(*)::int AS n FROM import_batches`)).toBe(batches);
    expect(await count(`SELECT count(*)::int AS n FROM import_pending_rows`)).toBe(pending);
    expect(importFiles()).toEqual([]);
    expect(await importsInProgress()).toBe(0);
  });

  it("unconfirmed for a day: refused as expired, then cleared by the next upload, whichever process takes it", async () => {
    const old = await upload("PENDING-E", 20);
    const fresh = await upload("PENDING-F", 20);
    await testDb().$executeRawUnsafe(`UPDATE import_batches SET created_at = created_at - interval '25 hours' WHERE id = $1`, old);
    await expect(confirmImportBatch(editor, old)).rejects.toMatchObject({ code: "CONFLICT", message: "This upload has expired: upload the file again" });
    expect(await appliedAt(old)).toBeNull();
    expect(await chunks(old)).toHaveLength(1);

    await upload("PENDING-G", 1);
    expect(await chunks(old)).toEqual([]);
    expect(await chunks(fresh)).toHaveLength(1);
    // Nearly a day old is still in time.
    await testDb().$executeRawUnsafe(`UPDATE import_batches SET created_at = created_at - interval '23 hours' WHERE id = $1`, fresh);
    await upload("PENDING-H", 1);
    expect(await confirmImportBatch(editor, fresh)).toMatchObject({ created: 20 });
    expect(await devicesTagged("PENDING-E")).toBe(0);
  });

  it("someone else's batch is not found, and stays for its owner", async () => {
    const batchId = await upload("PENDING-I", 5);
    await expect(confirmImportBatch(mojEditor, batchId)).rejects.toMatchObject({ code: "NOT_FOUND" });
    // Another editor of the same organisation is someone else too.
    const colleague = { ...editor, id: mojEditor.id };
    await expect(confirmImportBatch(colleague, batchId)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await chunks(batchId)).toHaveLength(1);
    expect(await appliedAt(batchId)).toBeNull();
    expect(await confirmImportBatch(editor, batchId)).toMatchObject({ created: 5 });
  });
});
