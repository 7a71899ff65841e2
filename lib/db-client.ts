import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/generated/prisma/client";
import { ConfigError, env } from "@/lib/env";

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
  const adapter = new PrismaPg({ connectionString, max, allowExitOnIdle: true, ...(embedded ? {} : { options: "-c jit=off" }) });
  return new PrismaClient({ adapter, transactionOptions: { maxWait: 30_000, timeout: 600_000 } });
}
