// Backup and restore of a PostgreSQL server's database with PostgreSQL's own tools: pg_dump's
// custom format, replayed by pg_restore into psql inside one transaction.
//
// Ownership and grants are left out of the dump (--no-owner --no-privileges): the restoring user
// (DATABASE_URL's, the schema owner who runs migrations) owns everything it restores, whatever the
// roles were called where the backup was made, and the web server's role is granted afresh by the
// same code start-up uses (lib/platform/app-role.ts). The job queue's schema comes back with its
// jobs; its grants to the web server's role are re-made at the next start-up (prepareJobQueue).
//
// The audit trail's triggers are post-data objects: a full restore creates tables, loads rows with
// COPY, then adds indexes, constraints and triggers. The rows therefore come back exactly as they
// were, chain positions and hashes included, and no trigger re-seals or refuses them.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { createPrismaClient } from "@/lib/db-client";
import { verifyAuditChain, type ChainReport } from "@/lib/data/audit-chain";
import { provisionAppRole } from "@/lib/platform/app-role";
import { withClient } from "@/lib/platform/database";
import { BackupError, payloadStream, writeBackupFile, type BackupHeader } from "@/lib/platform/backup-file";

interface Connection {
  /** The URL without its password: what the tools are given on their command line. */
  dbname: string;
  env: NodeJS.ProcessEnv;
}

/** The password travels in PGPASSWORD, never on a command line another user could read with ps. */
function connection(url: string): Connection {
  const u = new URL(url);
  const password = decodeURIComponent(u.password);
  u.password = "";
  return {
    dbname: u.toString(),
    // The tools need PATH, locale and the like from our environment; nothing is read from it here.
    // eslint-disable-next-line no-restricted-properties
    env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}), PGCONNECT_TIMEOUT: "10" },
  };
}

function lastLines(text: string, n = 6): string {
  return text.trim().split("\n").slice(-n).join("\n");
}

function spawnTool(tool: string, args: string[], env?: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(tool, args, { ...(env ? { env } : {}), stdio: ["pipe", "pipe", "pipe"] });
  // A tool that stops early closes its input while we may still be writing to it: that shows in its exit code.
  child.stdin?.on("error", () => {});
  return child;
}

