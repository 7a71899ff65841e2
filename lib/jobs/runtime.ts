// The durable job queue's life in each process: prepared once per start-up by the database owner,
// started in every server process, drained on shutdown. Decision record: docs/decisions/0009.
// No "server-only": start-up and the server entry run outside Next.
import { PgBoss } from "pg-boss";
import { env } from "@/lib/env";
import { processBoss, stopProcessBoss } from "@/lib/jobs/boss";
import { runEvaluationJob, type EvaluationJob } from "@/lib/jobs/handlers";
import { runNotificationsJob } from "@/lib/jobs/notifications-job";
import {
  BOSS_SCHEMA,
  DAILY_SCHEDULE_KEY,
  DAILY_TIME_ZONE,
  EVALUATION_QUEUE,
  evaluationQueueOptions,
  NOTIFICATIONS_QUEUE,
  NOTIFICATIONS_QUEUE_OPTIONS,
  NOTIFICATIONS_SCHEDULE_KEY,
  PREPARE_LOCK,
  type EvaluationJobData,
  type NotificationsJobData,
} from "@/lib/jobs/queue";
import { withClient } from "@/lib/platform/database";
import { logger } from "@/lib/platform/log";

// Serialises GRANTs with the app role's own (lib/platform/app-role.ts): concurrent GRANTs on one
// object fail with "tuple concurrently updated".
const GRANT_LOCK = 4242003;

/** Run once per start-up, as the database owner, before any server process starts: pg-boss's
 * schema and migrations, the queues and schedules, and the app role's grants on them. */
export async function prepareJobQueue(ownerUrl: string, options: { appRole: string; embedded: boolean }): Promise<void> {
  // One connection for all of it (embedded PGlite serves one session), holding a lock so that two
  // start-ups at once take turns rather than racing to create the same objects.
  await withClient(ownerUrl, async (c) => {
    await c.query("SELECT pg_advisory_lock($1)", [PREPARE_LOCK]);
    try {
      const boss = new PgBoss({
        db: { executeSql: (text, values) => c.query(text, values) },
        schema: BOSS_SCHEMA,
        migrate: true,
        createSchema: true,
        supervise: false,
        schedule: false,
        registerInstance: false,
      });
      boss.on("error", (error: Error) => logger().error({ err: { message: error.message } }, "background job queue error while preparing"));
      await boss.start();
      try {
        const existing = await boss.getQueue(EVALUATION_QUEUE);
        if (!existing) {
          await boss.createQueue(EVALUATION_QUEUE, evaluationQueueOptions(options.embedded));
        } else {
          const { policy: _policy, heartbeatSeconds, ...updatable } = evaluationQueueOptions(options.embedded);
          await boss.updateQueue(EVALUATION_QUEUE, { ...updatable, heartbeatSeconds });
        }
        const data: EvaluationJobData = { kind: "daily-evaluation" };
        // An upsert: a changed DAILY_EVALUATION_CRON takes effect at the next start-up. A slot missed
        // while no process was up is sent once when one is.
        await boss.schedule(EVALUATION_QUEUE, env().DAILY_EVALUATION_CRON, data, { tz: DAILY_TIME_ZONE, key: DAILY_SCHEDULE_KEY, missed: "once" });
        // Reminders: their own queue and daily schedule (NOTIFICATIONS_CRON).
        if (!(await boss.getQueue(NOTIFICATIONS_QUEUE))) {
          await boss.createQueue(NOTIFICATIONS_QUEUE, NOTIFICATIONS_QUEUE_OPTIONS);
        } else {
          const { policy: _notificationsPolicy, ...updatableNotifications } = NOTIFICATIONS_QUEUE_OPTIONS;
          await boss.updateQueue(NOTIFICATIONS_QUEUE, updatableNotifications);
        }
        const notifications: NotificationsJobData = { kind: "daily-notifications" };
        await boss.schedule(NOTIFICATIONS_QUEUE, env().NOTIFICATIONS_CRON, notifications, {
          tz: DAILY_TIME_ZONE,
          key: NOTIFICATIONS_SCHEDULE_KEY,
          missed: "once",
        });
      } finally {
        await boss.stop({ graceful: false, close: false });
      }
      await grantQueue(c, options.appRole);
    } finally {
      await c.query("SELECT pg_advisory_unlock($1)", [PREPARE_LOCK]).catch(() => {});
    }
  });
}

/** The app role reads and writes pg-boss's rows and calls its functions; it changes no table. */
async function grantQueue(c: import("pg").Client, role: string): Promise<void> {
  const r = c.escapeIdentifier(role);
  const s = c.escapeIdentifier(BOSS_SCHEMA);
  await c.query("BEGIN");
  try {
    await c.query("SELECT pg_advisory_xact_lock($1)", [GRANT_LOCK]);
    await c.query(`REVOKE ALL ON SCHEMA ${s} FROM ${r}`);
    await c.query(`GRANT USAGE ON SCHEMA ${s} TO ${r}`);
    await c.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${s} TO ${r}`);
    await c.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ${s} TO ${r}`);
    await c.query(`GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA ${s} TO ${r}`);
    await c.query("COMMIT");
  } catch (error) {
    await c.query("ROLLBACK").catch(() => {});
    throw error;
  }
}

export interface JobWorkers {
  /** Stops taking new jobs and waits (up to graceMs) for the ones running here to finish. */
  stop(graceMs: number): Promise<void>;
  /** Whether this process's queue is started and polling. */
  running(): boolean;
}

/** In every server process, after the app is ready: starts pg-boss and the workers. */
export async function startJobWorkers(options: { embedded: boolean }): Promise<JobWorkers> {
  const boss = await processBoss(options.embedded);
  let running = true;
  boss.on("stopped", () => {
    running = false;
  });
  await boss.work<EvaluationJobData>(
    EVALUATION_QUEUE,
    { includeMetadata: true, batchSize: 1, pollingIntervalSeconds: 2 },
    async ([job]) => runEvaluationJob(job as EvaluationJob),
  );
  await boss.work<NotificationsJobData>(
    NOTIFICATIONS_QUEUE,
    { batchSize: 1, pollingIntervalSeconds: 10 },
    async () => runNotificationsJob(),
  );
  logger().info({ queues: [EVALUATION_QUEUE, NOTIFICATIONS_QUEUE] }, "background job workers started");
  return {
    async stop(graceMs: number) {
      running = false;
      await stopProcessBoss({ graceful: true, timeout: graceMs });
    },
    running: () => running,
  };
}
