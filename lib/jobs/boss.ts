// This process's pg-boss instance. Kept on globalThis under a registered symbol: Next's server
// bundle (pages and actions, which enqueue) and the server entry (which runs the workers) are
// separate module graphs in one process, and must share one instance and one database pool.
// No "server-only": the server entry loads this outside Next.
import os from "node:os";
import { PgBoss, type ConstructorOptions } from "pg-boss";
import type { PrismaClient } from "@/generated/prisma/client";
import { createPrismaClient, poolOf } from "@/lib/db-client";
import { env } from "@/lib/env";
import { logger } from "@/lib/platform/log";
import { BOSS_SCHEMA } from "@/lib/jobs/queue";

const KEY = Symbol.for("estate-camera-register.pg-boss");
interface Holder {
  boss: PgBoss | null;
  starting: Promise<PgBoss> | null;
}
const global = globalThis as unknown as { [KEY]?: Holder; prisma?: PrismaClient };
const holder: Holder = (global[KEY] ??= { boss: null, starting: null });

/**
 * The app's own Prisma client: the same one lib/db.ts hands out (same global), reached without its
 * "server-only" marker. Embedded PGlite has one session, so the jobs must share the app's pool of one.
 */
export function appDb(): PrismaClient {
  global.prisma ??= createPrismaClient();
  return global.prisma;
}

/** host:pid, what background_jobs.worker and pg-boss's instance registry name this process by. */
export function workerName(): string {
  return `${os.hostname()}:${process.pid}`;
}

/** The options every process's instance runs with (the owner's start-up instance differs: runtime.ts). */
export function processBossOptions(embedded: boolean): ConstructorOptions {
  const common: ConstructorOptions = {
    schema: BOSS_SCHEMA,
    // The owner prepares the schema at start-up; the app role can change no table.
    migrate: false,
    createSchema: false,
    // Every process supervises (gives jobs of dead processes back to the queue) and runs the cron
    // pass; pg-boss makes sure each schedule slot sends one job however many do.
    supervise: true,
    schedule: true,
    superviseIntervalSeconds: 5,
    monitorIntervalSeconds: 5,
    // Rebuilding indexes needs their owner; the app role is not.
    reindex: false,
    instanceName: workerName(),
  };
  if (embedded) {
    // One connection for everything: pg-boss's statements take turns with the app's on its pool.
    return { ...common, backend: "pglite", db: { executeSql: (text, values) => poolOf(appDb()).query(text, values) } };
  }
  const url = env().DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set");
  return { ...common, connectionString: url, max: 3, application_name: "ecr-jobs" };
}

function watch(boss: PgBoss): void {
  // An error from the queue's background work is logged, never thrown: an 'error' event with no
  // listener would end the process.
  boss.on("error", (error: Error) => logger().error({ err: { message: error.message } }, "background job queue error"));
  boss.on("warning", (warning: { message?: string }) => logger().warn({ warning: warning.message }, "background job queue warning"));
}

/** This process's started instance, starting it on first use. */
export function processBoss(embedded = env().EMBEDDED === "1"): Promise<PgBoss> {
  if (holder.boss) return Promise.resolve(holder.boss);
  holder.starting ??= (async () => {
    const boss = new PgBoss(processBossOptions(embedded));
    watch(boss);
    try {
      await boss.start();
    } catch (error) {
      holder.starting = null;
      throw error;
    }
    holder.boss = boss;
    return boss;
  })();
  return holder.starting;
}

/** The started instance, if there is one. */
export function currentBoss(): PgBoss | null {
  return holder.boss;
}

/** Stops and forgets this process's instance (for shutdown and tests). */
export async function stopProcessBoss(options: { graceful: boolean; timeout: number }): Promise<void> {
  const boss = holder.boss ?? (holder.starting ? await holder.starting.catch(() => null) : null);
  holder.boss = null;
  holder.starting = null;
  // The embedded pool is the app's own: leave it open for whatever still needs it.
  if (boss) await boss.stop({ ...options, close: env().EMBEDDED !== "1" });
}
