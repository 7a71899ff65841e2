// npm start: the whole service in one command. Starts the embedded PostgreSQL when no
// DATABASE_URL is set, prepares the database (migrations, the web server's role, demo data in an
// empty database, results brought to today, the job queue), builds the app if needed, then serves
// it with WEB_CONCURRENCY worker processes behind one port (scripts/server.ts), replacing any that
// die. Several `npm start`s may start at once on one database (a rolling deploy): the preparation
// runs under a PostgreSQL advisory lock, one instance at a time.
// Decision record: docs/decisions/0008-many-processes.md.
import { spawn, type ChildProcess } from "node:child_process";
import cluster from "node:cluster";
import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { createPrismaClient } from "@/lib/db-client";
import { ConfigError, env } from "@/lib/env";
import { evaluateIfStale } from "@/lib/data/daily-evaluation";
import { prepareJobQueue } from "@/lib/jobs/runtime";
import { appRolePassword, prepareAppRole } from "@/lib/platform/app-role";
import { SERVER_RESTARTS, superviseCluster, type ClusterSupervisor } from "@/lib/platform/cluster";
import { keptSecret } from "@/lib/platform/kept-secret";
import { assertReachable, isEmpty, migrateDeploy, withClient } from "@/lib/platform/database";
import { resolveDatabase } from "@/lib/platform/database-url";
import { assertPortFree, StartupError } from "@/lib/platform/embedded-postgres";
import { prepareHealthChecks } from "@/lib/platform/health";
import { logger } from "@/lib/platform/log";
import { metricsSettings, startMetricsServer, type MetricsServer } from "@/lib/platform/metrics-server";
import { SERVER_ENTRY, SERVER_EXEC_ARGV, serverNodeOptions } from "@/lib/platform/server-process";
import { todayInLondon } from "@/lib/platform/today";
import { defaultSeedOptions } from "@/lib/seed/generate";
import { seedDemoSecondFactor } from "@/lib/seed/demo-second-factor";
import { seedDatabase } from "@/lib/seed/seed-database";

const root = process.cwd();
const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");
// One number for every instance of the service on a database: pg_advisory_lock's key.
const PREPARATION_LOCK = 4_210_512_012;

const log = (line: string) => logger().info(line);

/** Sessions need a stable secret; without one configured, make one and keep it with the data. */
function authSecret(dataDir: string, configured: string | undefined): string {
  return keptSecret(dataDir, "auth-secret", configured, 32);
}

function runNext(args: string[], extraEnv: Record<string, string>): ChildProcess {
  return spawn(process.execPath, [nextBin, ...args], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...extraEnv },
  });
}

/** Runs `work` holding the service's advisory lock on its own connection, so one instance prepares at a time. */
async function withPreparationLock<T>(url: string, work: () => Promise<T>): Promise<T> {
  const lock = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  await lock.connect();
  lock.on("error", () => {});
  try {
    const first = await lock.query<{ got: boolean }>("SELECT pg_try_advisory_lock($1) AS got", [PREPARATION_LOCK]);
    if (!first.rows[0]?.got) {
      log("another instance is preparing the database: waiting for it to finish");
      await lock.query("SELECT pg_advisory_lock($1)", [PREPARATION_LOCK]);
    }
    return await work();
  } finally {
    // Ending the session releases the lock whatever happened.
    await lock.end().catch(() => {});
  }
}

function workerCount(requested: number | undefined, embedded: boolean, dev: boolean): number {
  if (dev) return 1;
  if (embedded) {
    if (requested && requested > 1) {
      log(`WEB_CONCURRENCY asks for ${requested} server processes, but the embedded database serves one process: running 1`);
    }
    return 1;
  }
  return requested ?? os.availableParallelism();
}

