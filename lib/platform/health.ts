// What GET /readyz checks in each server process (scripts/server.ts): the database answers, every
// migration this code was built with has been applied, and this process's job queue is running.
// A load balancer sends traffic only to a process that passes all three. The answer names the
// failed check in words and nothing else: no versions, host names, addresses or error texts.
//
// The web server's database role may not read `_prisma_migrations` (ADR 4), so start-up, as the
// schema's owner, creates a function that lists the applied migrations' names and nothing more,
// runs with its owner's rights, and may be called by the app role only.
import { readdirSync, existsSync } from "node:fs";
import path from "node:path";
import type pg from "pg";

export const APPLIED_MIGRATIONS_FUNCTION = "ecr_applied_migrations";

/** The migrations committed with this code (prisma/migrations/<name>/migration.sql), oldest first. */
export function committedMigrations(dir = path.join(process.cwd(), "prisma", "migrations")): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(dir, d.name, "migration.sql")))
    .map((d) => d.name)
    .sort();
}

/**
 * Run by start-up as the schema's owner, after migrating: (re)creates the function /readyz asks
 * which migrations are applied (finished, not rolled back), callable only by the app role.
 */
export async function prepareHealthChecks(owner: pg.Client, appRole: string): Promise<void> {
  const schema = owner.escapeIdentifier(
    (await owner.query<{ schema: string }>("SELECT current_schema() AS schema")).rows[0]!.schema,
  );
  const fn = `${schema}.${APPLIED_MIGRATIONS_FUNCTION}()`;
  await owner.query("BEGIN");
  try {
    await owner.query(
      `CREATE OR REPLACE FUNCTION ${fn} RETURNS SETOF text
         LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog
         AS $$ SELECT migration_name::text FROM ${schema}._prisma_migrations
               WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL $$`,
    );
    await owner.query(`REVOKE ALL ON FUNCTION ${fn} FROM PUBLIC`);
    await owner.query(`GRANT EXECUTE ON FUNCTION ${fn} TO ${owner.escapeIdentifier(appRole)}`);
    await owner.query("COMMIT");
  } catch (error) {
    await owner.query("ROLLBACK").catch(() => {});
    throw error;
  }
}

export type Query = (sql: string) => Promise<{ rows: Record<string, unknown>[] }>;

/** Committed migrations the database has not applied (all of them when it cannot say). */
export async function pendingMigrations(query: Query, committed: readonly string[]): Promise<string[]> {
  let applied: Set<string>;
  try {
    const r = await query(`SELECT name FROM ${APPLIED_MIGRATIONS_FUNCTION}() AS name`);
    applied = new Set(r.rows.map((row) => String(row.name)));
  } catch {
    // No such function yet (a database this version has not prepared) or no right to call it.
    return [...committed];
  }
  return committed.filter((name) => !applied.has(name));
}

export interface Readiness {
  ready: boolean;
  /** The checks that failed, in words an operator reads on a load balancer's page. */
  failing: string[];
}

export const NOT_READY = {
  draining: "this process is shutting down",
  database: "the database is not answering",
  migrations: "the database's migrations are not current",
  jobs: "the background job queue is not running",
} as const;

export interface ReadinessSources {
  query: Query;
  committed: readonly string[];
  jobsRunning: () => boolean;
  draining: () => boolean;
  timeoutMs?: number;
}

function within<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error("timed out")), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

export async function checkReadiness(sources: ReadinessSources): Promise<Readiness> {
  const failing: string[] = [];
  if (sources.draining()) failing.push(NOT_READY.draining);
  const timeout = sources.timeoutMs ?? 3_000;
  let answering = false;
  try {
    const r = await within(timeout, sources.query("SELECT 1 AS ok"));
    answering = r.rows.length === 1;
  } catch {
    answering = false;
  }
  if (!answering) {
    failing.push(NOT_READY.database);
  } else {
    const pending = await within(timeout, pendingMigrations(sources.query, sources.committed)).catch(() => [...sources.committed]);
    if (pending.length > 0) failing.push(NOT_READY.migrations);
  }
  if (!sources.jobsRunning()) failing.push(NOT_READY.jobs);
  return { ready: failing.length === 0, failing };
}
