// Worker-process benchmark on the database at DATABASE_URL (the 50,000-device demo is enough:
// `npm run db:seed -- --devices 50000`; a production build is made first if there is none).
// Starts the service as `npm start` runs it, once with WEB_CONCURRENCY=1 and once with 2, each on
// its own port and one at a time; signs in and drives the dashboard and the sites list with 20
// concurrent connections (5 s warm-up, 15 s measured): requests a second and p95 for each, and the
// ratio 2 workers / 1 worker (goal at least 1.5x on 2 cores). In the same run, the floor: a trivial
// endpoint under the same load, which shows what the machine and the load generator allow.
// Where the time goes is reported too, as a share of the cores: the load generator (this process),
// the service's processes, the database's server processes for this database (when PostgreSQL runs
// on this machine) and the rest of the machine (anything else running).
// Run with: node --import tsx scripts/bench/workers.ts
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, openSync, closeSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import autocannon from "autocannon";
import { withClient } from "@/lib/platform/database";
import { signIn } from "./sign-in";

const CONNECTIONS = 20;
const WARM_UP_S = 5;
const MEASURE_S = 15;
const FIRST_PORT = 3901;
const CORES = cpus().length;
const TICK = 100; // clock ticks a second, as /proc reports CPU time (USER_HZ on Linux)

interface Figures {
  rps: number;
  p50: number;
  p95: number;
  non2xx: number;
  errors: number;
  /** Share of one core used during the measured 15 s. */
  cpu: { loadGenerator: number; service: number; database: number; rest: number; idle: number } | null;
}

interface Run {
  workers: number;
  pages: Map<string, Figures>;
  rss: { pid: number; role: string; mb: number }[];
}

// --- the machine: CPU time from /proc (Linux; elsewhere the CPU split is left out) ---

function machineTicks(): { busy: number; idle: number } | null {
  try {
    const f = readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/).slice(1).map(Number);
    const idle = f[3]! + (f[4] ?? 0);
    return { busy: f.slice(0, 8).reduce((a, b) => a + b, 0) - idle, idle };
  } catch {
    return null;
  }
}

function procStat(pid: number): { ppid: number; ticks: number } | null {
  try {
    const s = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name (field 2) may hold spaces; the fields after it are fixed.
    const f = s.slice(s.lastIndexOf(")") + 2).split(" ");
    return { ppid: Number(f[1]), ticks: Number(f[11]) + Number(f[12]) };
  } catch {
    return null;
  }
}

/** The process and every process below it. */
function tree(root: number): number[] {
  let all: { pid: number; ppid: number }[] = [];
  try {
    all = readdirSync("/proc")
      .filter((d) => /^\d+$/.test(d))
      .map((d) => ({ pid: Number(d), ppid: procStat(Number(d))?.ppid ?? -1 }));
  } catch {
    return [root];
  }
  const found = [root];
  for (let i = 0; i < found.length; i++) for (const p of all) if (p.ppid === found[i]) found.push(p.pid);
  return found;
}

/** CPU ticks so far of each process named. */
function ticksOf(pids: number[]): Map<number, number> {
  return new Map(pids.map((pid) => [pid, procStat(pid)?.ticks ?? 0]));
}

/** CPU ticks used between two readings (a process that started in between counts from its start). */
function ticksBetween(before: Map<number, number>, after: Map<number, number>): number {
  let sum = 0;
  for (const [pid, t] of after) sum += t - (before.get(pid) ?? 0);
  return sum;
}

/** The PostgreSQL server processes serving the benchmark's database (on this machine). */
async function databasePids(url: string): Promise<number[]> {
  return withClient(url, async (c) =>
    (await c.query<{ pid: number }>("SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()")).rows.map((r) => r.pid),
  );
}

