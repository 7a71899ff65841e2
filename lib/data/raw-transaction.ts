// A transaction on a plain node-postgres connection, for bulk work (imports, re-evaluation of many
// devices). Prisma's driver adapter converts every value of every parameter and every cell of every
// row on its way through, which costs more than PostgreSQL's own work when a statement carries
// 2,000-row arrays or returns 20,000 rows: staging 100,000 import rows took 5.4 s through the
// adapter and 2.3 s directly. The connection comes from the Prisma client's own pool, so the pool
// limit (one connection for embedded PGlite) still holds; code inside must use `tx`, never db().
// No "server-only" marker: scripts and benchmarks use this too.
import pg from "pg";
import type { PrismaClient } from "@/generated/prisma/client";
import { poolOf } from "@/lib/db-client";
import type { Db } from "@/lib/data/evaluation";

// Read values the way Prisma's raw queries do, so code behaves the same on either executor:
// timestamps without a time zone are UTC, dates are UTC midnights, bigints are BigInt.
const DATE = 1082;
const TIMESTAMP = 1114;
const INT8 = 20;
const types = {
  getTypeParser(oid: number, format?: "text" | "binary") {
    if (oid === DATE) return (v: string) => new Date(`${v}T00:00:00Z`);
    if (oid === TIMESTAMP) return (v: string) => new Date(`${v.replace(" ", "T")}Z`);
    if (oid === INT8) return (v: string) => BigInt(v);
    return pg.types.getTypeParser(oid, format as "text");
  },
};

/** `Db` (the two raw-query methods the data layer's bulk code uses) over one pg connection. */
export function pgExecutor(conn: pg.ClientBase): Db {
  const query = (text: string, values: unknown[]) => conn.query({ text, values, types });
  return {
    $queryRawUnsafe: ((text: string, ...values: unknown[]) => query(text, values).then((r) => r.rows)) as Db["$queryRawUnsafe"],
    $executeRawUnsafe: ((text: string, ...values: unknown[]) => query(text, values).then((r) => r.rowCount ?? 0)) as Db["$executeRawUnsafe"],
  };
}

/** Runs `fn` in one transaction on a connection of `client`'s pool: committed if it returns, rolled back if it throws. */
export async function rawTransaction<T>(client: PrismaClient, fn: (tx: Db) => Promise<T>): Promise<T> {
  const conn = await poolOf(client).connect();
  let broken = false;
  try {
    await conn.query("BEGIN");
    const result = await fn(pgExecutor(conn));
    await conn.query("COMMIT");
    return result;
  } catch (error) {
    await conn.query("ROLLBACK").catch(() => {
      broken = true;
    });
    throw error;
  } finally {
    // A connection that could not roll back is closed rather than handed to the next caller.
    conn.release(broken);
  }
}
