// npm run db:backup / db:restore on real databases, both modes: a seeded database with edits that
// wrote audit rows and a queued job is backed up, restored into a fresh database or directory, and
// every table (listed from the catalogue, not by hand) must come back equal, with the audit trail
// still verifying. Bad files and busy or non-empty targets are refused and leave the target as it was.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { PgBoss } from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "@/generated/prisma/client";
import { createPrismaClient } from "@/lib/db-client";
import { verifyAuditChain } from "@/lib/data/audit-chain";
import { createSite, updateSite } from "@/lib/data/sites";
import { loadActor } from "@/lib/data/users";
import { BackupError, restore } from "@/lib/platform/backup";
import { BACKUP_MAGIC, HEADER_BYTES, readBackupHeader } from "@/lib/platform/backup-file";
import { createFreshDatabase, migrateDeploy, withClient } from "@/lib/platform/database";
import { startEmbeddedPostgres } from "@/lib/platform/embedded-postgres";
import { todayInLondon } from "@/lib/platform/today";
import { defaultSeedOptions } from "@/lib/seed/generate";
import { seedDatabase } from "@/lib/seed/seed-database";
import { siteEditSchema, siteFormSchema } from "@/lib/validation/site";
import { runNode } from "@/tests/support/run-node";

const adminUrl = process.env.TEST_DATABASE_URL;
const APP_ROLE = "ecr_bak_app";
const EMBEDDED_PORT = 53_810 + (process.pid % 40) * 2;
const work = mkdtempSync(path.join(tmpdir(), "ecr-bak-"));

afterAll(() => rmSync(work, { recursive: true, force: true }));

interface TableFingerprint {
  rows: number;
  hash: string;
}

/** Every table outside the system schemas, with its row count and a hash of its rows in primary-key order. */
async function fingerprint(url: string): Promise<Record<string, TableFingerprint>> {
  return withClient(url, async (c) => {
    await c.query("SET TIME ZONE 'UTC'");
    const tables = await c.query<{ schema: string; name: string; pk: string[] | null }>(`
      SELECT n.nspname::text AS schema, k.relname::text AS name,
             (SELECT array_agg(a.attname::text ORDER BY array_position(i.indkey::int2[], a.attnum))
                FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
               WHERE i.indrelid = k.oid AND i.indisprimary) AS pk
        FROM pg_class k JOIN pg_namespace n ON n.oid = k.relnamespace
       WHERE k.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'
       ORDER BY 1, 2`);
    const result: Record<string, TableFingerprint> = {};
    for (const t of tables.rows) {
      const q = (s: string) => c.escapeIdentifier(s);
      const order = t.pk?.length ? t.pk.map((col) => `t.${q(col)}`).join(", ") : "t::text";
      const r = await c.query<{ rows: number; hash: string }>(
        `SELECT count(*)::int AS rows, md5(coalesce(string_agg(t::text, E'\\n' ORDER BY ${order}), '')) AS hash FROM ${q(t.schema)}.${q(t.name)} t`,
      );
      result[`${t.schema}.${t.name}`] = r.rows[0]!;
    }
    return result;
  });
}

/** Seeds a small register, then makes edits through the app's own data layer so audit rows are written. */
async function seedAndEdit(url: string, embedded: boolean): Promise<void> {
  await migrateDeploy(url);
  const db = createPrismaClient(url, embedded ? 1 : 2);
  const holder = globalThis as unknown as { prisma?: PrismaClient };
  const previous = holder.prisma;
  try {
    await seedDatabase(db, { ...defaultSeedOptions(150), sites: 12 }, todayInLondon());
    // lib/data reads its client from lib/db.ts's process-wide slot: point it at this database for the edits.
    holder.prisma = db;
    const user = await db.user.findUniqueOrThrow({ where: { email: "editor@ho.example.gov.uk" }, select: { id: true } });
    const editor = (await loadActor(user.id))!;
    const ho = await db.organisation.findUniqueOrThrow({ where: { acronym: "HO" }, select: { id: true } });
    const fields = { organisationId: String(ho.id), addressLine1: "1 Backup Row", town: "London", postcode: "SW1A 2AA", sensitivity: "UNASSESSED" };
    const created = await createSite(editor, siteFormSchema.parse({ ...fields, name: "Backup test site", siteCode: "BAK-1" }));
    if (!created.ok) throw new Error(`site not created: ${JSON.stringify(created)}`);
    const updated = await updateSite(
      editor,
      created.value.id,
      siteEditSchema.parse({ ...fields, name: "Backup test site (renamed)", siteCode: "BAK-1", version: "1" }),
    );
    if (!updated.ok) throw new Error(`site not updated: ${JSON.stringify(updated)}`);
  } finally {
    holder.prisma = previous;
    await db.$disconnect();
  }
  // A job waiting in the queue: a restore must bring it back too.
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  const boss = new PgBoss({ db: { executeSql: (text: string, values?: unknown[]) => pool.query(text, values) }, supervise: false, schedule: false });
  try {
    await boss.start();
    await boss.createQueue("backup-test");
    await boss.send("backup-test", { note: "queued before the backup" });
  } finally {
    await boss.stop({ graceful: false }).catch(() => {});
    await pool.end();
  }
}

