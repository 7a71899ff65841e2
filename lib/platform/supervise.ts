// Keeps the production web server running: when its process dies (the kernel's or V8's out-of-
// memory kill, an uncaught crash), it is started again after a pause, and the new process clears
// what the old one left (see instrumentation.ts). A server that keeps dying straight after start
// is not restarted for ever: past `maxRestarts` within `windowMs`, the supervisor gives up and
// reports the last exit, so a broken build or configuration still stops `npm start`.
import type { ChildProcess } from "node:child_process";

export interface SuperviseOptions {
  maxRestarts: number;
  windowMs: number;
  delayMs: number;
  log: (line: string) => void;
  /** The server ended for good: it exited cleanly, or kept crashing. Not called after stop(). */
  onExit: (code: number) => void;
}

export interface Supervisor {
  /** Stops the server and does not restart it. */
  stop(): void;
}

export const SERVER_RESTARTS = { maxRestarts: 5, windowMs: 5 * 60 * 1000, delayMs: 1_000 } as const;

export function supervise(start: () => ChildProcess, options: SuperviseOptions): Supervisor {
  let stopping = false;
  let child: ChildProcess | null = null;
  let timer: NodeJS.Timeout | null = null;
  const crashes: number[] = [];

  const launch = () => {
    timer = null;
    child = start();
    child.once("exit", (code, signal) => {
      child = null;
      if (stopping) return;
      if (code === 0) return options.onExit(0);
      const now = Date.now();
      crashes.push(now);
      while (crashes.length > 0 && now - crashes[0]! > options.windowMs) crashes.shift();
      const how = signal ? `was killed (${signal})` : `exited with code ${code}`;
      if (crashes.length > options.maxRestarts) {
        const minutes = Math.round(options.windowMs / 60_000);
        options.log(`web server ${how}, ${crashes.length} times in ${minutes} minute${minutes === 1 ? "" : "s"}: not restarting it`);
        return options.onExit(code ?? 1);
      }
      options.log(`web server ${how}: starting it again`);
      timer = setTimeout(launch, options.delayMs);
    });
  };
  launch();

  return {
    stop() {
      stopping = true;
      if (timer) clearTimeout(timer);
      child?.kill("SIGTERM");
    },
  };
}
