// The background_jobs row of a job as the process doing it keeps it up to date. Every write names
// the attempt it belongs to, so an attempt that was given up on (its process stalled, the job went
// to another) cannot overwrite the one now running.
import type { Prisma } from "@/generated/prisma/client";
import { appDb } from "@/lib/jobs/boss";

/** At most this often a running job writes its progress. */
const PROGRESS_EVERY_MS = 300;

export interface Attempt {
  id: string;
  attempt: number;
}

/** Marks the job running here; returns its reasons and who asked, or null if it has no record. */
export async function markRunning(a: Attempt, worker: string, phase: string): Promise<{ reasons: string[]; startedBy: string } | null> {
  const rows = await appDb().$queryRawUnsafe<{ reasons: string[]; started_by: string }[]>(
    `UPDATE background_jobs SET state = 'running', queued_kind = NULL, worker = $2, attempts = $3, phase = $4,
       started_at = COALESCE(started_at, now()), done = 0, total = NULL, error = NULL, updated_at = now()
     WHERE id = $1::uuid RETURNING reasons, started_by`,
    a.id, worker, a.attempt, phase,
  );
  const row = rows[0];
  return row ? { reasons: row.reasons, startedBy: row.started_by } : null;
}

/** Creates the record of a job that was not queued with one (the daily run), or marks it running. */
export async function recordStarted(
  a: Attempt,
  job: { kind: string; reason: string; startedBy: string; returnTo: string; phase: string },
  worker: string,
): Promise<void> {
  await appDb().$executeRawUnsafe(
    `INSERT INTO background_jobs (id, kind, reasons, started_by, return_to, state, phase, worker, attempts, started_at)
     VALUES ($1::uuid, $2, ARRAY[$3::text], $4, $5, 'running', $6, $7, $8, now())
     ON CONFLICT (id) DO UPDATE SET state = 'running', phase = EXCLUDED.phase, worker = EXCLUDED.worker,
       attempts = EXCLUDED.attempts, done = 0, total = NULL, error = NULL, updated_at = now()`,
    a.id, job.kind, job.reason, job.startedBy, job.returnTo, job.phase, worker, a.attempt,
  );
}

export async function setPhase(a: Attempt, phase: string, total?: number): Promise<void> {
  await appDb().$executeRawUnsafe(
    `UPDATE background_jobs SET phase = $3, total = COALESCE($4, total), updated_at = now() WHERE id = $1::uuid AND attempts = $2`,
    a.id, a.attempt, phase, total ?? null,
  );
}

/**
 * A progress callback for evaluateEverything that writes at most every 300 ms (and always the
 * last count), without holding the evaluation up. `abort` is checked on every call: a job pg-boss
 * has stopped waiting for (shutdown, lost heartbeat) stops here rather than carrying on unseen.
 */
export function progressWriter(a: Attempt, total: number, signal: AbortSignal, onError: (error: unknown) => void) {
  let last = 0;
  let pending: Promise<unknown> = Promise.resolve();
  const write = (done: number) => {
    const phase = done >= total ? "Updating the figures for sites and organisations" : "Re-evaluating devices";
    pending = appDb()
      .$executeRawUnsafe(
        `UPDATE background_jobs SET done = $3, phase = $4, updated_at = now() WHERE id = $1::uuid AND attempts = $2`,
        a.id, a.attempt, Math.min(done, total), phase,
      )
      .catch(onError);
  };
  return {
    onProgress(done: number): void {
      if (signal.aborted) throw new Error("The work was stopped before it finished.");
      const now = Date.now();
      if (now - last >= PROGRESS_EVERY_MS || done >= total) {
        last = now;
        write(done);
      }
    },
    /** Resolves when the last progress write has landed. */
    settled: () => pending,
  };
}

export async function markDone(a: Attempt, result: object | null, phase: string, extra?: (tx: Prisma.TransactionClient) => Promise<void>): Promise<void> {
  await appDb().$transaction(async (tx) => {
    await extra?.(tx);
    await tx.$executeRawUnsafe(
      `UPDATE background_jobs SET state = 'done', phase = $3, done = COALESCE(total, done), result = $4::jsonb,
         error = NULL, finished_at = now(), updated_at = now()
       WHERE id = $1::uuid AND attempts = $2`,
      a.id, a.attempt, phase, result === null ? null : JSON.stringify(result),
    );
  });
}

/** A failed attempt: failed for good when no retry is left, else waiting to be tried again. */
export async function markFailed(a: Attempt, error: string, final: boolean): Promise<void> {
  await appDb().$executeRawUnsafe(
    final
      ? `UPDATE background_jobs SET state = 'failed', phase = 'Failed', error = $3, finished_at = now(), updated_at = now()
         WHERE id = $1::uuid AND attempts = $2`
      : `UPDATE background_jobs SET phase = 'Failed; it will be tried again shortly', error = $3, updated_at = now()
         WHERE id = $1::uuid AND attempts = $2`,
    a.id, a.attempt, error,
  );
}

/** How long finished jobs stay listed: the audit trail keeps what each one changed for good. */
export const KEEP_FINISHED_JOBS_DAYS = 90;

/** Forgets jobs that finished more than KEEP_FINISHED_JOBS_DAYS ago; returns how many. */
export async function pruneFinishedJobs(days = KEEP_FINISHED_JOBS_DAYS): Promise<number> {
  return appDb().$executeRawUnsafe(
    `DELETE FROM background_jobs WHERE state IN ('done', 'failed') AND finished_at < now() - make_interval(days => $1)`,
    days,
  );
}
