// What /readyz checks (lib/platform/health.ts), against the real test database: the app role may
// ask which migrations are applied through start-up's function and nothing more, and a migration
// the database lacks, a database that does not answer, a stopped queue or a drain each make the
// process not ready, said in words that give nothing away.
import pg from "pg";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { databaseUrl } from "./helpers";
import { provisionAppRole } from "@/lib/platform/app-role";
import { checkReadiness, committedMigrations, NOT_READY, pendingMigrations, prepareHealthChecks, type Query } from "@/lib/platform/health";

const ROLE = "ecr_srv_health_app";
const embedded = () => inject("embedded");
let appUrl: string;

async function connect(url: string, role?: string): Promise<pg.Client> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  // PGlite's one session ignores the user a client names: become the role as the app does.
  if (role && embedded()) await c.query(`SET ROLE ${role}`);
  return c;
}

async function withOwner<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = await connect(databaseUrl());
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

async function withApp<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = await connect(appUrl, ROLE);
  try {
    return await fn(c);
  } finally {
    if (embedded()) await c.query("RESET ROLE").catch(() => {});
    await c.end();
  }
}

/** Runs `fn` in an owner's transaction that is always rolled back, so the shared database is left as it was. */
async function rolledBack<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  return withOwner(async (c) => {
    await c.query("BEGIN");
    try {
      return await fn(c);
    } finally {
      await c.query("ROLLBACK");
    }
  });
}

const queryOn = (c: pg.Client): Query => (sql) => c.query(sql);
const ready = (query: Query, extra: Partial<Parameters<typeof checkReadiness>[0]> = {}) =>
  checkReadiness({ query, committed: committedMigrations(), jobsRunning: () => true, draining: () => false, ...extra });

beforeAll(async () => {
  appUrl = await provisionAppRole(databaseUrl(), { role: ROLE, password: embedded() ? null : "test-only-health-password", embedded: embedded() });
  await withOwner((c) => prepareHealthChecks(c, ROLE));
});

describe("the readiness check", () => {
  it("knows the migrations committed with the code, and the test database has applied them all", async () => {
    const committed = committedMigrations();
    expect(committed.length).toBeGreaterThanOrEqual(5);
    expect(committed[0]).toBe("20261128170000_init");
    expect([...committed].sort()).toEqual(committed);
    const applied = await withOwner(async (c) =>
      (await c.query<{ name: string }>("SELECT migration_name AS name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL")).rows.map((r) => r.name),
    );
    expect(committed.filter((m) => !applied.includes(m))).toEqual([]);
  });

  it("is ready as the app role, which may ask for applied migrations' names but still not read the table", async () => {
    const result = await withApp(async (c) => ({
      readiness: await ready(queryOn(c)),
      names: (await c.query<{ name: string }>("SELECT name FROM ecr_applied_migrations() AS name")).rows.length,
      table: await c.query("SELECT count(*) FROM _prisma_migrations").then(
        () => "allowed",
        (e: { code?: string }) => e.code,
      ),
    }));
    expect(result.readiness).toEqual({ ready: true, failing: [] });
    expect(result.names).toBeGreaterThanOrEqual(committedMigrations().length);
    expect(result.table).toBe("42501");
  });

  it("is not ready when a committed migration is missing from _prisma_migrations, or was rolled back", async () => {
    const last = committedMigrations().at(-1)!;
    const deleted = await rolledBack(async (c) => {
      await c.query("DELETE FROM _prisma_migrations WHERE migration_name = $1", [last]);
      return { pending: await pendingMigrations(queryOn(c), committedMigrations()), readiness: await ready(queryOn(c)) };
    });
    expect(deleted.pending).toEqual([last]);
    expect(deleted.readiness).toEqual({ ready: false, failing: [NOT_READY.migrations] });

    const rolledBackMigration = await rolledBack(async (c) => {
      await c.query("UPDATE _prisma_migrations SET rolled_back_at = now() WHERE migration_name = $1", [committedMigrations()[0]]);
      return pendingMigrations(queryOn(c), committedMigrations());
    });
    expect(rolledBackMigration).toEqual([committedMigrations()[0]]);

    // Unfinished (a migration that failed half-way) counts as not applied either.
    const unfinished = await rolledBack(async (c) => {
      await c.query("UPDATE _prisma_migrations SET finished_at = NULL WHERE migration_name = $1", [last]);
      return pendingMigrations(queryOn(c), committedMigrations());
    });
    expect(unfinished).toEqual([last]);

    // The shared database is untouched.
    expect(await withApp((c) => ready(queryOn(c)))).toEqual({ ready: true, failing: [] });
  });

  it("counts every migration as pending on a database start-up has not prepared", async () => {
    const missing = await rolledBack(async (c) => {
      await c.query("DROP FUNCTION ecr_applied_migrations()");
      return pendingMigrations(queryOn(c), committedMigrations());
    });
    expect(missing).toEqual(committedMigrations());
  });

  it("names a database that does not answer, a stopped queue and a drain, and nothing else", async () => {
    const nowhere = new pg.Pool({ connectionString: "postgresql://nobody:secret@127.0.0.1:9/nowhere", connectionTimeoutMillis: 1_000 });
    nowhere.on("error", () => {});
    try {
      const down = await checkReadiness({ query: (sql) => nowhere.query(sql), committed: committedMigrations(), jobsRunning: () => false, draining: () => true });
      expect(down).toEqual({ ready: false, failing: [NOT_READY.draining, NOT_READY.database, NOT_READY.jobs] });
      expect(JSON.stringify(down)).not.toMatch(/127\.0\.0\.1|nowhere|nobody|secret|ECONNREFUSED|postgres/i);
    } finally {
      await nowhere.end();
    }
    // A database that hangs counts as not answering once the check's time is up.
    const hung = await checkReadiness({ query: () => new Promise(() => {}), committed: [], jobsRunning: () => true, draining: () => false, timeoutMs: 200 });
    expect(hung).toEqual({ ready: false, failing: [NOT_READY.database] });
  });
});
