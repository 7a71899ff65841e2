import type { PrismaClient } from "@/generated/prisma/client";

type Executor = Pick<PrismaClient, "$executeRawUnsafe">;

export interface Column<Row> {
  name: string;
  /** PostgreSQL array element type used to pass the column, e.g. `int`, `text`, `date`, `"Network"`. */
  type: string;
  value: (row: Row) => unknown;
  /** Cast applied after unnest, for values that cannot travel as a flat array (e.g. `text[]`). */
  castTo?: string;
}

/**
 * Set-based insert: one statement per chunk, each column passed as one array parameter and
 * turned back into rows by unnest. Tens of thousands of rows a statement, no per-row round trip.
 */
export async function bulkInsert<Row>(
  db: Executor,
  table: string,
  columns: readonly Column<Row>[],
  rows: readonly Row[],
  chunkSize = 20_000,
): Promise<void> {
  const names = columns.map((c) => `"${c.name}"`).join(", ");
  const params = columns.map((c, i) => `$${i + 1}::${c.type}[]`).join(", ");
  const select = columns.map((c, i) => `u.c${i}${c.castTo ? `::${c.castTo}` : ""}`).join(", ");
  const aliases = columns.map((_, i) => `c${i}`).join(", ");
  const sql = `INSERT INTO "${table}" (${names}) SELECT ${select} FROM unnest(${params}) AS u(${aliases})`;
  for (let start = 0; start < rows.length; start += chunkSize) {
    const chunk = rows.slice(start, start + chunkSize);
    const arrays = columns.map((c) => chunk.map((row) => c.value(row)));
    await db.$executeRawUnsafe(sql, ...arrays);
  }
}

/** After inserting explicit ids, move the table's sequence past them. */
export async function resetSequence(db: Executor, table: string): Promise<void> {
  await db.$executeRawUnsafe(
    `SELECT setval(pg_get_serial_sequence('"${table}"', 'id'), COALESCE((SELECT MAX(id) FROM "${table}"), 0) + 1, false)::text`,
  );
}
