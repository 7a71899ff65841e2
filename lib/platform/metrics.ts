// Prometheus metrics of this process. No "server-only": the server entry and job workers use it.
//
// Next's bundle and the tsx-loaded server entry are separate module graphs in one process, and
// either may load this file (and prom-client) first. The registry and every metric therefore live
// on globalThis under a registered symbol, made once, so a count made in one graph is the count
// the other reports. Labels hold only names the code chose (methods, route shapes, job kinds),
// never anything a user typed.
import cluster from "node:cluster";
import client from "prom-client";
import type pg from "pg";

export interface Metrics {
  registry: client.Registry;
  httpRequests: client.Counter<"method" | "route" | "status">;
  httpDuration: client.Histogram<"method" | "route">;
  jobs: client.Counter<"kind" | "outcome">;
  jobDuration: client.Histogram<"kind">;
}

const KEY = Symbol.for("estate-camera-register.metrics");
const POOLS = Symbol.for("estate-camera-register.metrics-pools");
const holder = globalThis as unknown as {
  [KEY]?: Metrics;
  [POOLS]?: Map<string, () => pg.Pool | undefined>;
  prisma?: object;
};

// The same registered symbol lib/db-client.ts keeps a Prisma client's pool under. Read directly,
// not through poolOf(), so the server entry need not load the Prisma client to report on it
// (tests/unit/platform/metrics.test.ts checks the two agree).
const PRISMA_POOL = Symbol.for("estate-camera-register.pg-pool");

/** The pool of the app's Prisma client (globalThis.prisma, made by lib/db.ts on first use). */
export function appPool(): pg.Pool | undefined {
  const prisma = holder.prisma as { [PRISMA_POOL]?: pg.Pool } | undefined;
  return prisma?.[PRISMA_POOL];
}

function pools(): Map<string, () => pg.Pool | undefined> {
  holder[POOLS] ??= new Map([["app", appPool]]);
  return holder[POOLS];
}

/** Reports another connection pool (e.g. the job queue's) under `name` in the pool gauges. */
export function watchPool(name: string, pool: () => pg.Pool | undefined): void {
  pools().set(name, pool);
}

function poolGauge(registry: client.Registry, name: string, help: string, read: (pool: pg.Pool) => number) {
  return new client.Gauge({
    name,
    help,
    labelNames: ["pool"],
    registers: [registry],
    collect() {
      for (const [label, get] of pools()) {
        const pool = get();
        this.set({ pool: label }, pool ? read(pool) : 0);
      }
    },
  });
}

function create(): Metrics {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry });
  const metrics: Metrics = {
    registry,
    httpRequests: new client.Counter({
      name: "http_requests_total",
      help: "HTTP requests answered, by method, route shape and status.",
      labelNames: ["method", "route", "status"],
      registers: [registry],
    }),
    httpDuration: new client.Histogram({
      name: "http_request_duration_seconds",
      help: "Time from a request's arrival to the end of its response, by method and route shape.",
      labelNames: ["method", "route"],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [registry],
    }),
    jobs: new client.Counter({
      name: "background_jobs_total",
      help: "Background jobs finished, by kind and outcome (completed or failed).",
      labelNames: ["kind", "outcome"],
      registers: [registry],
    }),
    jobDuration: new client.Histogram({
      name: "background_job_duration_seconds",
      help: "How long background jobs ran, by kind.",
      labelNames: ["kind"],
      buckets: [0.1, 0.5, 1, 5, 10, 30, 60, 120, 300, 600, 1800, 3600],
      registers: [registry],
    }),
  };
  poolGauge(registry, "db_pool_connections", "Database connections open in the pool (busy and idle).", (p) => p.totalCount);
  poolGauge(registry, "db_pool_idle_connections", "Database connections open in the pool and idle.", (p) => p.idleCount);
  poolGauge(registry, "db_pool_waiting_clients", "Queries waiting for a connection because the pool is fully busy.", (p) => p.waitingCount);
  poolGauge(registry, "db_pool_max_connections", "The most connections the pool may open.", (p) => p.options.max ?? 10);
  return metrics;
}

/** This process's metrics, made on first use. */
export function metrics(): Metrics {
  if (!holder[KEY]) {
    holder[KEY] = create();
    answerPrimary(holder[KEY].registry);
  }
  return holder[KEY];
}

// Job kinds are queue names chosen in code; anything else is grouped so a bug cannot make a
// label per value.
const KIND = /^[A-Za-z0-9_.:-]{1,60}$/;
const MAX_KINDS = 50;
const kindsSeen = new Set<string>();

export function jobKindLabel(kind: string): string {
  if (!KIND.test(kind)) return "other";
  if (!kindsSeen.has(kind)) {
    if (kindsSeen.size >= MAX_KINDS) return "other";
    kindsSeen.add(kind);
  }
  return kind;
}

/** A background job finished (kind: the queue's name). */
export function recordJob(kind: string, outcome: "completed" | "failed", seconds: number): void {
  const m = metrics();
  const label = jobKindLabel(kind);
  m.jobs.inc({ kind: label, outcome: outcome === "completed" ? "completed" : "failed" });
  if (Number.isFinite(seconds) && seconds >= 0) m.jobDuration.observe({ kind: label }, seconds);
}

// Between the cluster primary (lib/platform/metrics-server.ts) and its workers: the primary asks
// each worker for its metrics over the cluster's IPC channel and adds them up. Our own messages
// rather than prom-client's AggregatorRegistry protocol, so exactly one listener answers however
// many copies of prom-client the worker has loaded, and a worker that does not answer in time is
// left out of one scrape instead of failing it (see docs/decisions/0010).
export const METRICS_REQUEST = "estate-camera-register:metrics-request";
export const METRICS_RESPONSE = "estate-camera-register:metrics-response";

export interface MetricsRequest {
  type: typeof METRICS_REQUEST;
  id: number;
}
export interface MetricsResponse {
  type: typeof METRICS_RESPONSE;
  id: number;
  metrics?: client.MetricObjectWithValues<client.MetricValue<string>>[];
  error?: string;
}

const ANSWERING = Symbol.for("estate-camera-register.metrics-answering");

function answerPrimary(registry: client.Registry): void {
  const flags = globalThis as unknown as { [ANSWERING]?: boolean };
  if (!cluster.isWorker || flags[ANSWERING]) return;
  flags[ANSWERING] = true;
  process.on("message", (message: unknown) => {
    const request = message as Partial<MetricsRequest> | null;
    if (request?.type !== METRICS_REQUEST || typeof request.id !== "number") return;
    const id = request.id;
    registry.getMetricsAsJSON().then(
      (list) => process.send?.({ type: METRICS_RESPONSE, id, metrics: list } satisfies MetricsResponse),
      (error: unknown) => process.send?.({ type: METRICS_RESPONSE, id, error: error instanceof Error ? error.message : "failed" } satisfies MetricsResponse),
    );
  });
}

// A worker answers the primary from the moment it loads this module, before its first request.
if (cluster.isWorker) metrics();
