// The process's metrics, the pool gauges on a real pg pool, and the primary's endpoint adding up
// real node:cluster workers (each loading the modules through tsx, as the server does).
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createPrismaClient, poolOf } from "@/lib/db-client";
import { appPool, jobKindLabel, metrics, recordJob } from "@/lib/platform/metrics";
import { bearerMatches, isLoopback, metricsSettings } from "@/lib/platform/metrics-server";

const root = process.cwd();

describe("job metrics", () => {
  it("counts jobs by kind and outcome and times them", async () => {
    recordJob("evaluate-all", "completed", 2.5);
    recordJob("evaluate-all", "failed", 0.3);
    recordJob("evaluate-all", "completed", 1);
    const text = await metrics().registry.metrics();
    expect(text).toContain('background_jobs_total{kind="evaluate-all",outcome="completed"} 2');
    expect(text).toContain('background_jobs_total{kind="evaluate-all",outcome="failed"} 1');
    expect(text).toContain('background_job_duration_seconds_count{kind="evaluate-all"} 3');
    expect(text).toContain('background_job_duration_seconds_sum{kind="evaluate-all"} 3.8');
  });

  it("keeps kinds to names chosen in code, and a bounded number of them", () => {
    expect(jobKindLabel("daily-evaluation")).toBe("daily-evaluation");
    expect(jobKindLabel("user@example.org")).toBe("other");
    expect(jobKindLabel("has space")).toBe("other");
    const labels = new Set<string>();
    for (let i = 0; i < 200; i++) labels.add(jobKindLabel(`kind-${i}`));
    expect(labels.size).toBeLessThanOrEqual(51);
  });

  it("has the process's default metrics", async () => {
    const text = await metrics().registry.metrics();
    expect(text).toContain("process_resident_memory_bytes");
    expect(text).toContain("nodejs_eventloop_lag_seconds");
  });
});

describe("database pool gauges", () => {
  it("read the app's pool where lib/db-client.ts keeps it", async () => {
    const client = createPrismaClient("postgresql://nobody@127.0.0.1:1/none", 7);
    const holder = globalThis as { prisma?: unknown };
    const previous = holder.prisma;
    holder.prisma = client;
    try {
      expect(appPool()).toBe(poolOf(client));
      const text = await metrics().registry.metrics();
      expect(text).toContain('db_pool_max_connections{pool="app"} 7');
      expect(text).toContain('db_pool_connections{pool="app"} 0');
      expect(text).toContain('db_pool_waiting_clients{pool="app"} 0');
    } finally {
      holder.prisma = previous;
      await client.$disconnect();
    }
  });

  it.skipIf(!process.env.TEST_DATABASE_URL)("count connections in use and idle on a real server (needs TEST_DATABASE_URL)", async () => {
    const client = createPrismaClient(process.env.TEST_DATABASE_URL, 3);
    const holder = globalThis as { prisma?: unknown };
    const previous = holder.prisma;
    holder.prisma = client;
    try {
      const busy = await poolOf(client).connect();
      let text = await metrics().registry.metrics();
      expect(text).toContain('db_pool_connections{pool="app"} 1');
      expect(text).toContain('db_pool_idle_connections{pool="app"} 0');
      busy.release();
      text = await metrics().registry.metrics();
      expect(text).toContain('db_pool_idle_connections{pool="app"} 1');
    } finally {
      holder.prisma = previous;
      await client.$disconnect();
    }
  });
});

describe("metrics endpoint settings", () => {
  const TOKEN = "t".repeat(40);

  it("is off without a port", () => {
    expect(metricsSettings({ METRICS_PORT: undefined, METRICS_HOST: "0.0.0.0", METRICS_TOKEN: undefined })).toBeNull();
  });

  it("refuses a non-loopback address without a token, in words", () => {
    expect(() => metricsSettings({ METRICS_PORT: 9464, METRICS_HOST: "0.0.0.0", METRICS_TOKEN: undefined })).toThrow(
      /METRICS_TOKEN is required when METRICS_HOST \(0\.0\.0\.0\) is not a loopback address/,
    );
    expect(() => metricsSettings({ METRICS_PORT: 9464, METRICS_HOST: "10.0.0.5", METRICS_TOKEN: undefined })).toThrow(/METRICS_TOKEN/);
    expect(metricsSettings({ METRICS_PORT: 9464, METRICS_HOST: "0.0.0.0", METRICS_TOKEN: TOKEN })).toEqual({ port: 9464, host: "0.0.0.0", token: TOKEN });
    expect(metricsSettings({ METRICS_PORT: 9464, METRICS_HOST: "127.0.0.1", METRICS_TOKEN: undefined })).toEqual({ port: 9464, host: "127.0.0.1", token: null });
  });

  it("knows loopback addresses", () => {
    for (const h of ["127.0.0.1", "127.1.2.3", "localhost", "::1", "[::1]", "::ffff:127.0.0.1"]) expect(isLoopback(h)).toBe(true);
    for (const h of ["0.0.0.0", "::", "10.0.0.1", "192.168.1.2", "example.org", "128.0.0.1"]) expect(isLoopback(h)).toBe(false);
  });

  it("accepts only the exact bearer token", () => {
    expect(bearerMatches(`Bearer ${TOKEN}`, TOKEN)).toBe(true);
    expect(bearerMatches(`bearer ${TOKEN}`, TOKEN)).toBe(true);
    for (const h of [undefined, "", "Bearer", `Bearer ${TOKEN}x`, `Bearer ${TOKEN.slice(1)}`, `Basic ${TOKEN}`, TOKEN, `Bearer  `]) {
      expect(bearerMatches(h, TOKEN)).toBe(false);
    }
  });
});

