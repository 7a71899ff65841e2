import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "@/generated/prisma/client";
import { ConfigError, env } from "@/lib/env";

// The pool behind each client, so bulk work can borrow a connection of the same pool (see
// lib/data/raw-transaction.ts) without opening more connections than the pool allows. Kept on the
// client under a registered symbol: the bundler may load this module more than once, and the
// client (a process-wide singleton in lib/db.ts) must be understood by every copy.
const POOL = Symbol.for("estate-camera-register.pg-pool");
type WithPool = PrismaClient & { [POOL]?: pg.Pool };

/**
 * A Prisma client over node-postgres. Shared by the app (through lib/db.ts) and by scripts and
 * tests, which may not import "server-only" modules.
 *
 * Embedded PGlite serves every socket connection from one session, so concurrent transactions
 * there would interleave: the pool is kept to one connection in embedded mode.
 */
export function createPrismaClient(url?: string, poolMax?: number): PrismaClient {
  const e = env();
  const connectionString = url ?? e.DATABASE_URL;
  if (!connectionString) {
    throw new ConfigError("Configuration error: DATABASE_URL is not set (start the app with `npm start`)");
  }
  const max = poolMax ?? (e.EMBEDDED === "1" ? 1 : (e.DB_POOL_MAX ?? 10));
  // The roll-up queries' estimates (jsonb_each over counts) would tempt PostgreSQL to JIT-compile
  // them, which costs more than running them: JIT is for long analytical queries, not these.
  const embedded = max === 1 && (poolMax === 1 || e.EMBEDDED === "1");
  const pool = new pg.Pool({
    connectionString,
    max,
    allowExitOnIdle: true,
    ...(embedded ? { onConnect: assumeUrlRole(connectionString) } : { options: "-c jit=off" }),
  });
  const client = new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }), transactionOptions: { maxWait: 30_000, timeout: 600_000 } });
  (client as WithPool)[POOL] = pool;
  return client;
}

/**
 * Embedded PGlite serves every connection from its one superuser session and ignores the user a
 * client names, so there the URL's user is taken on with SET ROLE before the connection is used
 * (a failure ends the connection rather than letting it run as the superuser). This keeps the web
 * server to its least-privileged role's grants, as against a server; it guards against the app's
 * own mistakes, not against someone who can reach the embedded port (see docs/decisions/0004).
 */
function assumeUrlRole(connectionString: string): (client: pg.ClientBase) => Promise<void> {
  const role = decodeURIComponent(new URL(connectionString).username) || "postgres";
  return async (client) => {
    await client.query(`SET ROLE ${client.escapeIdentifier(role)}`);
  };
}

/** The node-postgres pool a client created here runs on. */
export function poolOf(client: PrismaClient): pg.Pool {
  const pool = (client as WithPool)[POOL];
  if (!pool) throw new Error("This Prisma client was not made by createPrismaClient");
  return pool;
}
