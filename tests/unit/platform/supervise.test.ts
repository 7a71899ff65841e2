// The web server's supervisor, on real child processes.
import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { supervise } from "@/lib/platform/supervise";

function node(script: string) {
  return () => spawn(process.execPath, ["-e", script], { stdio: "ignore" });
}

function run(script: string, maxRestarts: number) {
  let starts = 0;
  const lines: string[] = [];
  const ended = new Promise<number>((resolve) => {
    const start = node(script);
    supervise(() => (starts++, start()), { maxRestarts, windowMs: 60_000, delayMs: 10, log: (l) => lines.push(l), onExit: resolve });
  });
  return { ended, lines, starts: () => starts };
}

describe("supervise", () => {
  it("starts a crashed server again, and gives up when it keeps crashing", async () => {
    const r = run("process.exit(3)", 2);
    expect(await r.ended).toBe(3);
    expect(r.starts()).toBe(3);
    expect(r.lines).toEqual([
      "web server exited with code 3: starting it again",
      "web server exited with code 3: starting it again",
      "web server exited with code 3, 3 times in 1 minute: not restarting it",
    ]);
  });

  it("restarts a server killed by a signal, as the out-of-memory killer does", async () => {
    const r = run("process.kill(process.pid, 'SIGKILL')", 1);
    expect(await r.ended).toBe(1);
    expect(r.lines[0]).toBe("web server was killed (SIGKILL): starting it again");
  });

  it("does not restart a server that exits cleanly", async () => {
    const r = run("process.exit(0)", 5);
    expect(await r.ended).toBe(0);
    expect(r.starts()).toBe(1);
  });

  it("stops without restarting or reporting an exit", async () => {
    let exits = 0;
    let starts = 0;
    const supervisor = supervise(() => (starts++, spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { stdio: "ignore" })), {
      maxRestarts: 5, windowMs: 60_000, delayMs: 10, log: () => {}, onExit: () => exits++,
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    supervisor.stop();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect([starts, exits]).toEqual([1, 0]);
  });
});