function rssMb(pid: number): number {
  try {
    const line = readFileSync(`/proc/${pid}/status`, "utf8").split("\n").find((l) => l.startsWith("VmRSS:"));
    return line ? Number(line.split(/\s+/)[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean).join(" ");
  } catch {
    return "";
  }
}

// --- the service, as `npm start` runs it ---

interface Service {
  child: ChildProcess;
  base: string;
  log: string;
  stop: () => Promise<string>;
}

let current: ChildProcess | null = null;

async function startService(workers: number, port: number, dir: string): Promise<Service> {
  const log = join(dir, `server-${workers}.log`);
  const fd = openSync(log, "w");
  // `npm start` is `node --import tsx scripts/start.ts`; the demo data is already in place.
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts", "--no-seed"], {
    stdio: ["ignore", fd, fd],
    // Its own process group, so that whatever it leaves behind can be found and ended.
    detached: true,
    env: {
      ...process.env,
      PORT: String(port),
      WEB_CONCURRENCY: String(workers),
      // Its own secrets (session key, app role's password), kept away from the project's .data.
      DATA_DIR: join(dir, `data-${workers}`),
      // The one origin changes (the sign-in) are accepted from: the address the load comes to.
      NEXTAUTH_URL: `http://127.0.0.1:${port}`,
      NEXT_TELEMETRY_DISABLED: "1",
    },
  });
  closeSync(fd);
  current = child;
  const base = `http://127.0.0.1:${port}`;
  let exited: number | null = null;
  const gone = new Promise<void>((resolve) => child.on("exit", (code, signal) => ((exited = code ?? (signal ? 128 : 1)), resolve())));

  const stop = async (): Promise<string> => {
    if (exited !== null) return `had already exited (${exited})`;
    const started = performance.now();
    const below = tree(child.pid!).slice(1);
    child.kill("SIGTERM");
    const inTime = await Promise.race([gone.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 60_000))]);
    current = null;
    // The processes it started get as long again to finish their own shutdown.
    let left = below.filter((pid) => procStat(pid) !== null);
    for (let waited = 0; left.length && waited < 60_000; waited += 250) {
      await new Promise((r) => setTimeout(r, 250));
      left = left.filter((pid) => procStat(pid) !== null);
    }
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    if (!inTime || left.length) {
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        // Already gone.
      }
      for (const pid of left) {
        try {
          process.kill(pid, "SIGKILL");
        } catch {
          // Already gone.
        }
      }
      return inTime ? `exited, but left ${left.length} process(es) still running ${seconds} s after SIGTERM (killed)` : `did not exit within 60 s of SIGTERM (killed)`;
    }
    return `stopped cleanly ${seconds} s after SIGTERM (exit ${exited})`;
  };

  // Ready when the sign-in page answers (migrations, the daily check and the build, if any, come first).
  const deadline = Date.now() + 300_000;
  for (;;) {
    if (exited !== null) throw new Error(`the service exited (${exited}) before it answered; see ${log}:\n${readFileSync(log, "utf8").slice(-2000)}`);
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the service did not answer within 5 minutes; see ${log}`);
    }
    try {
      const res = await fetch(`${base}/login`);
      await res.arrayBuffer();
      if (res.status === 200) break;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  return { child, base, log, stop };
}


function cannon(url: string, cookie: string, duration: number, onResponse?: (ms: number) => void): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    const instance = autocannon({ url, connections: CONNECTIONS, duration, headers: { cookie } }, (e, r) => (e ? reject(e) : resolve(r)));
    if (onResponse) instance.on("response", (_client, _status, _bytes, ms) => onResponse(ms));
  });
}

/**
 * 20 connections for 15 s after 5 s of the same load unmeasured (a server in use has compiled its
 * hot code; a fresh worker has not). autocannon reports p90 and p97.5, so each response time is
 * kept for p95.
 */
async function load(url: string, cookie: string, servicePid: number, databaseUrl: string): Promise<Figures> {
  await cannon(url, cookie, WARM_UP_S);
  const times: number[] = [];
  const d0 = ticksOf(await databasePids(databaseUrl));
  const m0 = machineTicks();
  const s0 = ticksOf(tree(servicePid));
  const g0 = process.cpuUsage();
  const result = await cannon(url, cookie, MEASURE_S, (ms) => times.push(ms));
  const g1 = process.cpuUsage(g0);
  const s1 = ticksOf(tree(servicePid));
  const m1 = machineTicks();
  const d1 = ticksOf(await databasePids(databaseUrl));
  times.sort((a, b) => a - b);
  const pct = (p: number) => times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))] ?? NaN;
  let cpu: Figures["cpu"] = null;
  if (m0 && m1) {
    const core = MEASURE_S * TICK; // one core's ticks over the measured time
    const loadGenerator = ((g1.user + g1.system) / 1e6) * TICK;
    const service = ticksBetween(s0, s1);
    const database = ticksBetween(d0, d1);
    const busy = m1.busy - m0.busy;
    cpu = {
      loadGenerator: loadGenerator / core,
      service: service / core,
      database: database / core,
      rest: Math.max(0, busy - loadGenerator - service - database) / core,
      idle: (m1.idle - m0.idle) / core,
    };
  }
  return { rps: result.requests.total / MEASURE_S, p50: pct(50), p95: pct(95), non2xx: result.non2xx, errors: result.errors + result.timeouts, cpu };
}

const pctOfCores = (x: number) => `${(x * 100).toFixed(0)}%`;

function describe(f: Figures): string {
  const failures = f.non2xx || f.errors ? `, ${f.non2xx} non-2xx, ${f.errors} errors` : "";
  const cpu = f.cpu
    ? `; CPU (100% = one core, ${CORES} cores): load generator ${pctOfCores(f.cpu.loadGenerator)}, service ${pctOfCores(f.cpu.service)}, database ${pctOfCores(f.cpu.database)}, rest of the machine ${pctOfCores(f.cpu.rest)}, idle ${pctOfCores(f.cpu.idle)}`
    : "";
  return `${f.rps.toFixed(0)}/s, p50 ${f.p50.toFixed(0)} ms, p95 ${f.p95.toFixed(0)} ms${failures}${cpu}`;
}

/** What is driven, in order: the two pages the issue asks for, then the two floors. */
const TARGETS = [
  { path: "/dashboard", label: "dashboard page", goal: true },
  { path: "/sites", label: "sites list", goal: true },
  // The framework's floor: the smallest signed-in page (layout, session, no register data).
  { path: "/accessibility", label: "floor: smallest signed-in page", goal: false },
  // The machine's floor: answered by each worker without Next.js or the database, so it shows what
  // the cores and the load generator allow (absent before the service had health checks).
  { path: "/healthz", label: "floor: health check", goal: false },
] as const;

type Path = (typeof TARGETS)[number]["path"];

function processes(primary: number): Run["rss"] {
  return tree(primary).map((pid) => {
    const cmd = commandLine(pid);
    const role =
      pid === primary
        ? "primary"
        : /scripts\/server\.ts|next-server|next\/dist\/bin\/next/.test(cmd)
          ? "worker"
          : /esbuild/.test(cmd)
            ? "esbuild (tsx's compiler)"
            : cmd.slice(0, 40);
    return { pid, role, mb: rssMb(pid) };
  });
}

function describeMemory(list: Run["rss"]): string {
  const workers = list.filter((p) => p.role === "worker");
  const primary = list.find((p) => p.role === "primary");
  const other = list.filter((p) => p !== primary && p.role !== "worker");
  return [
    `primary ${primary?.mb.toFixed(0) ?? "?"} MB`,
    `worker${workers.length === 1 ? "" : "s"} ${workers.map((w) => `${w.mb.toFixed(0)} MB`).join(", ") || "none found"}`,
    other.length ? `others ${other.reduce((a, b) => a + b.mb, 0).toFixed(0)} MB (${[...new Set(other.map((o) => o.role))].join(", ")})` : "",
  ]
    .filter(Boolean)
    .join("; ");
}

async function measure(workers: number, port: number, dir: string, paths: Path[], databaseUrl: string): Promise<Run> {
  const who = `${workers} worker${workers > 1 ? "s" : ""}`;
  const service = await startService(workers, port, dir);
  const pages = new Map<string, Figures>();
  let rss: Run["rss"] = [];
  try {
    const cookie = await signIn(service.base);
    console.log(`${who}: resident memory at rest: ${describeMemory(processes(service.child.pid!))}`);
    for (const path of paths) {
      if (path === "/healthz") {
        const health = await fetch(`${service.base}${path}`);
        await health.arrayBuffer();
        if (health.status !== 200) {
          console.log(`${who}: ${path} answered ${health.status}: no health check to measure`);
          continue;
        }
      }
      const first = await fetch(`${service.base}${path}`, { headers: { cookie } });
      const size = (await first.arrayBuffer()).byteLength;
      if (first.status !== 200) throw new Error(`${path} answered ${first.status}`);
      const f = await load(`${service.base}${path}`, cookie, service.child.pid!, databaseUrl);
      pages.set(path, f);
      console.log(`${who}: ${path} (${size < 1024 ? `${size} bytes` : `${Math.round(size / 1024)} KB`}), ${CONNECTIONS} concurrent for ${MEASURE_S} s: ${describe(f)}`);
    }
    rss = processes(service.child.pid!);
    console.log(`${who}: resident memory after the load: ${describeMemory(rss)}`);
  } finally {
    console.log(`${who}: service ${await service.stop()}`);
  }
  return { workers, pages, rss };
}

async function main() {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("set DATABASE_URL to the benchmark database");
  const devices = await withClient(url, async (c) => (await c.query<{ n: number }>("SELECT count(*)::int AS n FROM devices")).rows[0]!.n);
  let load = "";
  try {
    const [l1, l5] = readFileSync("/proc/loadavg", "utf8").split(" ");
    load = `; load average before the run ${l1} (1 min), ${l5} (5 min)`;
  } catch {
    // Not Linux.
  }
  console.log(`${devices.toLocaleString("en-GB")} devices; ${CORES} cores${load}`);

  const dir = mkdtempSync(join(tmpdir(), "ecr-bench-workers-"));
  // Interrupted: the service running is stopped too, not left serving.
  process.on("SIGINT", () => {
    current?.kill("SIGTERM");
    process.exit(130);
  });
  let ok = false;
  try {
    const one = await measure(1, FIRST_PORT, dir, TARGETS.map((t) => t.path), url);
    // The second run drives what the first could, so the two measure the same things.
    const paths = [...one.pages.keys()] as Path[];
    const two = await measure(2, FIRST_PORT + 1, dir, paths, url);
    for (const t of TARGETS.filter((x) => paths.includes(x.path))) {
      const a = one.pages.get(t.path)!;
      const b = two.pages.get(t.path)!;
      console.log(
        `${t.label} (${t.path}): 1 worker ${a.rps.toFixed(0)}/s p95 ${a.p95.toFixed(0)} ms; 2 workers ${b.rps.toFixed(0)}/s p95 ${b.p95.toFixed(0)} ms; ratio 2/1 ${(b.rps / a.rps).toFixed(2)}x${t.goal ? " (goal at least 1.5x)" : ""}`,
      );
    }
    ok = true;
  } finally {
    // The servers' logs are kept when something went wrong.
    if (ok) rmSync(dir, { recursive: true, force: true });
    else console.error(`servers' logs kept in ${dir}`);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