// A cluster primary with two workers that record different counts, then serve /metrics.
const FIXTURE = `
import cluster from "node:cluster";
const root = process.env.REPO_ROOT;
const { metrics, recordJob } = await import(root + "/lib/platform/metrics.ts");
if (cluster.isPrimary) {
  const { startMetricsServer } = await import(root + "/lib/platform/metrics-server.ts");
  const workers = [cluster.fork({ WORKER_N: "1" }), cluster.fork({ WORKER_N: "2" })];
  await Promise.all(workers.map((w) => new Promise((resolve) => w.once("message", resolve))));
  const server = await startMetricsServer();
  console.log("READY " + (server ? "on" : "off"));
  process.on("SIGTERM", async () => {
    await server?.close();
    for (const w of workers) w.kill("SIGKILL");
    process.exit(0);
  });
} else {
  const n = Number(process.env.WORKER_N);
  for (let i = 0; i < n * 3; i++) recordJob("fixture-job", "completed", 0.5);
  metrics().httpRequests.inc({ method: "GET", route: "/fixture", status: "200" }, n * 10);
  // A second copy of the module, as Next's bundle loads its own: it must count into the same
  // registry, and the worker must still answer the primary exactly once.
  const second = await import(root + "/lib/platform/metrics.ts?second-graph");
  second.recordJob("fixture-job", "completed", 0.5);
  process.send({ ready: true });
}
`;

async function withCluster(env: Record<string, string>, body: (output: () => string) => Promise<void>) {
  const dir = mkdtempSync(path.join(tmpdir(), "ecr-obs-metrics-"));
  const script = path.join(dir, "cluster.mts");
  writeFileSync(script, FIXTURE);
  const child = spawn(process.execPath, ["--import", "tsx", script], {
    cwd: root,
    env: { PATH: process.env.PATH, NODE_ENV: "test", REPO_ROOT: root, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout.on("data", (b: Buffer) => (out += b.toString()));
  child.stderr.on("data", (b: Buffer) => (out += b.toString()));
  const exited = new Promise((resolve) => child.on("exit", resolve));
  try {
    for (let i = 0; i < 300 && !out.includes("READY"); i++) {
      if (child.exitCode !== null) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(out).toContain("READY");
    await body(() => out);
  } finally {
    child.kill("SIGTERM");
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
    if (child.exitCode === null) child.kill("SIGKILL");
    rmSync(dir, { recursive: true, force: true });
  }
}

describe("the metrics endpoint in a cluster primary", () => {
  const TOKEN = "fixture-token-0123456789-abcdefghijkl";
  const PORT = 3791;

  it("adds up every worker's metrics, and only for the token", { timeout: 60_000 }, async () => {
    await withCluster({ METRICS_PORT: String(PORT), METRICS_TOKEN: TOKEN }, async (output) => {
      const url = `http://127.0.0.1:${PORT}/metrics`;
      expect((await fetch(url)).status).toBe(401);
      expect((await fetch(url, { headers: { Authorization: `Bearer ${TOKEN}x` } })).status).toBe(401);
      expect((await fetch(`http://127.0.0.1:${PORT}/other`, { headers: { Authorization: `Bearer ${TOKEN}` } })).status).toBe(404);
      const response = await fetch(url, { headers: { Authorization: `Bearer ${TOKEN}` } });
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toContain("text/plain");
      const text = await response.text();
      // Worker 1 recorded 3 + 1 jobs and 10 requests, worker 2 six + 1 and 20.
      expect(text).toContain('background_jobs_total{kind="fixture-job",outcome="completed"} 11');
      expect(text).toContain('background_job_duration_seconds_sum{kind="fixture-job"} 5.5');
      expect(text).toContain('http_requests_total{method="GET",route="/fixture",status="200"} 30');
      expect(text).toMatch(/^web_workers 2$/m);
      expect(text).toMatch(/^web_workers_reporting 2$/m);
      expect(text).toContain('db_pool_connections{pool="app"} 0');
      expect(text).toContain("process_resident_memory_bytes");
      expect(output()).toContain('"msg":"metrics endpoint listening"');
    });
  });

  it("listens on nothing when METRICS_PORT is unset", { timeout: 60_000 }, async () => {
    await withCluster({}, async (output) => {
      expect(output()).toContain("READY off");
      await expect(fetch(`http://127.0.0.1:${PORT}/metrics`)).rejects.toThrow();
    });
  });
});
