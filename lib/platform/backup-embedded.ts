// Backup and restore of the embedded database. PGlite is PostgreSQL 17 in WebAssembly, which the
// PostgreSQL 15 client tools on a Debian machine cannot dump, so the payload is PGlite's own copy
// of its data directory (dumpDataDir: a gzip'd tar of the whole cluster, roles and grants
// included). PGlite keeps no lock of its own and cannot be opened by two processes, so both
// commands take the service's lock (DATA_DIR/embedded.pid) and refuse while it is held.
import { existsSync } from "node:fs";
import { mkdir, readFile, rename, rm } from "node:fs/promises";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { verifyAuditChain } from "@/lib/data/audit-chain";
import type { Db } from "@/lib/data/evaluation";
import { BackupError, HEADER_BYTES, writeBackupFile, type BackupHeader } from "@/lib/platform/backup-file";
import type { RestoreOutcome } from "@/lib/platform/backup-server";
import { StartupError, takeLock } from "@/lib/platform/embedded-postgres";

const PGLITE_VERSION = "0.4.6";
const TIMESTAMP_OID = 1114;

/** The service's own lock on the data directory, or a plain refusal while the service holds it. */
function lockDataDir(dataDir: string, doing: string): () => void {
  try {
    return takeLock(dataDir);
  } catch (error) {
    if (error instanceof StartupError) {
      const pid = error.message.match(/pid (\d+)/)?.[1];
      throw new BackupError(
        `The service is running on ${dataDir}${pid ? ` (process ${pid})` : ""}. Stop it before ${doing}: ` +
          `the embedded database can only be used by one process at a time.`,
      );
    }
    throw error;
  }
}

/**
 * PGlite opened directly (no socket). Timestamps without a time zone are read as UTC, as Prisma
 * writes them, so the audit chain's hashes are recomputed from the same instants.
 */
async function openCluster(dataDir: string, loadDataDir?: Blob): Promise<PGlite> {
  return PGlite.create({
    dataDir,
    ...(loadDataDir ? { loadDataDir } : {}),
    parsers: { [TIMESTAMP_OID]: (value: string) => new Date(`${value.replace(" ", "T")}Z`) },
  });
}

async function closeCluster(db: PGlite): Promise<void> {
  // PGlite's runtime sets process.exitCode to 0 as its PostgreSQL exits: keep the one we had.
  const exitCode = process.exitCode;
  await db.close();
  process.exitCode = exitCode;
}

async function migrationLevel(db: PGlite): Promise<BackupHeader["migration"]> {
  const present = await db.query<{ present: boolean }>("SELECT to_regclass('public._prisma_migrations') IS NOT NULL AS present");
  if (!present.rows[0]?.present) return { latest: null, count: 0 };
  const r = await db.query<{ latest: string | null; count: number }>(
    "SELECT max(migration_name) AS latest, count(*)::int AS count FROM public._prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL",
  );
  return { latest: r.rows[0]!.latest, count: r.rows[0]!.count };
}

async function userRelations(db: PGlite): Promise<number> {
  const r = await db.query<{ n: number }>(`
    SELECT count(*)::int AS n FROM pg_class k JOIN pg_namespace n ON n.oid = k.relnamespace
     WHERE k.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
       AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'`);
  return r.rows[0]!.n;
}

function clusterDir(dataDir: string): string {
  return path.join(dataDir, "pglite");
}

/** Backs up the embedded database in `dataDir` (the whole PGlite cluster) to `file`. */
export function assertEmbeddedDatabase(dataDir: string): void {
  if (!existsSync(path.join(clusterDir(dataDir), "PG_VERSION"))) {
    throw new BackupError(`There is no embedded database in ${dataDir} to back up (set DATA_DIR, or DATABASE_URL for a PostgreSQL server).`);
  }
}

