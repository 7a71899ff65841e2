import { spawn } from "node:child_process";
import path from "node:path";
import pg from "pg";
import { StartupError } from "@/lib/platform/embedded-postgres";

function describe(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || "5432"}${u.pathname}`;
  } catch {
    return "the configured address";
  }
}

export async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    if (e.code === "3D000") {
      throw new StartupError(`The database ${describe(url)} does not exist. Create it first (for example: createdb ${new URL(url).pathname.slice(1)}).`);
    }
    throw new StartupError(
      `Cannot reach the database at ${describe(url)} (${e.code ?? e.message}). Check DATABASE_URL and that PostgreSQL is running.`,
    );
  }
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => {});
  }
}

export async function assertReachable(url: string): Promise<void> {
  await withClient(url, async (c) => {
    await c.query("SELECT 1");
  });
}

/** Applies the committed migrations with Prisma Migrate, in a child process (never sync: see STACK.md). */
export async function migrateDeploy(url: string, cwd = process.cwd()): Promise<void> {
  const prismaCli = path.join(cwd, "node_modules", "prisma", "build", "index.js");
  const output: string[] = [];
  const code = await new Promise<number>((resolve, reject) => {
    const child = spawn(process.execPath, [prismaCli, "migrate", "deploy"], {
      cwd,
      env: {
        // The CLI child inherits our environment; nothing is read from it here.
        // eslint-disable-next-line no-restricted-properties
        ...process.env,
        DATABASE_URL: url,
        CHECKPOINT_DISABLE: "1",
        PRISMA_HIDE_UPDATE_MESSAGE: "1",
        NODE_OPTIONS: `--require=${path.join(cwd, "scripts", "unref-timers.cjs")}`,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout.on("data", (b: Buffer) => output.push(b.toString()));
    child.stderr.on("data", (b: Buffer) => output.push(b.toString()));
    child.on("error", reject);
    child.on("close", (c) => resolve(c ?? 1));
  });
  if (code !== 0) {
    const text = output.join("").trim().split("\n").slice(-8).join("\n");
    throw new StartupError(`Database migration failed; the database was left as it was.\n${text}`);
  }
}

export async function isEmpty(url: string): Promise<boolean> {
  return withClient(url, async (c) => {
    const r = await c.query<{ n: string }>("SELECT count(*)::text AS n FROM organisations");
    return r.rows[0]?.n === "0";
  });
}

/** Drops every table, for a re-seed. The audit trail's append-only trigger does not stop a DROP. */
export async function dropSchema(url: string): Promise<void> {
  await withClient(url, async (c) => {
    await c.query("DROP SCHEMA IF EXISTS public CASCADE");
    await c.query("CREATE SCHEMA public");
  });
}

/** Creates a fresh database next to the one at `adminUrl` and returns its URL. */
export async function createFreshDatabase(adminUrl: string, name: string): Promise<string> {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`unsafe database name ${name}`);
  await withClient(adminUrl, async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.query(`CREATE DATABASE ${name}`);
  });
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return u.toString();
}