async function auditReport(url: string, embedded: boolean) {
  const db = createPrismaClient(url, embedded ? 1 : 2);
  try {
    return await verifyAuditChain(db);
  } finally {
    await db.$disconnect();
  }
}

function cli(script: "db-backup" | "db-restore", args: string[], env: Record<string, string | undefined>) {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "production" };
  delete childEnv.DATABASE_URL;
  delete childEnv.EMBEDDED;
  return runNode(["--import", "tsx", path.join("scripts", `${script}.ts`), ...args], { ...childEnv, ...env });
}

/** Files that must fail the check before anything is touched: cut short, one byte changed, and someone else's. */
function badFiles(good: string): Record<string, { file: string; message: RegExp }> {
  const bytes = readFileSync(good);
  const truncated = path.join(work, `truncated-${path.basename(good)}`);
  writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
  const corrupted = path.join(work, `corrupted-${path.basename(good)}`);
  const flipped = Buffer.from(bytes);
  flipped[HEADER_BYTES + Math.floor((bytes.length - HEADER_BYTES) / 2)]! ^= 0xff;
  writeFileSync(corrupted, flipped);
  const foreign = path.join(work, "foreign.dump");
  writeFileSync(foreign, Buffer.concat([Buffer.from("PGDMP"), Buffer.alloc(10_000, 7)]));
  return {
    truncated: { file: truncated, message: /is cut short.*Nothing was restored/s },
    corrupted: { file: corrupted, message: /is damaged.*Nothing was restored/s },
    foreign: { file: foreign, message: /is not a backup made by npm run db:backup, so nothing was restored/ },
  };
}

async function refusal(attempt: Promise<unknown>): Promise<string> {
  const error = await attempt.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(BackupError);
  return (error as Error).message;
}

