// The service as an operator runs it: `npm start` with two worker processes behind one port on a
// PostgreSQL server. Health endpoints answer without a session and give nothing away; readiness
// follows the database; a worker killed under load costs only the requests in flight on it and is
// replaced; SIGTERM lets a request in flight finish, refuses new connections and exits 0.
import http from "node:http";
import os from "node:os";
import pg from "pg";
import { expect, test, type Browser } from "@playwright/test";
import { dropServerDatabase, freshServerDatabase, signedInContext, startServer, type ServerHandle } from "./support/servers";

test.describe.configure({ mode: "serial" });
test.skip(!process.env.TEST_DATABASE_URL, "needs a PostgreSQL server (TEST_DATABASE_URL): several processes share one database, and embedded PGlite serves one process by design");

const PORT = 3610;
const CONNECTIONS = 20;
let databaseUrl = "";
let server: ServerHandle | null = null;
let analystCookie = "";
let editorCookie = "";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** One request over `agent` (keep-alive when the agent is), to 127.0.0.1 with the public Host. */
function request(path: string, options: { method?: string; agent?: http.Agent; headers?: Record<string, string>; timeoutMs?: number } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: "127.0.0.1", port: PORT, path, method: options.method ?? "GET", agent: options.agent ?? false, headers: { Host: `localhost:${PORT}`, ...options.headers } },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (c: string) => (body += c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
        res.on("error", reject);
      },
    );
    req.setTimeout(options.timeoutMs ?? 30_000, () => req.destroy(new Error("timed out")));
    req.on("error", reject);
    req.end();
  });
}

function asAdmin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  return c.connect().then(() => fn(c).finally(() => c.end()));
}

