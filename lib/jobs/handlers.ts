// What the workers do with an evaluation job. The queue runs one at a time across every process;
// a job whose process dies is handed to another and starts again from the beginning, which is safe
// because a full evaluation writes the same results however often it runs.
import type { JobWithMetadata } from "pg-boss";
import { recordAudit } from "@/lib/data/audit";
import { evaluateIfStale } from "@/lib/data/daily-evaluation";
import { evaluateEverything, type FullEvaluation } from "@/lib/data/evaluation";
import { refreshAllMarked } from "@/lib/data/return-checks";
import { appDb, workerName } from "@/lib/jobs/boss";
import { plainError } from "@/lib/jobs/plain-error";
import type { EvaluationJobData, JobKind } from "@/lib/jobs/queue";
import { markDone, markFailed, markRunning, progressWriter, pruneFinishedJobs, recordStarted, setPhase, type Attempt } from "@/lib/jobs/records";
import { logger } from "@/lib/platform/log";
import { recordJob } from "@/lib/platform/metrics";
import { todayInLondon } from "@/lib/platform/today";

export type EvaluationJob = JobWithMetadata<EvaluationJobData>;

async function countDevices(): Promise<number> {
  const rows = await appDb().$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM devices`);
  return rows[0]?.n ?? 0;
}

const log = () => logger().child({ component: "jobs" });

/**
 * A full evaluation marks every open return for a fresh hash of its figures; doing it here means
 * no page has to. A failure is logged, not fatal: the next reader of the round hashes instead.
 */
async function hashMarkedReturns(a: Attempt): Promise<void> {
  try {
    const hashed = await refreshAllMarked(appDb());
    if (hashed > 0) log().info({ job: a.id, hashed }, "attested returns checked against the new results");
  } catch (error) {
    log().warn({ job: a.id, err: { message: plainError(error) } }, "could not check attested returns after the evaluation");
  }
}

/** Runs `run` with progress written to the job's record; returns the evaluation's figures. */
async function evaluateWithProgress(
  a: Attempt,
  signal: AbortSignal,
  run: (onProgress: (done: number) => void) => Promise<FullEvaluation | null>,
): Promise<FullEvaluation | null> {
  const total = await countDevices();
  await setPhase(a, "Re-evaluating devices", total);
  const progress = progressWriter(a, total, signal, (error) => log().warn({ job: a.id, err: { message: plainError(error) } }, "could not record a job's progress"));
  const result = await run((done) => progress.onProgress(done));
  await progress.settled();
  if (result) await hashMarkedReturns(a);
  return result;
}

async function reevaluation(job: EvaluationJob, a: Attempt): Promise<object> {
  const record = await markRunning(a, workerName(), "Counting devices");
  if (!record) throw new Error("The job's record is missing, so it cannot report its progress.");
  const asOf = todayInLondon();
  const result = (await evaluateWithProgress(a, job.signal, (onProgress) => evaluateEverything(appDb(), asOf, onProgress)))!;
  const figures = { devices: result.devices, changed: result.changed, durationMs: result.durationMs };
  await markDone(a, figures, "Finished", async (tx) => {
    const users = await tx.$queryRawUnsafe<{ id: number }[]>(`SELECT id FROM users WHERE email = $1`, record.startedBy);
    const actor = { id: users[0]?.id ?? null, email: record.startedBy } as { id: number; email: string };
    await recordAudit(tx, actor, {
      action: "compliance.reevaluated",
      entityType: "evaluation",
      entityId: a.id,
      organisationId: null,
      summary: `Re-evaluated ${result.devices.toLocaleString("en-GB")} devices as of ${asOf} after: ${record.reasons.join("; ")} (${result.changed.toLocaleString("en-GB")} results changed)`,
    });
  });
  return figures;
}

async function daily(job: EvaluationJob, a: Attempt): Promise<object> {
  const today = todayInLondon();
  await recordStarted(
    a,
    { kind: "daily-evaluation", reason: `Daily evaluation for ${today}`, startedBy: "the daily schedule", returnTo: "/admin", phase: "Checking whether the results are up to date" },
    workerName(),
  );
  // evaluateIfStale checks and runs under the full-run lock: if the day's results are already
  // stored (an earlier run, a re-evaluation, start-up), it does nothing.
  const result = await evaluateWithProgress(a, job.signal, (onProgress) => evaluateIfStale(appDb(), today, onProgress));
  const pruned = await pruneFinishedJobs();
  if (pruned > 0) log().info({ job: a.id, pruned }, "finished background jobs past their keeping time removed");
  if (!result) {
    const figures = { upToDate: true, asOf: today };
    await markDone(a, figures, `Already up to date for ${today}`);
    return figures;
  }
  const figures = { devices: result.devices, changed: result.changed, durationMs: result.durationMs, asOf: today };
  await markDone(a, figures, "Finished");
  log().info({ job: a.id, ...figures }, "daily evaluation finished");
  return figures;
}

/** The work handler for the evaluation queue (one job at a time). */
export async function runEvaluationJob(job: EvaluationJob): Promise<object> {
  const kind: JobKind = job.data?.kind === "daily-evaluation" ? "daily-evaluation" : "reevaluation";
  const a: Attempt = { id: job.id, attempt: job.retryCount + 1 };
  const started = performance.now();
  const seconds = () => (performance.now() - started) / 1000;
  try {
    const output = kind === "daily-evaluation" ? await daily(job, a) : await reevaluation(job, a);
    recordJob(kind, "completed", seconds());
    return output;
  } catch (error) {
    const message = plainError(error);
    const final = job.retryCount >= job.retryLimit;
    recordJob(kind, "failed", seconds());
    log().error({ job: job.id, kind, attempt: a.attempt, final, err: { message } }, final ? "background job failed" : "background job failed; it will be tried again");
    await markFailed(a, message, final).catch(() => {});
    // pg-boss records the failure and retries while retries are left.
    throw new Error(message);
  }
}