function exited(child: ChildProcess, tool: string): Promise<number> {
  return new Promise((resolve, reject) => {
    child.once("error", (error: NodeJS.ErrnoException) =>
      reject(
        error.code === "ENOENT"
          ? new BackupError(`${tool} is not installed on this machine. Install PostgreSQL's client tools (on Debian or Ubuntu: apt-get install postgresql-client).`)
          : error,
      ),
    );
    child.once("close", (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

function collect(child: ChildProcess): () => string {
  let text = "";
  child.stderr?.on("data", (b: Buffer) => {
    text = (text + b.toString()).slice(-8_000);
  });
  return () => text;
}

/** The major and full version of a PostgreSQL client tool, e.g. { major: 15, full: "15.20" }. */
export async function toolVersion(tool: "pg_dump" | "pg_restore" | "psql"): Promise<{ major: number; full: string }> {
  const child = spawn(tool, ["--version"], { stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  child.stdout.on("data", (b: Buffer) => (out += b.toString()));
  await exited(child, tool);
  const m = out.match(/\)\s+(\d+)(?:\.(\d+))?/);
  if (!m) throw new BackupError(`Cannot tell which version ${tool} is (it printed: ${out.trim() || "nothing"}).`);
  return { major: Number(m[1]), full: m[2] ? `${m[1]}.${m[2]}` : m[1]! };
}

interface ServerFacts {
  major: number;
  version: string;
  migration: { latest: string | null; count: number };
}

async function serverFacts(url: string): Promise<ServerFacts> {
  return withClient(url, async (c) => {
    const v = await c.query<{ num: string; version: string }>("SELECT current_setting('server_version_num') AS num, current_setting('server_version') AS version");
    const num = Number(v.rows[0]!.num);
    const hasMigrations = (await c.query("SELECT to_regclass('public._prisma_migrations') IS NOT NULL AS present")).rows[0]?.present === true;
    let migration: ServerFacts["migration"] = { latest: null, count: 0 };
    if (hasMigrations) {
      const m = await c.query<{ latest: string | null; count: string }>(
        "SELECT max(migration_name) AS latest, count(*)::text AS count FROM public._prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL",
      );
      migration = { latest: m.rows[0]!.latest, count: Number(m.rows[0]!.count) };
    }
    return { major: Math.floor(num / 10_000), version: v.rows[0]!.version.split(" ")[0]!, migration };
  });
}

/** Backs up DATABASE_URL's whole database (every schema: the register and the job queue) to `file`. */
export async function backupServer(url: string, file: string): Promise<BackupHeader> {
  const facts = await serverFacts(url);
  const dump = await toolVersion("pg_dump");
  if (dump.major < facts.major) {
    throw new BackupError(
      `The database server runs PostgreSQL ${facts.major} but this machine's pg_dump is version ${dump.major}, ` +
        `which cannot back up a newer server. Install PostgreSQL ${facts.major}'s client tools (postgresql-client-${facts.major}) and put them first on PATH.`,
    );
  }
  const { dbname, env } = connection(url);
  return writeBackupFile(
    file,
    {
      kind: "server",
      content: "pg_dump custom format (all schemas; no owners or grants)",
      createdAt: new Date().toISOString(),
      migration: facts.migration,
      postgresVersion: facts.version,
      tool: `pg_dump ${dump.full}`,
    },
    async (sink) => {
      const child = spawnTool("pg_dump", ["--format=custom", "--no-owner", "--no-privileges", "--dbname", dbname], env);
      const stderr = collect(child);
      const done = exited(child, "pg_dump");
      for await (const chunk of child.stdout!) await sink(chunk as Buffer);
      const code = await done;
      if (code !== 0) throw new BackupError(`pg_dump failed, so no backup was written:\n${lastLines(stderr())}`);
    },
  );
}

interface TargetState {
  relations: number;
  schemas: string[];
  otherConnections: number;
}

async function targetState(url: string): Promise<TargetState> {
  return withClient(url, async (c) => {
    const r = await c.query<{ relations: string; schemas: string[]; others: string }>(`
      SELECT (SELECT count(*) FROM pg_class k JOIN pg_namespace n ON n.oid = k.relnamespace
               WHERE k.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
                 AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%')::text AS relations,
             ARRAY(SELECT nspname::text FROM pg_namespace WHERE nspname NOT IN ('pg_catalog', 'information_schema') AND nspname NOT LIKE 'pg\\_%') AS schemas,
             (SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend')::text AS others`);
    const row = r.rows[0]!;
    return { relations: Number(row.relations), schemas: row.schemas, otherConnections: Number(row.others) };
  });
}

interface ArchiveContents {
  /** The schemas the archive creates. */
  schemas: string[];
  /**
   * pg_restore's table of contents without the comment on the public schema, which only that
   * schema's owner may set (a managed server's restoring user may not own it) and which says nothing.
   */
  list: string;
}

async function archiveContents(file: string): Promise<ArchiveContents> {
  const child = spawnTool("pg_restore", ["--list"]);
  const stderr = collect(child);
  let out = "";
  child.stdout!.on("data", (b: Buffer) => (out += b.toString()));
  const done = exited(child, "pg_restore");
  payloadStream(file).pipe(child.stdin!);
  if ((await done) !== 0) throw new BackupError(`pg_restore cannot read the backup, so nothing was restored:\n${lastLines(stderr())}`);
  return {
    schemas: [...out.matchAll(/^\d+; \d+ \d+ SCHEMA - (\S+) /gm)].map((m) => m[1]!),
    list: out.split("\n").filter((line) => !/^\d+; \d+ \d+ COMMENT - SCHEMA public /.test(line)).join("\n"),
  };
}

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * pg_restore writes the archive as SQL into psql, inside a transaction we open (after the prelude
 * that clears the old contents) and commit only when pg_restore has replayed all of it.
 */
async function replay(file: string, url: string, prelude: string[], list: string): Promise<void> {
  const listDir = await mkdtemp(path.join(tmpdir(), "ecr-restore-"));
  const listFile = path.join(listDir, "contents.list");
  await writeFile(listFile, list, { mode: 0o600 });
  try {
    const { dbname, env } = connection(url);
    const psql = spawnTool("psql", ["--no-psqlrc", "--quiet", "--set", "ON_ERROR_STOP=1", "--dbname", dbname], env);
    const psqlErrors = collect(psql);
    const psqlDone = exited(psql, "psql");
    const pgRestore = spawnTool("pg_restore", ["--no-owner", "--no-privileges", "--exit-on-error", "--use-list", listFile, "--file", "-"]);
    const restoreErrors = collect(pgRestore);
    const restoreDone = exited(pgRestore, "pg_restore");
    // psql gives up at its first error: stop pg_restore too, or it waits forever on a full pipe.
    void psqlDone.then(() => pgRestore.exitCode === null && pgRestore.kill(), () => {});
    psql.stdout!.resume();
    psql.stdin!.write(["BEGIN;", ...prelude, ""].join("\n"));
    pgRestore.stdout!.pipe(psql.stdin!, { end: false });
    payloadStream(file).pipe(pgRestore.stdin!);
    const restoreCode = await restoreDone;
    if (restoreCode === 0) {
      // COMMIT only once the whole archive has been replayed; any other ending rolls everything back.
      psql.stdin!.end("COMMIT;\n");
    } else {
      psql.kill();
    }
    const psqlCode = await psqlDone;
    if (psqlCode !== 0 || restoreCode !== 0) {
      const why = psqlErrors().trim() ? lastLines(psqlErrors()) : lastLines(restoreErrors());
      throw new BackupError(`The restore failed and was rolled back: the database is as it was before.\n${why}`);
    }
  } finally {
    await rm(listDir, { recursive: true, force: true });
  }
}

export interface ServerRestoreOptions {
  replace: boolean;
  /** The web server's role to grant afresh after the restore; null to leave grants to the next start-up. */
  appRole: { role: string; password: string | null } | null;
}

export interface RestoreOutcome {
  /** The audit trail's check on the restored data; null when the backup holds no audit trail. */
  audit: ChainReport | null;
}

/**
 * Restores a checked server backup into DATABASE_URL's database, all or nothing: the old contents
 * (with --replace) are dropped and the backup loaded in one transaction, committed only when
 * pg_restore has replayed the whole archive without error.
 */
export async function restoreServer(url: string, file: string, header: BackupHeader, options: ServerRestoreOptions): Promise<RestoreOutcome> {
  const written = Number(header.tool.match(/(\d+)/)?.[1] ?? 0);
  const restoreTool = await toolVersion("pg_restore");
  if (restoreTool.major < written) {
    throw new BackupError(
      `This backup was written by ${header.tool}, which this machine's pg_restore (version ${restoreTool.major}) cannot read. ` +
        `Install PostgreSQL ${written}'s client tools (postgresql-client-${written}) and put them first on PATH.`,
    );
  }
  const { schemas, list } = await archiveContents(file);
  const target = await targetState(url);
  if (target.otherConnections > 0) {
    throw new BackupError(
      `${target.otherConnections} other connection${target.otherConnections === 1 ? " is" : "s are"} open to the database: ` +
        `stop every instance of the service (and anything else using the database) before restoring. Nothing was restored.`,
    );
  }
  const clashing = schemas.filter((s) => s !== "public" && target.schemas.includes(s));
  if ((target.relations > 0 || clashing.length > 0) && !options.replace) {
    throw new BackupError(
      `The database is not empty (${target.relations} tables and other objects). Nothing was restored. ` +
        `Restore into a new, empty database, or add --replace to replace everything in this one.`,
    );
  }
  const prelude = options.replace
    ? ["DROP SCHEMA IF EXISTS public CASCADE;", "CREATE SCHEMA public;", ...schemas.filter((s) => s !== "public").map((s) => `DROP SCHEMA IF EXISTS ${quoteIdent(s)} CASCADE;`)]
    : [];
  await replay(file, url, prelude, list);

  if (options.appRole) await provisionAppRole(url, { ...options.appRole, embedded: false });
  const hasAudit = await withClient(url, async (c) => (await c.query("SELECT to_regclass('public.audit_events') IS NOT NULL AS present")).rows[0]?.present === true);
  if (!hasAudit) return { audit: null };
  const db = createPrismaClient(url, 1);
  try {
    return { audit: await verifyAuditChain(db) };
  } finally {
    await db.$disconnect();
  }
}