export async function backupEmbedded(dataDir: string, file: string): Promise<BackupHeader> {
  const pgDir = clusterDir(dataDir);
  assertEmbeddedDatabase(dataDir);
  const release = lockDataDir(dataDir, "backing up");
  try {
    const db = await openCluster(pgDir);
    try {
      // Everything written so far is in the data files before they are copied.
      await db.exec("CHECKPOINT");
      const version = (await db.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0]!.v;
      const migration = await migrationLevel(db);
      const tarball = await db.dumpDataDir("gzip");
      return await writeBackupFile(
        file,
        {
          kind: "embedded",
          content: "PGlite data directory (tar, gzip)",
          createdAt: new Date().toISOString(),
          migration,
          postgresVersion: version,
          tool: `PGlite ${PGLITE_VERSION}`,
        },
        // PGlite hands the whole tarball over in memory; it is written out in one piece.
        async (sink) => sink(Buffer.from(await tarball.arrayBuffer())),
      );
    } finally {
      await closeCluster(db);
    }
  } finally {
    release();
  }
}

/**
 * Restores a checked embedded backup into `dataDir`, all or nothing: the cluster is loaded into a
 * new directory beside the current one and checked there, then swapped in with two renames. The
 * data it replaces is removed once the swap is done.
 */
export async function restoreEmbedded(dataDir: string, file: string, options: { replace: boolean }): Promise<RestoreOutcome> {
  const pgDir = clusterDir(dataDir);
  await mkdir(dataDir, { recursive: true });
  const release = lockDataDir(dataDir, "restoring");
  const incoming = `${pgDir}.restoring`;
  try {
    if (existsSync(path.join(pgDir, "PG_VERSION"))) {
      const current = await openCluster(pgDir);
      let relations: number;
      try {
        relations = await userRelations(current);
      } finally {
        await closeCluster(current);
      }
      if (relations > 0 && !options.replace) {
        throw new BackupError(
          `The embedded database in ${dataDir} is not empty (${relations} tables and other objects). Nothing was restored. ` +
            `Restore into another DATA_DIR, or add --replace to replace it.`,
        );
      }
    }
    // A directory left by a restore that was interrupted holds nothing we need.
    await rm(incoming, { recursive: true, force: true });
    const payload = (await readFile(file)).subarray(HEADER_BYTES);
    let audit: RestoreOutcome["audit"];
    try {
      const restored = await openCluster(incoming, new Blob([payload]));
      try {
        audit = (await userRelations(restored)) > 0 && (await hasAuditTrail(restored)) ? await verifyAuditChain(asDb(restored)) : null;
      } finally {
        await closeCluster(restored);
      }
    } catch (error) {
      await rm(incoming, { recursive: true, force: true });
      if (error instanceof BackupError) throw error;
      throw new BackupError(`The backup could not be loaded (${(error as Error).message}). Nothing was restored.`);
    }
    await swapIn(pgDir, incoming);
    return { audit };
  } finally {
    release();
  }
}

async function hasAuditTrail(db: PGlite): Promise<boolean> {
  return (await db.query<{ present: boolean }>("SELECT to_regclass('public.audit_events') IS NOT NULL AS present")).rows[0]?.present === true;
}

/** The audit check reads through Prisma's raw-query methods; PGlite answers the same queries. */
function asDb(db: PGlite): Db {
  return {
    $queryRawUnsafe: async (sql: string, ...values: unknown[]) => (await db.query(sql, values)).rows,
    $executeRawUnsafe: async (sql: string, ...values: unknown[]) => (await db.query(sql, values)).affectedRows ?? 0,
  } as unknown as Db;
}

async function swapIn(pgDir: string, incoming: string): Promise<void> {
  const previous = `${pgDir}.replaced-${Date.now()}`;
  const hadPrevious = existsSync(pgDir);
  if (hadPrevious) await rename(pgDir, previous);
  try {
    await rename(incoming, pgDir);
  } catch (error) {
    if (hadPrevious) await rename(previous, pgDir);
    throw error;
  }
  if (hadPrevious) await rm(previous, { recursive: true, force: true });
}
