// Real service processes for the operations specs (tests/e2e/operations-*.spec.ts): fresh databases
// on TEST_DATABASE_URL's server, and `npm start` run exactly as an operator runs it, several at
// once if need be. Plain `pg` and child processes only, so nothing here depends on how Playwright
// compiles the app's modules.
import { execFile, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser, BrowserContext } from "@playwright/test";
import pg from "pg";
import { giveCodeIfAsked } from "../fixtures";

// Playwright runs from the project root (its config lives there).
const root = process.cwd();
const DEMO_PASSWORD = "Demo-password-2026";

function adminUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error("TEST_DATABASE_URL is not set: these tests need a PostgreSQL server");
  return url;
}

function databaseName(url: string): string {
  return decodeURIComponent(new URL(url).pathname.slice(1));
}

async function asAdmin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => {});
  }
}

function runNode(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (b: Buffer) => (out += b.toString()));
    child.stderr.on("data", (b: Buffer) => (out += b.toString()));
    child.on("close", (code) => resolve({ code: code ?? 1, out }));
  });
}

/** The environment a child of ours starts from: the runner's, without anything that would point it elsewhere. */
function baseEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
  for (const name of ["DATABASE_URL", "EMBEDDED", "NODE_OPTIONS", "PORT", "NEXTAUTH_URL", "NEXTAUTH_SECRET", "METRICS_PORT", "WEB_CONCURRENCY", "NODE_ENV"]) {
    delete env[name];
  }
  return env;
}

/** A new database on TEST_DATABASE_URL's server, migrated and seeded with `devices` demo devices
 *  (default 5,000), named ecr_<name>. Returns its owner URL. Throws if TEST_DATABASE_URL is unset. */
export async function freshServerDatabase(name: string, options: { devices?: number } = {}): Promise<string> {
  const db = `ecr_${name}`;
  if (!/^[a-z0-9_]{1,50}$/.test(db)) throw new Error(`unsafe database name ${db}`);
  await asAdmin(async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
    await c.query(`CREATE DATABASE ${db}`);
  });
  const url = new URL(adminUrl());
  url.pathname = `/${db}`;
  const seeded = await runNode(["--import", "tsx", "prisma/seed.ts", "--devices", String(options.devices ?? 5_000)], {
    ...baseEnv(),
    DATABASE_URL: url.toString(),
    // The demo administrator's authenticator key is sealed with the secret its server will run with.
    NEXTAUTH_SECRET: sessionSecret(db),
  });
  if (seeded.code !== 0) throw new Error(`seeding ${db} failed:\n${seeded.out.slice(-3000)}`);
  return url.toString();
}

export async function dropServerDatabase(url: string): Promise<void> {
  const db = databaseName(url);
  if (!/^[a-z0-9_]+$/.test(db)) throw new Error(`unsafe database name ${db}`);
  await asAdmin(async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
    // The role's grants lived in the database just dropped, so nothing else holds it.
    await c.query(`DROP ROLE IF EXISTS ${appRole(db)}`).catch(() => {});
  });
}

function sessionSecret(db: string): string {
  return `test-session-secret-for-${db}-0123456789abcdef`;
}

/** Roles are shared by every database on a server: each test database has its own app role. */
function appRole(db: string): string {
  return `${db}_app`.slice(0, 63);
}

export interface ServerHandle {
  url: string; // http://localhost:<port>
  port: number;
  pid: number; // the primary (npm start's) process
  workerPids(): Promise<number[]>; // its live worker processes
  output(): string; // everything it has printed so far (stdout+stderr)
  kill(signal: NodeJS.Signals): void; // signal to the primary
  stop(): Promise<void>; // SIGTERM and wait for exit (SIGKILL after 20 s)
  exited: Promise<number | null>;
}

