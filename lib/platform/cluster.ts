// Keeps N web server worker processes running behind one port (node:cluster; npm start is the
// primary). A worker that dies (the kernel's or V8's out-of-memory kill, an uncaught crash) is
// replaced after a short pause while the others keep answering. Workers that keep dying are not
// replaced for ever: past `maxRestarts` deaths per worker within `windowMs`, the supervisor gives
// up and reports the last exit, so a broken build or configuration still stops `npm start`.
// Stopping asks every worker to drain (scripts/server.ts) and kills those still running after the
// grace period. Decision record: docs/decisions/0008-many-processes.md.

export interface RestartPolicy {
  /** Deaths allowed per worker within the window before giving up. */
  maxRestarts: number;
  windowMs: number;
  /** Pause before a replacement is started. */
  delayMs: number;
}

export const SERVER_RESTARTS: RestartPolicy = { maxRestarts: 5, windowMs: 5 * 60 * 1000, delayMs: 1_000 };

/** The message a worker drains on (scripts/server.ts). */
export const DRAIN_MESSAGE = "ecr:drain";

/** Counts deaths within a sliding window; says when there have been too many. */
export class CrashLoop {
  private readonly deaths: number[] = [];

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Records a death at `now`; true when the limit is passed and no replacement should start. */
  record(now: number): boolean {
    this.deaths.push(now);
    while (this.deaths.length > 0 && now - this.deaths[0]! > this.windowMs) this.deaths.shift();
    return this.deaths.length > this.limit;
  }

  get recent(): number {
    return this.deaths.length;
  }
}

/** What the supervisor needs of a worker: node:cluster's Worker has all of it. */
export interface WorkerProcess {
  readonly process: { readonly pid?: number | undefined; kill(signal?: NodeJS.Signals): boolean };
  once(event: "exit", listener: (code: number | null, signal: NodeJS.Signals | null) => void): unknown;
  send(message: unknown): boolean;
  isConnected(): boolean;
}

export interface ClusterOptions {
  workers: number;
  fork: () => WorkerProcess;
  policy: RestartPolicy;
  log: (line: string) => void;
  /** Workers kept dying: the supervisor has stopped replacing them. Not called after stop(). */
  onGiveUp: (code: number) => void;
}

export interface ClusterSupervisor {
  /** Live workers' process ids. */
  pids(): number[];
  /** Stops replacing workers, asks each to drain, and SIGKILLs any still running after `graceMs`. */
  stop(graceMs: number): Promise<{ killed: number }>;
}

function describeExit(code: number | null, signal: NodeJS.Signals | null): string {
  return signal ? `was killed (${signal})` : `exited with code ${code}`;
}

export function superviseCluster(options: ClusterOptions): ClusterSupervisor {
  const live = new Map<WorkerProcess, Promise<void>>();
  const timers = new Set<NodeJS.Timeout>();
  const loop = new CrashLoop(options.policy.maxRestarts * options.workers, options.policy.windowMs);
  let stopping = false;

  const start = () => {
    const worker = options.fork();
    const exited = new Promise<void>((resolve) => {
      worker.once("exit", (code, signal) => {
        live.delete(worker);
        resolve();
        if (stopping) return;
        const how = `web server process ${worker.process.pid ?? "?"} ${describeExit(code, signal)}`;
        if (loop.record(Date.now())) {
          const minutes = Math.round(options.policy.windowMs / 60_000);
          options.log(`${how}; ${loop.recent} server processes have died in ${minutes} minute${minutes === 1 ? "" : "s"}: not starting any more`);
          // Once: the caller stops the rest, and their exits are not more crashes to report.
          stopping = true;
          return options.onGiveUp(code || 1);
        }
        options.log(`${how}: starting another`);
        const timer = setTimeout(() => {
          timers.delete(timer);
          if (!stopping) start();
        }, options.policy.delayMs);
        timers.add(timer);
      });
    });
    live.set(worker, exited);
  };

  for (let i = 0; i < options.workers; i++) start();

  return {
    pids: () => [...live.keys()].map((w) => w.process.pid).filter((p): p is number => typeof p === "number"),
    async stop(graceMs) {
      stopping = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      for (const worker of live.keys()) {
        try {
          if (worker.isConnected()) worker.send(DRAIN_MESSAGE);
          else worker.process.kill("SIGTERM");
        } catch {
          worker.process.kill("SIGTERM");
        }
      }
      const all = Promise.all(live.values());
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<"late">((resolve) => {
        timer = setTimeout(() => resolve("late"), graceMs);
      });
      const outcome = await Promise.race([all.then(() => "done" as const), late]);
      clearTimeout(timer);
      if (outcome === "done") return { killed: 0 };
      const stragglers = [...live.keys()];
      for (const worker of stragglers) worker.process.kill("SIGKILL");
      await all;
      return { killed: stragglers.length };
    },
  };
}
