// The one queue for full evaluations and how it behaves. No "server-only": the server entry and
// start-up use this too.
import type { Queue } from "pg-boss";

/** pg-boss's schema, beside the app's tables. */
export const BOSS_SCHEMA = "pgboss";

/**
 * Re-evaluations after a change and the daily evaluation share one queue: both rewrite every
 * stored result, so they must never run at the same time, and the queue's "singleton" policy lets
 * exactly one job be active across every process (any number may wait).
 */
export const EVALUATION_QUEUE = "evaluation";

export const EVALUATION_QUEUE_OPTIONS: Omit<Queue, "name"> = {
  policy: "singleton",
  // A process that dies mid-job stops its heartbeat; the supervisor in any live process gives the
  // job back to the queue within about heartbeat + supervise interval (10 s + 5 s).
  heartbeatSeconds: 10,
  // Three more tries, 1-2 s, 2-4 s then 4-8 s apart, then the job is failed for good.
  retryLimit: 3,
  retryDelay: 1,
  retryBackoff: true,
  retryDelayMax: 60,
  // A full evaluation of a million devices takes minutes; an hour is far past any healthy run.
  expireInSeconds: 3600,
  // Finished jobs stay in pg-boss's table a week for inspection; our own record stays for good.
  deleteAfterSeconds: 7 * 24 * 3600,
};

/**
 * Embedded, the one process is the only one that could take a job over, and its heartbeats queue
 * behind the evaluation's own statements on the one connection: a short heartbeat there only
 * made a busy job look dead and run twice. A long one still restarts a job after a crash.
 */
export const EMBEDDED_HEARTBEAT_SECONDS = 120;

/** The queue's settings for this kind of database. */
export function evaluationQueueOptions(embedded: boolean): Omit<Queue, "name"> {
  return embedded ? { ...EVALUATION_QUEUE_OPTIONS, heartbeatSeconds: EMBEDDED_HEARTBEAT_SECONDS } : EVALUATION_QUEUE_OPTIONS;
}

export type JobKind = "reevaluation" | "daily-evaluation";

/** What a queued job carries: its kind (the record in background_jobs has the same id). */
export interface EvaluationJobData {
  kind: JobKind;
}

/** The daily schedule's key in pg-boss's schedule table. */
export const DAILY_SCHEDULE_KEY = "daily-evaluation";
export const DAILY_TIME_ZONE = "Europe/London";

/** Serialises start-ups preparing the queue. */
export const PREPARE_LOCK = 4242102;

/**
 * Reminders: the daily notify pass, then the emails it made. A queue of its own, so a long
 * evaluation never holds up an email and the other way round; "singleton" keeps one pass at a time
 * (the sender claims each email atomically in any case, so two would still send nothing twice).
 */
export const NOTIFICATIONS_QUEUE = "notifications";

export const NOTIFICATIONS_QUEUE_OPTIONS: Omit<Queue, "name"> = {
  policy: "singleton",
  heartbeatSeconds: 30,
  // A failed pass is tried twice more; it only adds what is missing and sends what is unclaimed.
  retryLimit: 2,
  retryDelay: 30,
  retryBackoff: true,
  retryDelayMax: 600,
  expireInSeconds: 1800,
  deleteAfterSeconds: 7 * 24 * 3600,
};

export interface NotificationsJobData {
  kind: "daily-notifications";
}

/** The reminders' schedule key in pg-boss's schedule table. */
export const NOTIFICATIONS_SCHEDULE_KEY = "daily-notifications";
