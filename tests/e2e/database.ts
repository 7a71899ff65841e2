// Read-only access to the database of the server under test, for specs that must prove a refused
// request wrote nothing. scripts/e2e-server.ts decides where that database is: a fresh database
// named ecr_e2e_<port> on TEST_DATABASE_URL's server, or embedded PostgreSQL on port + 20000.
// Each read opens and closes its own connection: embedded PostgreSQL serves two at most, and the
// server under test holds one.
import pg from "pg";

const port = Number(process.env.E2E_PORT ?? 3100);

export function e2eDatabaseUrl(): string {
  // Set to run a spec against a server started some other way.
  if (process.env.E2E_DATABASE_URL) return process.env.E2E_DATABASE_URL;
  const admin = process.env.TEST_DATABASE_URL;
  if (!admin) return `postgresql://postgres:postgres@127.0.0.1:${port + 20_000}/postgres`;
  const url = new URL(admin);
  url.pathname = `/ecr_e2e_${port}`;
  return url.toString();
}

export async function query<T extends Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
  for (let attempt = 1; ; attempt++) {
    const client = new pg.Client({ connectionString: e2eDatabaseUrl() });
    try {
      await client.connect();
      const result = await client.query<T>(sql, params);
      return result.rows;
    } catch (error) {
      // The embedded server refuses a third connection while the app hands its own over.
      if (attempt >= 5) throw error;
      await new Promise((r) => setTimeout(r, 200 * attempt));
    } finally {
      await client.end().catch(() => {});
    }
  }
}

/**
 * What any change to the register, its people, its policy or its audit trail moves: row counts,
 * the sum of the optimistic-concurrency versions, the latest update and the last audit event.
 * Stored compliance results are left out (the daily evaluation may refresh them at any time), and
 * so are sessions and sign-in counters, which every request may touch.
 */
export async function registerFingerprint(): Promise<string> {
  const tables = ["organisations", "sites", "site_sensitivity_history", "camera_systems", "devices", "exemptions", "producers", "brands", "model_prefixes", "users"];
  const parts = tables.map((t) => `(SELECT count(*)::text FROM ${t}) AS ${t}`);
  const versioned = ["sites", "camera_systems", "devices", "producers", "users"].map((t) => `(SELECT coalesce(sum(version), 0)::text FROM ${t}) AS ${t}_versions`);
  const [row] = await query<Record<string, string>>(
    `SELECT ${[...parts, ...versioned].join(", ")},
       (SELECT max(updated_at)::text FROM devices) AS devices_updated,
       (SELECT max(updated_at)::text FROM sites) AS sites_updated,
       (SELECT row(p.*)::text FROM policy_settings p WHERE id = 1) AS policy,
       (SELECT coalesce(max(id), 0)::text FROM audit_events) AS last_audit`,
  );
  return JSON.stringify(row);
}

export async function importBatchCount(): Promise<number> {
  const [row] = await query<{ n: number }>("SELECT count(*)::int AS n FROM import_batches");
  return row?.n ?? 0;
}
