// One web server worker process: `npm start` (scripts/start.ts) runs several behind one port with
// node:cluster, and `npm run dev` runs one with --dev. Next.js renders the app; this server answers
// the load balancer's health checks itself, so they need no session, touch nothing of the app and
// still answer while the app is busy. On a drain request (the primary's message, SIGTERM or
// SIGINT) it stops being ready, stops accepting connections, lets requests in flight finish, stops
// its background jobs, closes its database connections and exits 0.
// Decision record: docs/decisions/0008-many-processes.md.
import http from "node:http";
import { parseArgs } from "node:util";
import next from "next";
import pg from "pg";
import { env } from "@/lib/env";
import { startJobWorkers, type JobWorkers } from "@/lib/jobs/runtime";
import { DRAIN_MESSAGE } from "@/lib/platform/cluster";
import { checkReadiness, committedMigrations, type Query } from "@/lib/platform/health";
import { observeRequest } from "@/lib/platform/http-observe";
import { logger } from "@/lib/platform/log";

const { values } = parseArgs({ options: { dev: { type: "boolean", default: false } } });
const dev = values.dev;
const e = env();
const embedded = e.EMBEDDED === "1";
const log = logger();

// Health checks use their own connection, so a pool busy with slow pages cannot make a process
// look dead, and a check never waits behind the app's work for long (embedded: one session).
const healthPool = new pg.Pool({
  connectionString: e.DATABASE_URL,
  max: 1,
  idleTimeoutMillis: 30_000,
  connectionTimeoutMillis: 3_000,
  allowExitOnIdle: true,
  // Embedded PGlite ignores the user a client names: take on the URL's role as lib/db-client.ts does.
  ...(embedded && e.DATABASE_URL
    ? {
        onConnect: async (client: pg.ClientBase) => {
          const role = decodeURIComponent(new URL(e.DATABASE_URL!).username) || "postgres";
          await client.query(`SET ROLE ${client.escapeIdentifier(role)}`);
        },
      }
    : {}),
});
// A connection the server ends (a restart, a failover) is reported here rather than crashing us.
healthPool.on("error", () => {});
const query: Query = (sql) => healthPool.query(sql);
const committed = committedMigrations();

let draining = false;
let jobs: JobWorkers | null = null;

const JSON_HEADERS = {
  "Content-Type": "application/json; charset=utf-8",
  "Cache-Control": "no-store",
  "X-Content-Type-Options": "nosniff",
};

function answer(req: http.IncomingMessage, res: http.ServerResponse, status: number, body: unknown, extra: Record<string, string> = {}) {
  const text = JSON.stringify(body);
  res.writeHead(status, { ...JSON_HEADERS, "Content-Length": Buffer.byteLength(text), ...extra });
  res.end(req.method === "HEAD" ? undefined : text);
}

async function health(req: http.IncomingMessage, res: http.ServerResponse, path: "/healthz" | "/readyz") {
  if (req.method !== "GET" && req.method !== "HEAD") {
    return answer(req, res, 405, { status: "method not allowed" }, { Allow: "GET, HEAD" });
  }
  if (path === "/healthz") return answer(req, res, 200, { status: "ok" });
  const readiness = await checkReadiness({ query, committed, jobsRunning: () => jobs?.running() ?? false, draining: () => draining });
  if (readiness.ready) return answer(req, res, 200, { status: "ready" });
  return answer(req, res, 503, { status: "not ready", failing: readiness.failing });
}

function healthPath(url: string | undefined): "/healthz" | "/readyz" | null {
  const path = (url ?? "/").split("?")[0];
  return path === "/healthz" || path === "/readyz" ? path : null;
}

async function main() {
  const app = next({ dev, dir: process.cwd(), hostname: e.HOST, port: e.PORT });
  await app.prepare();
  const handle = app.getRequestHandler();

  const server = http.createServer((req, res) => {
    // A request that arrives on a kept-alive connection while draining is the connection's last.
    if (draining) res.setHeader("Connection", "close");
    const path = healthPath(req.url);
    const work = path ? health(req, res, path) : observeRequest(req, res, () => handle(req, res));
    void Promise.resolve(work).catch((error: unknown) => {
      log.error({ err: error }, "a request failed before it was answered");
      if (!res.headersSent) {
        res.statusCode = 500;
        res.end();
      } else {
        res.destroy();
      }
    });
  });
  server.keepAliveTimeout = 65_000; // longer than common load balancers' idle timeout (60 s)

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(e.PORT, e.HOST, () => resolve());
  });
  log.info(`web server process ${process.pid} listening on port ${e.PORT}${dev ? " (development)" : ""}`);

  try {
    jobs = await startJobWorkers({ embedded });
  } catch (error) {
    log.error({ err: error }, "the background job queue could not start: this server process stops");
    process.exit(1);
  }

  const drain = async (why: string) => {
    if (draining) return;
    draining = true;
    log.info(`web server process ${process.pid} draining (${why}): finishing the requests and jobs in flight`);
    // Not ready, but still serving for a moment, so a load balancer polling /readyz stops sending
    // requests here before connections are refused.
    if (e.SHUTDOWN_DELAY_SECONDS > 0) await sleep(e.SHUTDOWN_DELAY_SECONDS * 1000);
    const deadline = Date.now() + e.SHUTDOWN_GRACE_SECONDS * 1000;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    // Idle kept-alive connections are closed now and as each in-flight request ends.
    server.closeIdleConnections();
    const sweep = setInterval(() => server.closeIdleConnections(), 100);
    const requests = Promise.race([closed.then(() => true), sleep(Math.max(0, deadline - Date.now() - 500)).then(() => false)]);
    const [finished] = await Promise.all([
      requests,
      (jobs?.stop(Math.max(1_000, deadline - Date.now() - 1_000)) ?? Promise.resolve()).catch((error: unknown) =>
        log.error({ err: error }, "stopping the background jobs failed"),
      ),
    ]);
    clearInterval(sweep);
    if (!finished) {
      log.warn(`web server process ${process.pid}: requests still running after ${e.SHUTDOWN_GRACE_SECONDS} s were cut off`);
      server.closeAllConnections();
    }
    await healthPool.end().catch(() => {});
    // The app's own pool (lib/db.ts keeps its client here), if it made one.
    const prisma = (globalThis as { prisma?: { $disconnect(): Promise<void> } }).prisma;
    await prisma?.$disconnect().catch(() => {});
    log.info(`web server process ${process.pid} stopped`);
    process.exit(0);
  };

  process.on("message", (message) => {
    if (message === DRAIN_MESSAGE) void drain("asked to stop");
  });
  process.on("SIGTERM", () => void drain("SIGTERM"));
  process.on("SIGINT", () => void drain("SIGINT"));
}

function sleep(ms: number) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

main().catch((error: unknown) => {
  log.error({ err: error }, "the web server process could not start");
  process.exit(1);
});