describe.skipIf(!adminUrl)("backup and restore on a PostgreSQL server (needs TEST_DATABASE_URL: skipped without it)", () => {
  const names = { source: `ecr_bak_src_${process.pid}`, target: `ecr_bak_dst_${process.pid}` };
  let source = "";
  let target = "";

  beforeAll(async () => {
    source = await createFreshDatabase(adminUrl!, names.source);
    target = await createFreshDatabase(adminUrl!, names.target);
    await seedAndEdit(source, false);
  });

  afterAll(async () => {
    if (!adminUrl) return;
    await withClient(adminUrl, async (c) => {
      for (const name of Object.values(names)) await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.query(`DROP ROLE IF EXISTS ${APP_ROLE}`).catch(() => {});
    });
  });

  it("round trip through the commands: every table equal, the job queue included, and the audit trail verifies", async () => {
    const before = await fingerprint(source);
    expect(Object.keys(before)).toContain("public.audit_events");
    expect(Object.keys(before).some((t) => t.startsWith("pgboss."))).toBe(true);
    const sourceAudit = await auditReport(source, false);
    expect(sourceAudit.intact).toBe(true);
    expect(sourceAudit.rowsChecked).toBeGreaterThanOrEqual(2);

    const file = path.join(work, "server.backup");
    let started = performance.now();
    const made = await cli("db-backup", ["--out", file], { DATABASE_URL: source, DATA_DIR: path.join(work, "server-data") });
    const backupMs = Math.round(performance.now() - started);
    expect(made.out).toContain(`written to ${file}`);
    expect(made.code).toBe(0);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const header = await readBackupHeader(file);
    expect(header).toMatchObject({ kind: "server", tool: expect.stringMatching(/^pg_dump 1\d/) });
    expect(header.migration.latest).toMatch(/^\d{14}_/);

    started = performance.now();
    const restored = await cli("db-restore", [file], { DATABASE_URL: target, DATA_DIR: path.join(work, "server-data"), DATABASE_APP_ROLE: APP_ROLE });
    const restoreMs = Math.round(performance.now() - started);
    expect(restored.out).toMatch(/Audit trail intact: [\d,]+ rows checked/);
    expect(restored.code).toBe(0);
    console.log(`server: backup ${statSync(file).size} bytes in ${backupMs} ms, restore in ${restoreMs} ms (commands, tsx start-up included)`);

    expect(await fingerprint(target)).toEqual(before);
    const targetAudit = await auditReport(target, false);
    expect(targetAudit).toMatchObject({ intact: true, rowsChecked: sourceAudit.rowsChecked, head: sourceAudit.head });
    const jobs = await withClient(target, (c) => c.query("SELECT data FROM pgboss.job WHERE name = 'backup-test'"));
    expect(jobs.rows).toEqual([{ data: { note: "queued before the backup" } }]);

    // Owned by the restoring user; the web server's role granted afresh, exactly as start-up grants it.
    const grants = await withClient(target, (c) =>
      c.query<{ owner: string; read: boolean; append: boolean; rewrite: boolean }>(
        `SELECT pg_get_userbyid(k.relowner)::text AS owner,
                has_table_privilege($1, 'public.sites', 'SELECT') AS read,
                has_table_privilege($1, 'public.audit_events', 'INSERT') AS append,
                has_table_privilege($1, 'public.audit_events', 'UPDATE') OR has_table_privilege($1, 'public.audit_events', 'DELETE') AS rewrite
           FROM pg_class k WHERE k.oid = 'public.audit_events'::regclass`,
        [APP_ROLE],
      ),
    );
    expect(grants.rows[0]).toEqual({ owner: new URL(target).username, read: true, append: true, rewrite: false });

    // The triggers are back after the load: the trail is still append-only and still sealing.
    await withClient(target, async (c) => {
      await expect(c.query("UPDATE audit_events SET summary = 'tampered'")).rejects.toThrow(/append-only/);
      await c.query(
        `INSERT INTO audit_events (actor_email, action, entity_type, entity_id, summary) VALUES ('ops@example.gov.uk', 'restore.checked', 'database', '-', 'After restore')`,
      );
    });
    expect(await auditReport(target, false)).toMatchObject({ intact: true, rowsChecked: sourceAudit.rowsChecked + 1 });
  });

  it("refuses a non-empty database without --replace, bad files before touching anything, and replaces all or nothing", async () => {
    const file = path.join(work, "server.backup");
    const refused = await cli("db-restore", [file], { DATABASE_URL: target, DATA_DIR: path.join(work, "server-data"), DATABASE_APP_ROLE: APP_ROLE });
    expect(refused.code).toBe(1);
    expect(refused.out).toMatch(/^The database is not empty \(\d+ tables and other objects\)\. Nothing was restored\. .*--replace/);
    expect(refused.out).not.toMatch(/\bat \S+\.ts:\d+/);

    const current = await fingerprint(target);
    const options = { replace: true, appRole: { role: APP_ROLE, password: null } };
    for (const [kind, bad] of Object.entries(badFiles(file))) {
      expect(await refusal(restore({ url: target, dataDir: work }, bad.file, options)), kind).toMatch(bad.message);
      expect(await fingerprint(target), kind).toEqual(current);
    }
    // A whole, checksummed file of the other kind is refused for what it is.
    const embeddedFile = path.join(work, "looks-embedded.backup");
    const bytes = readFileSync(file);
    const header = { ...(await readBackupHeader(file)), kind: "embedded" };
    const block = Buffer.alloc(HEADER_BYTES, " ");
    block.write(`${BACKUP_MAGIC}${JSON.stringify(header)}\n`);
    writeFileSync(embeddedFile, Buffer.concat([block, bytes.subarray(HEADER_BYTES)]));
    expect(await refusal(restore({ url: target, dataDir: work }, embeddedFile, options))).toMatch(/backup of the embedded database, and DATABASE_URL is set/);

    // --replace puts the backup's contents back, dropping what was added since.
    const result = await restore({ url: target, dataDir: work }, file, options);
    expect(result.audit).toMatchObject({ intact: true });
    expect(await fingerprint(target)).toEqual(await fingerprint(source));
  });
});

