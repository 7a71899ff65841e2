// In the primary process: serves every worker's metrics, added up, when METRICS_PORT is set.
// Off by default. A token, when set, is required as a bearer; on any address but loopback it is
// required outright, so the endpoint is never open to the network by accident.
import cluster, { type Worker } from "node:cluster";
import { createHash, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { isIP } from "node:net";
import { AggregatorRegistry, Gauge, Registry, type MetricObjectWithValues, type MetricValue } from "prom-client";
import { ConfigError, env, type Env } from "@/lib/env";
import { logger } from "@/lib/platform/log";
import { METRICS_REQUEST, METRICS_RESPONSE, metrics, type MetricsResponse } from "@/lib/platform/metrics";

export interface MetricsServer {
  close(): Promise<void>;
}

type MetricList = MetricObjectWithValues<MetricValue<string>>[];

/** Whether `host` can only be reached from this machine. */
export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, "").toLowerCase();
  if (h === "localhost") return true;
  if (isIP(h) === 4) return h.startsWith("127.");
  return h === "::1" || h.startsWith("::ffff:127.");
}

/** The endpoint's settings, or null when it is off; a configuration error for an open endpoint. */
export function metricsSettings(e: Pick<Env, "METRICS_PORT" | "METRICS_HOST" | "METRICS_TOKEN">): { port: number; host: string; token: string | null } | null {
  if (e.METRICS_PORT === undefined) return null;
  if (!e.METRICS_TOKEN && !isLoopback(e.METRICS_HOST)) {
    throw new ConfigError(
      `Configuration error: METRICS_TOKEN is required when METRICS_HOST (${e.METRICS_HOST}) is not a loopback address, so the metrics are not open to the network`,
    );
  }
  return { port: e.METRICS_PORT, host: e.METRICS_HOST, token: e.METRICS_TOKEN ?? null };
}

/** Compares an Authorization header with the bearer token in constant time. */
export function bearerMatches(header: string | undefined, token: string): boolean {
  const match = /^Bearer[ ]+(\S+)\s*$/i.exec(header ?? "");
  // Digests are of equal length whatever was sent, so the comparison takes the same time.
  const digest = (s: string) => createHash("sha256").update(s).digest();
  const ok = timingSafeEqual(digest(match?.[1] ?? ""), digest(token));
  return ok && match !== null;
}

const WORKER_TIMEOUT_MS = 3_000;
let nextRequestId = 1;

/** Asks every live worker for its metrics; a worker that does not answer in time is left out. */
async function workersMetrics(): Promise<{ lists: MetricList[]; asked: number }> {
  const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => !!w && w.isConnected());
  const lists = await Promise.all(
    workers.map(
      (worker) =>
        new Promise<MetricList | null>((resolve) => {
          const id = nextRequestId++;
          const finish = (list: MetricList | null) => {
            clearTimeout(timer);
            worker.off("message", onMessage);
            worker.off("exit", onExit);
            resolve(list);
          };
          const onMessage = (message: unknown) => {
            const response = message as Partial<MetricsResponse> | null;
            if (response?.type === METRICS_RESPONSE && response.id === id) finish(Array.isArray(response.metrics) ? response.metrics : null);
          };
          const onExit = () => finish(null);
          const timer = setTimeout(() => finish(null), WORKER_TIMEOUT_MS);
          worker.on("message", onMessage);
          worker.on("exit", onExit);
          try {
            worker.send({ type: METRICS_REQUEST, id });
          } catch {
            finish(null);
          }
        }),
    ),
  );
  return { lists: lists.filter((l): l is MetricList => l !== null), asked: workers.length };
}

/** The primary's own view of its workers, as metrics to add to theirs. */
async function workerGauges(asked: number, answered: number): Promise<MetricList> {
  const registry = new Registry();
  new Gauge({ name: "web_workers", help: "Web server worker processes running.", registers: [registry] }).set(asked);
  new Gauge({ name: "web_workers_reporting", help: "Web server worker processes whose metrics are in this scrape.", registers: [registry] }).set(answered);
  return (await registry.getMetricsAsJSON()) as MetricList;
}

/** Every process's metrics added up: the workers' and this (primary) process's own. */
export async function clusterMetricsText(): Promise<{ contentType: string; body: string }> {
  const own = (await metrics().registry.getMetricsAsJSON()) as MetricList;
  const { lists, asked } = await workersMetrics();
  const registry = AggregatorRegistry.aggregate([
    own,
    ...lists,
    await workerGauges(asked, lists.length),
  ]);
  return { contentType: registry.contentType, body: await registry.metrics() };
}

function answer(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}) {
  res.writeHead(status, { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store", ...headers });
  res.end(text);
}

async function serve(req: IncomingMessage, res: ServerResponse, token: string | null) {
  const path = (req.url ?? "").split("?")[0];
  if (path !== "/metrics") return answer(res, 404, "Not found\n");
  if (req.method !== "GET" && req.method !== "HEAD") return answer(res, 405, "Method not allowed\n", { Allow: "GET, HEAD" });
  if (token !== null && !bearerMatches(req.headers.authorization, token)) {
    return answer(res, 401, "Unauthorised: send the metrics token as a bearer token\n", { "WWW-Authenticate": 'Bearer realm="metrics"' });
  }
  try {
    const { contentType, body } = await clusterMetricsText();
    res.writeHead(200, { "Content-Type": contentType, "Cache-Control": "no-store" });
    res.end(req.method === "HEAD" ? undefined : body);
  } catch (error) {
    logger().error({ err: error }, "metrics could not be collected");
    answer(res, 503, "Metrics are unavailable just now\n");
  }
}

/** Starts the endpoint when METRICS_PORT is set; null when it is off. */
export async function startMetricsServer(): Promise<MetricsServer | null> {
  const settings = metricsSettings(env());
  if (!settings) return null;
  const server = createServer((req, res) => void serve(req, res, settings.token));
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) =>
      reject(
        error.code === "EADDRINUSE"
          ? new ConfigError(`Configuration error: METRICS_PORT ${settings.port} is already in use on ${settings.host}`)
          : error,
      ),
    );
    server.listen(settings.port, settings.host, resolve);
  });
  logger().info({ host: settings.host, port: settings.port, protected: settings.token !== null }, "metrics endpoint listening");
  return {
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