async function main() {
  const { values } = parseArgs({ options: { dev: { type: "boolean", default: false }, "no-seed": { type: "boolean", default: false } } });
  const dev = values.dev;
  const e = env();
  // A metrics endpoint that would be open to the network is refused before anything starts.
  metricsSettings(e);
  await assertPortFree(e.PORT, "web server");
  const { url, embedded } = await resolveDatabase();
  let supervisor: ClusterSupervisor | null = null;
  let metrics: MetricsServer | null = null;
  let stopping = false;

  const finish = async (code: number) => {
    await metrics?.close().catch(() => {});
    await embedded?.stop();
    process.exit(code);
  };
  const stop = async (why: string, code: number) => {
    if (stopping) {
      // A second Ctrl-C or SIGTERM: stop at once.
      log("stopping now");
      for (const pid of supervisor?.pids() ?? []) process.kill(pid, "SIGKILL");
      return finish(code);
    }
    stopping = true;
    if (!supervisor) return finish(code);
    const waitS = e.SHUTDOWN_DELAY_SECONDS + e.SHUTDOWN_GRACE_SECONDS;
    log(`${why}: draining the server processes (up to ${waitS} s)`);
    const { killed } = await supervisor.stop(waitS * 1000);
    if (killed > 0) log(`${killed} server process${killed === 1 ? "" : "es"} still running after ${waitS} s: killed`);
    log("stopped");
    await finish(code);
  };
  process.on("SIGINT", () => void stop("SIGINT", 0));
  process.on("SIGTERM", () => void stop("SIGTERM", 0));

  let appUrl = url;
  try {
    log(embedded ? `embedded PostgreSQL on 127.0.0.1:${e.EMBEDDED_DB_PORT}, data in ${embedded.dataDir}` : "using DATABASE_URL");
    await assertReachable(url);
    // Embedded, the data directory's pid file already keeps a second instance out, and the one
    // PGlite session has no connection to spare for a lock.
    const prepare = async () => {
      await migrateDeploy(url);
      log("migrations applied");
      // Migrations, seeding and the daily check run as DATABASE_URL's user; the web server as the app role.
      appUrl = await prepareAppRole(url, {
        role: e.DATABASE_APP_ROLE,
        password: embedded ? null : appRolePassword(e.DATA_DIR, e.DATABASE_APP_PASSWORD),
        embedded: embedded !== null,
        production: !dev,
        log,
      });
      await withClient(url, (c) => prepareHealthChecks(c, e.DATABASE_APP_ROLE));
      // One client for seeding and the daily check: the embedded server serves a single connection,
      // and a second client connecting as the first one closes is refused.
      const db = createPrismaClient(url, embedded ? 1 : undefined);
      try {
        if (!values["no-seed"] && (await isEmpty(url))) {
          log("empty database: loading demo data (about 20 seconds on a server, longer embedded)…");
          const summary = await seedDatabase(db, defaultSeedOptions(e.SEED_DEVICES ?? 50_000), todayInLondon());
          await seedDemoSecondFactor(db, authSecret(e.DATA_DIR, e.NEXTAUTH_SECRET));
          log(`demo data: ${summary.organisations} organisations, ${summary.sites} sites, ${summary.devices} devices`);
        }
        const evaluation = await evaluateIfStale(db);
        if (evaluation) log(`stored results brought to today: ${evaluation.devices} devices in ${evaluation.durationMs} ms`);
      } finally {
        await db.$disconnect();
      }
      await prepareJobQueue(url, { appRole: e.DATABASE_APP_ROLE, embedded: embedded !== null });
    };
    await (embedded ? prepare() : withPreparationLock(url, prepare));
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
  if (stopping) return finish(0);

  if (!dev && !existsSync(path.join(root, e.NEXT_DIST_DIR, "BUILD_ID"))) {
    log("no production build yet: building (about a minute)…");
    const build = runNext(["build"], { NODE_ENV: "production" });
    const code = await new Promise<number>((resolve) => build.on("close", (c) => resolve(c ?? 1)));
    if (code !== 0) return finish(code);
  }
  if (stopping) return finish(0);

  const workers = workerCount(e.WEB_CONCURRENCY, embedded !== null, dev);
  const workerEnv: Record<string, string> = {
    DATABASE_URL: appUrl,
    EMBEDDED: embedded ? "1" : "0",
    NEXTAUTH_SECRET: authSecret(e.DATA_DIR, e.NEXTAUTH_SECRET),
    NEXTAUTH_URL: e.NEXTAUTH_URL ?? `http://localhost:${e.PORT}`,
    PORT: String(e.PORT),
    HOST: e.HOST,
    NODE_ENV: dev ? "development" : "production",
    NEXT_TELEMETRY_DISABLED: "1",
    NODE_OPTIONS: serverNodeOptions(process.env.NODE_OPTIONS),
  };
  cluster.setupPrimary({ exec: path.join(root, SERVER_ENTRY), execArgv: SERVER_EXEC_ARGV, args: dev ? ["--dev"] : [] });
  supervisor = superviseCluster({
    workers,
    fork: () => cluster.fork(workerEnv),
    policy: SERVER_RESTARTS,
    log,
    onGiveUp: (code) => void stop("the web server keeps failing", code),
  });
  metrics = await startMetricsServer();
  log(`serving at http://localhost:${e.PORT} with ${workers} server process${workers === 1 ? "" : "es"}`);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof StartupError) logger().error(error.message);
  else logger().error({ err: error }, "start-up failed");
  process.exit(1);
});
