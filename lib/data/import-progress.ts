// Import progress in the database, so the page polling it can be answered by any server process.
// Written on the pool, outside the import's own transaction (which holds another connection), so
// each write is visible at once; a row is only ever changed by the person it belongs to. No
// "server-only" marker: the tests drive it from clients of their own, as separate processes would.
import type { PrismaClient } from "@/generated/prisma/client";
import type { ProgressState, ProgressStore } from "@/lib/import/progress";

/** Progress older than this is gone: nobody polls an import for an hour. */
const KEEP = "1 hour";

interface Row {
  phase: ProgressState["phase"];
  done: number;
  total: number | null;
  batch_id: string | null;
}

export function databaseProgressStore(client: PrismaClient): ProgressStore {
  return {
    async write(token, userId, p) {
      // Another person's row under the same token is left alone (the WHERE on the update).
      await client.$executeRawUnsafe(
        `INSERT INTO import_progress (token, user_id, phase, done, total, batch_id, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, clock_timestamp())
         ON CONFLICT (token) DO UPDATE
           SET phase = EXCLUDED.phase, done = EXCLUDED.done, total = EXCLUDED.total,
               batch_id = EXCLUDED.batch_id, updated_at = EXCLUDED.updated_at
           WHERE import_progress.user_id = EXCLUDED.user_id`,
        token, userId, p.phase, p.done, p.total, p.batchId,
      );
    },
    async read(token, userId) {
      const rows = await client.$queryRawUnsafe<Row[]>(
        `SELECT phase, done, total, batch_id FROM import_progress
         WHERE token = $1 AND user_id = $2 AND updated_at > clock_timestamp() - interval '${KEEP}'`,
        token, userId,
      );
      const r = rows[0];
      return r ? { phase: r.phase, done: r.done, total: r.total, batchId: r.batch_id } : null;
    },
    async sweep() {
      await client.$executeRawUnsafe(`DELETE FROM import_progress WHERE updated_at < clock_timestamp() - interval '${KEEP}'`);
    },
  };
}
