// Statuses change with time (a deadline passes with no edit), so once a day everything is brought
// to today and that day's snapshot is written. No "server-only": the CLI and start-up use it too.
import { evaluatedOn, evaluateEverything, type Db, type FullEvaluation } from "@/lib/data/evaluation";
import { todayInLondon } from "@/lib/platform/today";

export async function evaluateIfStale(
  db: Db,
  today = todayInLondon(),
  onProgress?: (done: number) => void,
): Promise<FullEvaluation | null> {
  const stored = await evaluatedOn(db);
  if (stored !== null && stored >= today) return null;
  return evaluateEverything(db, today, onProgress);
}

let timer: ReturnType<typeof setInterval> | null = null;

/** In the web server: check every hour, so a server left running rolls over at midnight. */
export function scheduleDailyEvaluation(db: () => Db, log: (line: string) => void = console.log): void {
  if (timer) return;
  const tick = () => {
    evaluateIfStale(db())
      .then((r) => {
        if (r) log(`[daily] re-evaluated ${r.devices} devices (${r.changed} changed) in ${r.durationMs} ms`);
      })
      .catch((error: unknown) => log(`[daily] re-evaluation failed: ${String(error)}`));
  };
  timer = setInterval(tick, 60 * 60 * 1000);
  timer.unref();
}
