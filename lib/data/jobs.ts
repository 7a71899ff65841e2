import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { forbidden, notFound } from "@/lib/auth/errors";
import { can } from "@/lib/auth/permissions";
import { db } from "@/lib/db";
import type { JobKind, JobState } from "@/lib/jobs/job-state";
import { BOSS_SCHEMA, EVALUATION_QUEUE } from "@/lib/jobs/queue";

// Background jobs as every server process sees them: the record in background_jobs (written by
// whichever process does the work, lib/jobs/) beside pg-boss's own row for the same job, which
// tells whether the process doing it is still alive. Queued in the same transaction as the change
// that needs them (lib/data/policy.ts, lib/data/register.ts).

export type { JobState } from "@/lib/jobs/job-state";

export interface Job {
  id: string;
  kind: JobKind;
  /** Why it runs, e.g. "Producer register: Hikvision changed". */
  reasons: string[];
  startedBy: string;
  /** Where the person goes back to when it has finished. */
  returnTo: string;
  state: JobState;
  phase: string;
  /** Devices to evaluate, known once the job starts. */
  total: number | null;
  done: number;
  error: string | null;
  result: { devices?: number; changed?: number; durationMs?: number; upToDate?: boolean } | null;
  /** How many times it has been started (more than once after a failure or a stopped process). */
  attempts: number;
  /** The server process doing it (host:pid). */
  worker: string | null;
  /** Set while the process doing it has stopped and the job waits for another to take it over. */
  interrupted: string | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

interface Row {
  id: string; kind: Job["kind"]; reasons: string[]; started_by: string; return_to: string; state: JobState;
  phase: string; total: number | null; done: number; error: string | null; result: Job["result"];
  attempts: number; worker: string | null; created_at: Date; started_at: Date | null; finished_at: Date | null;
  queue_state: string | null; heartbeat_stale: boolean | null;
}

const SELECT = `
  SELECT b.id::text AS id, b.kind, b.reasons, b.started_by, b.return_to, b.state::text AS state, b.phase, b.total,
    b.done, b.error, b.result, b.attempts, b.worker, b.created_at, b.started_at, b.finished_at,
    q.state::text AS queue_state,
    q.heartbeat_on < now() - make_interval(secs => 2 * q.heartbeat_seconds) AS heartbeat_stale
  FROM background_jobs b
  LEFT JOIN ${BOSS_SCHEMA}.job q ON q.name = '${EVALUATION_QUEUE}' AND q.id = b.id`;

const STOPPED = "The server process doing this work stopped before it finished";

/** The record as a person should read it: a job whose process died is not shown as still running. */
function toJob(r: Row): Job {
  const job: Job = {
    id: r.id, kind: r.kind, reasons: r.reasons, startedBy: r.started_by, returnTo: r.return_to, state: r.state,
    phase: r.phase, total: r.total, done: r.done, error: r.error, result: r.result, attempts: r.attempts,
    worker: r.worker, interrupted: null, createdAt: r.created_at, startedAt: r.started_at, finishedAt: r.finished_at,
  };
  if (r.state !== "running") return job;
  if (r.queue_state === "failed" || r.queue_state === "cancelled" || r.queue_state === "completed" || r.queue_state === null) {
    // The queue has given up on it (or forgotten it) while the record still says running: the
    // last process to try it died and no retry is left.
    return { ...job, state: "failed", phase: "Stopped", error: r.error ?? `${STOPPED}, and it was not tried again.` };
  }
  if (r.queue_state === "retry" || r.queue_state === "created") {
    return { ...job, interrupted: r.error ? `The last attempt failed (${r.error}); it will be tried again shortly.` : `${STOPPED}; another will start it again shortly.` };
  }
  if (r.heartbeat_stale) return { ...job, interrupted: `${STOPPED}; another will take it over shortly.` };
  return job;
}

function canSeeJobs(actor: Actor): boolean {
  return can(actor.role, "admin:register") || can(actor.role, "admin:policy");
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function getJob(actor: Actor, id: string): Promise<Job> {
  if (!canSeeJobs(actor)) throw forbidden();
  if (!UUID.test(id)) throw notFound("Job");
  const rows = await db().$queryRawUnsafe<Row[]>(`${SELECT} WHERE b.id = $1::uuid`, id);
  if (!rows[0]) throw notFound("Job");
  return toJob(rows[0]);
}

/** Most recent first. */
export async function listJobs(actor: Actor, limit = 10): Promise<Job[]> {
  if (!canSeeJobs(actor)) throw forbidden();
  const rows = await db().$queryRawUnsafe<Row[]>(`${SELECT} ORDER BY b.created_at DESC, b.id LIMIT $1`, limit);
  return rows.map(toJob);
}

/**
 * Resolves when the job has finished, either way, polling its record (for tests and scripts). A
 * scheduled job has no record until a worker starts it, so a missing record is waited for too.
 */
export async function waitForJob(id: string, timeoutMs = 120_000): Promise<Job> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const rows = await db().$queryRawUnsafe<Row[]>(`${SELECT} WHERE b.id = $1::uuid`, id);
    const job = rows[0] ? toJob(rows[0]) : null;
    if (job && (job.state === "done" || job.state === "failed")) return job;
    if (Date.now() > deadline) throw new Error(`Job ${id} ${job ? `still ${job.state} (${job.phase})` : "never started"} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
