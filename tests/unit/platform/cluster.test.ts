// The web server's cluster supervisor, on real node:cluster worker processes.
import cluster from "node:cluster";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CrashLoop, DRAIN_MESSAGE, superviseCluster, type ClusterSupervisor } from "@/lib/platform/cluster";

// A stand-in worker: MODE=crash exits 3 at once; serve runs until asked to drain, then exits 0;
// stubborn ignores the drain message and SIGTERM.
const WORKER = `
const mode = process.env.MODE;
if (mode === "crash") process.exit(3);
setInterval(() => {}, 1000);
if (mode === "stubborn") process.on("SIGTERM", () => {});
process.on("message", (m) => { if (m === ${JSON.stringify(DRAIN_MESSAGE)} && mode === "serve") process.exit(0); });
`;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), "ecr-cluster-test-"));
  writeFileSync(path.join(dir, "worker.cjs"), WORKER);
  cluster.setupPrimary({ exec: path.join(dir, "worker.cjs"), execArgv: [], silent: true });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

function start(mode: string, workers: number, maxRestarts = 5) {
  let forks = 0;
  const lines: string[] = [];
  const gaveUp: number[] = [];
  const supervisor = superviseCluster({
    workers,
    fork: () => (forks++, cluster.fork({ MODE: mode })),
    policy: { maxRestarts, windowMs: 60_000, delayMs: 20 },
    log: (l) => lines.push(l),
    onGiveUp: (code) => gaveUp.push(code),
  });
  return { supervisor, lines, gaveUp, forks: () => forks };
}

async function until(what: () => boolean, ms = 15_000) {
  const deadline = Date.now() + ms;
  while (!what()) {
    if (Date.now() > deadline) throw new Error("timed out");
    await sleep(20);
  }
}

describe("the crash-loop limit", () => {
  it("gives up past the limit within the window, and forgets deaths older than the window", () => {
    const loop = new CrashLoop(2, 1_000);
    expect([loop.record(0), loop.record(100), loop.record(200)]).toEqual([false, false, true]);
    const later = new CrashLoop(2, 1_000);
    expect([later.record(0), later.record(100), later.record(1_500), later.record(1_600)]).toEqual([false, false, false, false]);
    expect(later.record(1_700)).toBe(true);
    expect(later.recent).toBe(3);
  });
});

describe("superviseCluster", () => {
  let running: ClusterSupervisor | null = null;
  afterAll(async () => {
    await running?.stop(500);
  });

  it("replaces workers that die, and gives up once when they keep dying straight after start", async () => {
    const r = start("crash", 2, 2);
    await until(() => r.gaveUp.length > 0);
    await sleep(300);
    // Two workers may die 2 x 2 times; the fifth death ends it, with the last exit's code.
    expect(r.gaveUp).toEqual([3]);
    expect(r.forks()).toBe(6);
    expect(r.lines.filter((l) => l.endsWith("exited with code 3: starting another"))).toHaveLength(4);
    expect(r.lines.at(-1)).toMatch(/exited with code 3; 5 server processes have died in 1 minute: not starting any more$/);
    expect(await r.supervisor.stop(1_000)).toEqual({ killed: 0 });
  });

  it("replaces a worker killed by SIGKILL while the others keep running", async () => {
    const r = start("serve", 2);
    running = r.supervisor;
    await until(() => r.supervisor.pids().length === 2);
    const [victim, survivor] = r.supervisor.pids() as [number, number];
    process.kill(victim, "SIGKILL");
    await until(() => r.supervisor.pids().length === 2 && !r.supervisor.pids().includes(victim));
    expect(r.supervisor.pids()).toContain(survivor);
    expect(alive(survivor)).toBe(true);
    expect(r.lines).toEqual([`web server process ${victim} was killed (SIGKILL): starting another`]);
    expect(r.gaveUp).toEqual([]);

    // Stopping drains them all: each exits 0 on its own, none is replaced or killed.
    const pids = r.supervisor.pids();
    expect(await r.supervisor.stop(5_000)).toEqual({ killed: 0 });
    running = null;
    await sleep(100);
    expect(pids.filter(alive)).toEqual([]);
    expect(r.forks()).toBe(3);
    expect(r.lines).toHaveLength(1);
  });

  it("kills workers still running after the grace period", async () => {
    const r = start("stubborn", 2);
    await until(() => r.supervisor.pids().length === 2);
    const pids = r.supervisor.pids();
    const started = Date.now();
    expect(await r.supervisor.stop(400)).toEqual({ killed: 2 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(400);
    expect(pids.filter(alive)).toEqual([]);
    expect(r.forks()).toBe(2);
    expect(r.gaveUp).toEqual([]);
  });
});