async function cookieHeader(browser: Browser, email: string): Promise<string> {
  const context = await signedInContext(browser, server!.url, email);
  try {
    return (await context.cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
  } finally {
    await context.close();
  }
}

/** The worker processes, once each has said it is listening. */
async function listeningWorkers(count: number): Promise<number[]> {
  let pids: number[] = [];
  await expect
    .poll(
      async () => {
        pids = await server!.workerPids();
        return pids.length === count && pids.every((p) => server!.output().includes(`web server process ${p} listening`));
      },
      { timeout: 60_000, intervals: [250] },
    )
    .toBe(true);
  return pids;
}

test.beforeAll(async ({ browser }) => {
  test.setTimeout(600_000);
  databaseUrl = await freshServerDatabase("srv_cluster", { devices: 2_000 });
  server = await startServer({ port: PORT, databaseUrl, workers: 2, env: { SHUTDOWN_DELAY_SECONDS: "2", SHUTDOWN_GRACE_SECONDS: "20" } });
  analystCookie = await cookieHeader(browser, "analyst@cabinetoffice.example.gov.uk");
  editorCookie = await cookieHeader(browser, "editor@ho.example.gov.uk");
});

test.afterAll(async () => {
  test.setTimeout(120_000);
  await server?.stop();
  if (databaseUrl) await dropServerDatabase(databaseUrl);
});

test("health endpoints answer without a session, give nothing away, and readiness follows the database", async () => {
  test.setTimeout(180_000);
  const healthz = await request("/healthz");
  expect([healthz.status, healthz.body]).toEqual([200, '{"status":"ok"}']);
  const readyz = await request("/readyz");
  expect([readyz.status, readyz.body]).toEqual([200, '{"status":"ready"}']);
  for (const answer of [healthz, readyz]) {
    expect(answer.headers["content-type"]).toBe("application/json; charset=utf-8");
    expect(answer.headers["cache-control"]).toBe("no-store");
    expect(answer.headers["set-cookie"]).toBeUndefined();
    expect(answer.headers["x-powered-by"]).toBeUndefined();
    expect(answer.headers.server).toBeUndefined();
  }
  // HEAD answers the same without a body; other methods are refused, naming what is allowed.
  const head = await request("/readyz", { method: "HEAD" });
  expect([head.status, head.body]).toEqual([200, ""]);
  const post = await request("/healthz", { method: "POST" });
  expect([post.status, post.headers.allow]).toEqual([405, "GET, HEAD"]);
  // A query string is still the health check, and no session cookie is needed or looked at.
  expect((await request("/readyz?verbose=1", { headers: { Cookie: "next-auth.session-token=forged" } })).body).toBe('{"status":"ready"}');

  // The app role loses its database: connections refused and the open ones ended.
  const db = new URL(databaseUrl).pathname.slice(1);
  const role = `${db}_app`;
  await asAdmin(async (c) => {
    await c.query(`REVOKE CONNECT ON DATABASE ${db} FROM PUBLIC, ${role}`);
    await c.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND usename = $2", [db, role]);
  });
  let down: Answer | null = null;
  try {
    await expect
      .poll(async () => (down = await request("/readyz").catch(() => null))?.status ?? 0, { timeout: 30_000, intervals: [250] })
      .toBe(503);
    expect(JSON.parse(down!.body)).toEqual({ status: "not ready", failing: ["the database is not answering"] });
    // The process is alive all the same.
    expect((await request("/healthz")).status).toBe(200);
  } finally {
    await asAdmin((c) => c.query(`GRANT CONNECT ON DATABASE ${db} TO PUBLIC, ${role}`));
  }
  const leaks = [os.hostname(), db, role, "5432", "127.0.0.1", "postgres", "password", "ECONN", "Error", "version", "next", "at "];
  for (const word of leaks) expect(down!.body.toLowerCase()).not.toContain(word.toLowerCase());
  await expect.poll(async () => (await request("/readyz").catch(() => null))?.status ?? 0, { timeout: 60_000, intervals: [500] }).toBe(200);
});

interface Outcome {
  started: number;
  ended: number;
  ok: boolean;
  what: string;
}

test("a worker killed with SIGKILL under load costs only the requests in flight on it, and is replaced", async () => {
  test.setTimeout(240_000);
  // Two workers, each listening (the database outage above may have cost one its life).
  const workers = await listeningWorkers(2);
  const paths: { path: string; headers: Record<string, string> }[] = [
    { path: "/healthz", headers: {} },
    { path: "/accessibility", headers: {} },
    { path: "/dashboard", headers: { Cookie: analystCookie } },
  ];
  const outcomes: Outcome[] = [];
  let inFlight = 0;
  let running = true;
  const client = async (n: number) => {
    // One kept-alive connection per client, as a load balancer or autocannon holds them.
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    for (let i = n; running; i++) {
      const p = paths[i % paths.length]!;
      const started = Date.now();
      inFlight++;
      const answer = await request(p.path, { agent, headers: p.headers, timeoutMs: 30_000 }).catch((e: Error) => e);
      inFlight--;
      const ok = !(answer instanceof Error) && answer.status === 200 && (p.path !== "/dashboard" || answer.body.includes("Sign out"));
      outcomes.push({ started, ended: Date.now(), ok, what: answer instanceof Error ? `${p.path}: ${answer.message}` : `${p.path}: ${answer.status}` });
    }
    agent.destroy();
  };
  const load = Promise.all(Array.from({ length: CONNECTIONS }, (_, n) => client(n)));
  await sleep(4_000);

  const victim = workers[0]!;
  const killedAt = Date.now();
  const inFlightAtKill = inFlight;
  process.kill(victim, "SIGKILL");
  // The primary forks a replacement, which starts answering.
  await expect.poll(async () => (await server!.workerPids()).filter((p) => !workers.includes(p)).length, { timeout: 30_000, intervals: [200] }).toBe(1);
  const replacement = (await server!.workerPids()).find((p) => !workers.includes(p))!;
  await expect.poll(() => server!.output().includes(`web server process ${replacement} listening`), { timeout: 60_000, intervals: [250] }).toBe(true);
  const replacedAt = Date.now();
  await sleep(4_000);
  running = false;
  await load;

  const before = outcomes.filter((o) => o.started < killedAt);
  const failures = outcomes.filter((o) => !o.ok);
  // A connection's next request can be written in the instant before it learns its worker died.
  const settled = killedAt + 1_000;
  const after = outcomes.filter((o) => o.started >= settled);
  const afterReplacement = outcomes.filter((o) => o.started >= replacedAt);
  const figures =
    `${outcomes.length} requests (${before.length} before the kill), ${CONNECTIONS} connections, ${inFlightAtKill} in flight at the kill, ` +
    `${failures.length} failed (${failures.filter((o) => o.started >= killedAt).length} of them sent after the kill, on a connection to the dead worker), ${after.filter((o) => o.ok).length}/${after.length} started 1 s or more after the kill succeeded, ` +
    `${afterReplacement.length} after the replacement (pid ${replacement}) was listening`;
  console.log(`kill under load: ${figures}`);
  test.info().annotations.push({ type: "kill under load", description: figures });

  expect(before.filter((o) => o.ended < killedAt && !o.ok)).toEqual([]); // nothing failed before the kill
  // At most one request per connection: the one in flight on the killed worker when it died.
  expect(failures.length).toBeLessThanOrEqual(CONNECTIONS);
  for (const f of failures) expect(f.started, f.what).toBeLessThan(settled);
  expect(after.length).toBeGreaterThan(100);
  expect(after.filter((o) => !o.ok)).toEqual([]);
  expect(afterReplacement.length).toBeGreaterThan(50);
  expect(await server!.workerPids()).toEqual(expect.arrayContaining([workers[1]!, replacement]));
  expect(server!.output()).toContain(`web server process ${victim} was killed (SIGKILL): starting another`);
});

test("SIGTERM: not ready at once, new connections refused, the request in flight finishes with 200, exit 0", async () => {
  test.setTimeout(180_000);
  // A real request held open: an editor's upload whose body arrives slowly.
  const upload = new Promise<Answer>((resolve, reject) => {
    const req = http.request(
      {
        host: "127.0.0.1",
        port: PORT,
        path: "/api/import",
        method: "POST",
        agent: false,
        headers: {
          Host: `localhost:${PORT}`,
          Origin: `http://localhost:${PORT}`,
          Cookie: editorCookie,
          Accept: "application/json",
          "Content-Type": "text/csv",
          "X-File-Name": "drain.csv",
          "Transfer-Encoding": "chunked",
        },
      },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (c: string) => (body += c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on("error", reject);
    req.write("site_code,kind,brand,asset_tag\n");
    void (async () => {
      for (let i = 1; i <= 12; i++) {
        await sleep(500);
        req.write(`HO-0001,Camera,Axis,DRAIN-${i}\n`);
      }
      req.end();
    })();
  });
  await sleep(500);
  const signalledAt = Date.now();
  server!.kill("SIGTERM");

  // Both workers stop being ready while they still answer (SHUTDOWN_DELAY_SECONDS=2), and a
  // kept-alive connection is told it is the last...
  const probe = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const notReady = await (async () => {
    for (;;) {
      const answer = await request("/readyz", { agent: probe }).catch(() => null);
      if (answer?.status === 503) return answer;
      if (Date.now() - signalledAt > 2_000) return answer;
      await sleep(50);
    }
  })();
  expect(notReady?.status).toBe(503);
  expect(JSON.parse(notReady!.body)).toEqual({ status: "not ready", failing: ["this process is shutting down"] });
  expect(notReady!.headers.connection).toBe("close");
  probe.destroy();

  // ...then refuse new connections while the upload is still arriving.
  const refused = await (async () => {
    for (;;) {
      const error = await request("/healthz", { timeoutMs: 2_000 }).then(() => null, (e: NodeJS.ErrnoException) => e);
      if (error) return { code: error.code, at: Date.now() - signalledAt };
      if (Date.now() - signalledAt > 5_000) return null;
      await sleep(100);
    }
  })();
  expect(refused?.code).toBe("ECONNREFUSED");

  const answer = await upload;
  const uploadedAt = Date.now() - signalledAt;
  expect(answer.status, answer.body).toBe(200);
  expect(JSON.parse(answer.body)).toEqual({ batchId: expect.any(String) });
  expect(uploadedAt).toBeGreaterThan(refused!.at);

  expect(await server!.exited).toBe(0);
  const out = server!.output();
  expect(out).not.toContain("were cut off");
  expect(out).not.toMatch(/still running after \d+ s: killed/);
  expect(out.match(/web server process \d+ stopped/g)).toHaveLength(2);
  console.log(`drain: not ready at once, new connections refused ${refused!.at} ms after SIGTERM, the upload in flight answered 200 at ${uploadedAt} ms`);
});

test("two instances started at once on one database (a rolling deploy) prepare it one after the other, and both serve", async () => {
  test.setTimeout(300_000);
  const [a, b] = await Promise.all([
    startServer({ port: PORT + 1, databaseUrl, workers: 1 }),
    startServer({ port: PORT + 2, databaseUrl, workers: 1 }),
  ]);
  try {
    const waited = [a, b].filter((s) => s.output().includes("another instance is preparing the database: waiting for it to finish"));
    expect(waited).toHaveLength(1);
    for (const s of [a, b]) {
      expect(s.output()).toContain("migrations applied");
      expect(await fetch(`http://127.0.0.1:${s.port}/readyz`).then((r) => r.status)).toBe(200);
    }
  } finally {
    await Promise.all([a.stop(), b.stop()]);
  }
  expect([await a.exited, await b.exited]).toEqual([0, 0]);
});