/** The worker processes (scripts/server.ts) a primary has forked. */
export function childWorkerPids(primary: number): Promise<number[]> {
  return new Promise((resolve) => {
    execFile("ps", ["-o", "pid=,args=", "--ppid", String(primary)], (_error, stdout) => {
      const pids = String(stdout ?? "")
        .split("\n")
        .map((line) => line.trim().match(/^(\d+)\s+(.*)$/))
        .filter((m): m is RegExpMatchArray => m !== null && m[2]!.includes("scripts/server.ts"))
        .map((m) => Number(m[1]));
      resolve(pids);
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Starts the service exactly as `npm start` does (node --import tsx scripts/start.ts --no-seed) against
 *  `databaseUrl`, on `port`, with `workers` worker processes (WEB_CONCURRENCY). All servers of one database
 *  share one app role (named after the database), DATABASE_APP_PASSWORD and NEXTAUTH_SECRET, so several
 *  can run at once. NEXTAUTH_URL is http://localhost:<port>. Resolves when GET /readyz answers 200. */
export async function startServer(options: { port: number; databaseUrl: string; workers?: number; env?: Record<string, string> }): Promise<ServerHandle> {
  const { port, databaseUrl } = options;
  const db = databaseName(databaseUrl);
  const url = `http://localhost:${port}`;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), `ecr-server-${port}-`));
  const env: NodeJS.ProcessEnv = {
    ...baseEnv(),
    DATABASE_URL: databaseUrl,
    PORT: String(port),
    WEB_CONCURRENCY: String(options.workers ?? 1),
    DATABASE_APP_ROLE: appRole(db),
    DATABASE_APP_PASSWORD: `test-app-password-${db}`,
    NEXTAUTH_SECRET: sessionSecret(db),
    NEXTAUTH_URL: url,
    DATA_DIR: dataDir,
    ...options.env,
  };
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts", "--no-seed"], { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  child.stdout.on("data", (b: Buffer) => (out += b.toString()));
  child.stderr.on("data", (b: Buffer) => (out += b.toString()));
  let done = false;
  const exited = new Promise<number | null>((resolve) => {
    child.on("exit", (code) => {
      done = true;
      rmSync(dataDir, { recursive: true, force: true });
      resolve(code);
    });
  });
  const pid = child.pid!;

  const handle: ServerHandle = {
    url,
    port,
    pid,
    workerPids: () => (done ? Promise.resolve([]) : childWorkerPids(pid)),
    output: () => out,
    kill: (signal) => {
      if (!done) child.kill(signal);
    },
    async stop() {
      if (done) return;
      const workers = await childWorkerPids(pid);
      child.kill("SIGTERM");
      const finished = await Promise.race([exited.then(() => true), sleep(20_000).then(() => false)]);
      if (!finished) {
        child.kill("SIGKILL");
        await exited;
      }
      // A primary that was killed leaves nobody to stop its workers.
      for (const w of workers) {
        try {
          process.kill(w, "SIGKILL");
        } catch {
          // Already gone.
        }
      }
    },
    exited,
  };

  const deadline = Date.now() + 240_000;
  for (;;) {
    if (done) throw new Error(`the server on port ${port} exited (code ${await exited}) before it was ready:\n${out.slice(-4000)}`);
    if (Date.now() > deadline) {
      await handle.stop();
      throw new Error(`the server on port ${port} was not ready within 4 minutes:\n${out.slice(-4000)}`);
    }
    const status = await fetch(`http://127.0.0.1:${port}/readyz`, { signal: AbortSignal.timeout(5_000) })
      .then((r) => r.status)
      .catch(() => 0);
    if (status === 200) return handle;
    await sleep(250);
  }
}

/** Signs in through the real sign-in page in a fresh browser context and returns it (demo users: see lib/seed/demo-users.ts). */
export async function signedInContext(browser: Browser, baseUrl: string, email: string, password = DEMO_PASSWORD): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL: baseUrl });
  const page = await context.newPage();
  try {
    await page.goto("/login");
    await page.getByLabel("Email address").fill(email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("button", { name: "Sign out" }).waitFor({ timeout: 30_000 });
    // The administrator gives the code from the demo authenticator app after the password.
    await giveCodeIfAsked(page, email);
  } finally {
    await page.close();
  }
  return context;
}