describe("backup and restore of the embedded database", () => {
  const sourceDir = path.join(work, "embedded-source");
  const targetDir = path.join(work, "embedded-target");
  let before: Record<string, TableFingerprint> = {};
  let sourceAudit: Awaited<ReturnType<typeof auditReport>>;
  let file = "";

  beforeAll(async () => {
    const server = await startEmbeddedPostgres(sourceDir, EMBEDDED_PORT);
    try {
      await seedAndEdit(server.url, true);
      before = await fingerprint(server.url);
      sourceAudit = await auditReport(server.url, true);
    } finally {
      await server.stop();
    }
  });

  it("round trip through the commands into a new data directory: every table equal and the audit trail verifies", async () => {
    expect(Object.keys(before).some((t) => t.startsWith("pgboss."))).toBe(true);
    expect(sourceAudit).toMatchObject({ intact: true });
    expect(sourceAudit.rowsChecked).toBeGreaterThanOrEqual(2);

    let started = performance.now();
    const made = await cli("db-backup", [], { DATA_DIR: sourceDir });
    const backupMs = Math.round(performance.now() - started);
    expect(made.code, made.out).toBe(0);
    file = made.out.match(/written to (\S+)/)![1]!;
    expect(path.dirname(file)).toBe(path.join(sourceDir, "backups"));
    expect(path.basename(file)).toMatch(/^ecr-embedded-\d{8}T\d{6}Z\.backup$/);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(await readBackupHeader(file)).toMatchObject({ kind: "embedded", postgresVersion: expect.stringMatching(/^17\./) });

    started = performance.now();
    const restored = await cli("db-restore", [file], { DATA_DIR: targetDir });
    const restoreMs = Math.round(performance.now() - started);
    expect(restored.out).toMatch(/Audit trail intact: [\d,]+ rows checked/);
    expect(restored.code).toBe(0);
    console.log(`embedded: backup ${statSync(file).size} bytes in ${backupMs} ms, restore in ${restoreMs} ms (commands, tsx start-up included)`);

    const server = await startEmbeddedPostgres(targetDir, EMBEDDED_PORT + 1);
    try {
      expect(await fingerprint(server.url)).toEqual(before);
      expect(await auditReport(server.url, true)).toMatchObject({ intact: true, rowsChecked: sourceAudit.rowsChecked, head: sourceAudit.head });

      // While the service holds the data directory, both commands refuse in plain words.
      const busy = await cli("db-backup", [], { DATA_DIR: targetDir });
      expect(busy.code).toBe(1);
      expect(busy.out).toMatch(new RegExp(`^The service is running on ${targetDir} \\(process ${process.pid}\\)\\. Stop it before backing up`));
      expect(await refusal(restore({ url: null, dataDir: targetDir }, file, { replace: true, appRole: null }))).toMatch(/The service is running on .* Stop it before restoring/);
    } finally {
      await server.stop();
    }
  });

  it("refuses bad files and a non-empty directory without --replace, leaving it untouched; --replace swaps it whole", async () => {
    const cluster = path.join(targetDir, "pglite");
    const listing = () =>
      readdirSync(cluster, { recursive: true })
        .map(String)
        .sort()
        .map((f) => {
          const s = statSync(path.join(cluster, f));
          return `${f} ${s.size} ${s.mtimeMs}`;
        });
    const untouched = listing();
    for (const [kind, bad] of Object.entries(badFiles(file))) {
      expect(await refusal(restore({ url: null, dataDir: targetDir }, bad.file, { replace: true, appRole: null })), kind).toMatch(bad.message);
      expect(listing(), kind).toEqual(untouched);
    }
    expect(await refusal(restore({ url: null, dataDir: targetDir }, file, { replace: false, appRole: null }))).toMatch(
      /is not empty \(\d+ tables and other objects\)\. Nothing was restored\. .*--replace/,
    );

    const result = await restore({ url: null, dataDir: targetDir }, file, { replace: true, appRole: null });
    expect(result.audit).toMatchObject({ intact: true, rowsChecked: sourceAudit.rowsChecked });
    expect(readdirSync(targetDir).filter((f) => f.startsWith("pglite"))).toEqual(["pglite"]);
    const server = await startEmbeddedPostgres(targetDir, EMBEDDED_PORT + 1);
    try {
      expect(await fingerprint(server.url)).toEqual(before);
    } finally {
      await server.stop();
    }
  });
});
