// Statuses change with time (a deadline passes with no edit), so once a day everything is brought
// to today and that day's snapshot is written. The daily job on the queue (lib/jobs/) runs this at
// DAILY_EVALUATION_CRON; start-up and `npm run db:evaluate` call it too. No "server-only": the CLI
// and start-up use it.
import { evaluatedOn, evaluateEverythingNow, withFullRunLock, type Db, type FullEvaluation } from "@/lib/data/evaluation";
import { todayInLondon } from "@/lib/platform/today";

/**
 * Evaluates everything as of `today` unless the stored results are already that recent. The check
 * and the run hold the full-run lock together, so however many processes ask at once, one does the
 * work and the others find it done.
 */
export async function evaluateIfStale(
  db: Db,
  today = todayInLondon(),
  onProgress?: (done: number) => void,
): Promise<FullEvaluation | null> {
  return withFullRunLock(db, async (locked) => {
    const stored = await evaluatedOn(locked);
    if (stored !== null && stored >= today) return null;
    return evaluateEverythingNow(locked, today, onProgress);
  });
}
