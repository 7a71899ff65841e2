import "server-only";
import { randomUUID } from "node:crypto";
import type { Actor } from "@/lib/auth/actor";
import { forbidden, notFound } from "@/lib/auth/errors";
import { can } from "@/lib/auth/permissions";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/data/audit";
import { evaluateEverything } from "@/lib/data/evaluation";
import { todayInLondon } from "@/lib/platform/today";

// Background jobs of the server process: a change to the register or the policy re-evaluates every
// device, which takes too long for one request. Jobs live in memory (a restart forgets them; the
// next daily evaluation catches up) and run one at a time: embedded mode has one connection, and
// two full evaluations at once would only fight over the same rows.

export type JobState = "queued" | "running" | "done" | "failed";

export interface Job {
  id: string;
  kind: "reevaluation";
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
  result: { devices: number; changed: number; durationMs: number } | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

interface Registry {
  jobs: Map<string, Job>;
  completions: Map<string, Promise<void>>;
  tail: Promise<void>;
}

// On globalThis so every bundle of the server (pages, actions) sees the same registry.
const holder = globalThis as unknown as { __estateCameraJobs?: Registry };
const registry: Registry = (holder.__estateCameraJobs ??= { jobs: new Map(), completions: new Map(), tail: Promise.resolve() });

const KEEP = 50;

function canSeeJobs(actor: Actor): boolean {
  return can(actor.role, "admin:register") || can(actor.role, "admin:policy");
}

function copy(job: Job): Job {
  return { ...job, reasons: [...job.reasons], result: job.result ? { ...job.result } : null };
}

function forgetOldJobs(): void {
  const finished = [...registry.jobs.values()].filter((j) => j.state === "done" || j.state === "failed");
  for (const job of finished.slice(0, Math.max(0, registry.jobs.size - KEEP))) {
    registry.jobs.delete(job.id);
    registry.completions.delete(job.id);
  }
}

async function run(job: Job, actor: Actor): Promise<void> {
  job.state = "running";
  job.startedAt = new Date();
  job.phase = "Counting devices";
  try {
    const client = db();
    const counted = await client.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM devices`);
    const total = counted[0]?.n ?? 0;
    job.total = total;
    job.phase = "Re-evaluating devices";
    const asOf = todayInLondon();
    const result = await evaluateEverything(client, asOf, (done) => {
      job.done = Math.min(done, total);
      if (done >= total) job.phase = "Updating the figures for sites and organisations";
    });
    job.done = total;
    job.result = result;
    await recordAudit(client, actor, {
      action: "compliance.reevaluated",
      entityType: "evaluation",
      entityId: job.id,
      organisationId: null,
      summary: `Re-evaluated ${result.devices.toLocaleString("en-GB")} devices as of ${asOf} after: ${job.reasons.join("; ")} (${result.changed.toLocaleString("en-GB")} results changed)`,
    });
    job.state = "done";
    job.phase = "Finished";
  } catch (error) {
    job.state = "failed";
    job.phase = "Failed";
    job.error = error instanceof Error ? error.message : String(error);
    console.error(`Re-evaluation job ${job.id} failed`, error);
  } finally {
    job.finishedAt = new Date();
  }
}

/**
 * Queues a re-evaluation of every device. A job still waiting in the queue has not read the
 * register or the policy yet, so a further change joins it rather than queueing another.
 */
export function startReevaluation(actor: Actor, options: { reason: string; returnTo: string }): Job {
  if (!canSeeJobs(actor)) throw forbidden();
  const waiting = [...registry.jobs.values()].find((j) => j.state === "queued");
  if (waiting) {
    waiting.reasons.push(options.reason);
    return copy(waiting);
  }
  const job: Job = {
    id: randomUUID(),
    kind: "reevaluation",
    reasons: [options.reason],
    startedBy: actor.email,
    returnTo: options.returnTo,
    state: "queued",
    phase: "Waiting for an earlier re-evaluation to finish",
    total: null,
    done: 0,
    error: null,
    result: null,
    createdAt: new Date(),
    startedAt: null,
    finishedAt: null,
  };
  registry.jobs.set(job.id, job);
  const completion = registry.tail.then(() => run(job, actor));
  registry.tail = completion;
  registry.completions.set(job.id, completion);
  forgetOldJobs();
  return copy(job);
}

export function getJob(actor: Actor, id: string): Job {
  if (!canSeeJobs(actor)) throw forbidden();
  const job = registry.jobs.get(id);
  if (!job) throw notFound("Job");
  return copy(job);
}

/** Most recent first. */
export function listJobs(actor: Actor): Job[] {
  if (!canSeeJobs(actor)) throw forbidden();
  return [...registry.jobs.values()].reverse().map(copy);
}

/** Resolves when the job has finished, either way (for tests and scripts). */
export async function waitForJob(id: string): Promise<Job> {
  const completion = registry.completions.get(id);
  if (!completion) throw notFound("Job");
  await completion;
  const job = registry.jobs.get(id);
  if (!job) throw notFound("Job");
  return copy(job);
}
