// Logs and metrics of the real service (`npm start` on a PostgreSQL server): every request gives
// one JSON line with its id, user, method, route, status and duration; no password, token, cookie
// value or query value reaches the output however it was sent; the metrics endpoint is off by
// default, refuses a scrape without its token, and adds up every worker's figures.
import { execFile } from "node:child_process";
import { request as httpRequest } from "node:http";
import pg from "pg";
import { expect, test } from "@playwright/test";
import { giveCodeIfAsked } from "./fixtures";
import { dropServerDatabase, freshServerDatabase, startServer, type ServerHandle } from "./support/servers";

const ADMIN = "admin@register.example.gov.uk";
const PASSWORD = "Demo-password-2026";
const WRONG_PASSWORD = "Obs-wrong-password-5150";
const NEW_PASSWORD = "Obs-Kettle-Zebra-Orbit-9911";
const BEARER = "obs-bearer-token-5678abcdef";
const QUERY_TOKEN = "obs-query-token-1234abcdef";
const CALLBACK_SECRET = "obs-callback-secret-4242";
const EXTRA_COOKIE = "obs-cookie-secret-9999abcdef";
const METRICS_TOKEN = "obs-metrics-token-0123456789abcdefghijklmnop";

test.describe.configure({ mode: "serial" });
test.skip(!process.env.TEST_DATABASE_URL, "Needs a PostgreSQL server (TEST_DATABASE_URL): the service runs several processes on one database");

let databaseUrl = "";

test.beforeAll(async () => {
  test.setTimeout(300_000);
  databaseUrl = await freshServerDatabase("obs_logs", { devices: 300 });
});

test.afterAll(async () => {
  if (databaseUrl) await dropServerDatabase(databaseUrl);
});

interface Line {
  msg?: string;
  pid?: number;
  requestId?: string;
  userId?: number | null;
  method?: string;
  route?: string;
  status?: number;
  durationMs?: number;
}

function jsonLines(output: string): Line[] {
  return output
    .split("\n")
    .filter((l) => l.startsWith("{"))
    .map((l) => {
      try {
        return JSON.parse(l) as Line;
      } catch {
        return {};
      }
    });
}

async function userId(email: string): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: number }>("SELECT id FROM users WHERE email = $1", [email]);
    return rows[0]!.id;
  } finally {
    await client.end();
  }
}

/** One request on its own connection, so node:cluster may hand it to any worker. */
function freshConnectionGet(url: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { agent: false, headers: { Connection: "close", ...headers } }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
    });
    req.on("error", reject);
    req.end();
  });
}

/** Ports some process of `pids` listens on (from ss). */
function listeningPorts(pids: number[]): Promise<number[]> {
  return new Promise((resolve) => {
    execFile("ss", ["-ltnpH"], (_error, stdout) => {
      const ports = String(stdout ?? "")
        .split("\n")
        .filter((line) => pids.some((pid) => line.includes(`pid=${pid},`)))
        .map((line) => Number(line.trim().split(/\s+/)[3]?.split(":").pop()))
        .filter((p) => Number.isInteger(p));
      resolve([...new Set(ports)]);
    });
  });
}

async function eventually<T>(fn: () => Promise<T>, ok: (value: T) => boolean, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (ok(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 1_000));
  }
}

test("every request is one JSON line with its id, user, route, status and duration, and no secret is ever logged", async ({ browser }) => {
  test.setTimeout(300_000);
  const server: ServerHandle = await startServer({ port: 3701, databaseUrl, workers: 1 });
  const context = await browser.newContext({ baseURL: server.url });
  try {
    const adminId = await userId(ADMIN);
    // Every response the browser gets carries the id its log line has.
    const seen: { id: string; url: string; signedIn: boolean }[] = [];
    let signedIn = false;
    context.on("response", (response) => {
      const id = response.headers()["x-request-id"];
      if (id && response.url().startsWith(server.url)) seen.push({ id, url: response.url(), signedIn });
    });
    const page = await context.newPage();

    // Sign in through the real form: first with a wrong password, then the right one, arriving
    // with a callbackUrl that carries a secret-looking value.
    await page.goto(`/login?callbackUrl=${encodeURIComponent(`/dashboard?secret=${CALLBACK_SECRET}`)}`);
    await page.getByLabel("Email address").fill(ADMIN);
    await page.getByLabel("Password").fill(WRONG_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByText("Enter a correct email address and password").first()).toBeVisible({ timeout: 30_000 });
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible({ timeout: 30_000 });
    await giveCodeIfAsked(page, ADMIN);
    signedIn = true;

    // A form post with password fields (a wrong current password, so nothing changes).
    await page.goto("/account/password");
    await page.getByLabel("Current password").fill(WRONG_PASSWORD);
    await page.getByLabel("New password", { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel("Confirm new password").fill(NEW_PASSWORD);
    await page.getByRole("button", { name: "Change password" }).click();
    await expect(page.getByRole("alert").first()).toBeVisible({ timeout: 30_000 });

    // Requests with a bearer token, an extra cookie and tokens in the query string, each with an id.
    await context.addCookies([{ name: "obs_extra", value: EXTRA_COOKIE, url: server.url }]);
    const asked = [
      { id: "obs-request-0001", path: `/dashboard?token=${QUERY_TOKEN}` },
      { id: "obs-request-0002", path: `/sites?callbackUrl=${encodeURIComponent(`/x?token=${QUERY_TOKEN}`)}` },
      { id: "obs-request-0003", path: `/devices/1?access_token=${QUERY_TOKEN}` },
    ];
    for (const a of asked) {
      const response = await context.request.get(a.path, { headers: { Authorization: `Bearer ${BEARER}`, "X-Request-Id": a.id }, maxRedirects: 0 });
      expect(response.status()).toBeLessThan(500);
      expect(response.headers()["x-request-id"]).toBe(a.id);
    }
    // Signed out, with a forged request id that must not be kept.
    const anonymous = await fetch(`${server.url}/login?token=${QUERY_TOKEN}`, { headers: { "X-Request-Id": "bad id {\"userId\":1}" } });
    const anonymousId = anonymous.headers.get("x-request-id")!;
    expect(anonymousId).toMatch(/^[0-9a-f-]{36}$/);

    const cookies = await context.cookies();
    expect(cookies.some((c) => c.name.includes("next-auth.session-token"))).toBe(true);
    await page.close();

    // The log lines are written asynchronously: wait for the last one.
    await eventually(async () => jsonLines(server.output()), (lines) => lines.some((l) => l.requestId === anonymousId), 10_000);
    const output = server.output();
    const requests = jsonLines(output).filter((l) => l.msg === "request");
    const byId = new Map(requests.map((l) => [l.requestId, l]));

    for (const line of requests) {
      expect(typeof line.requestId).toBe("string");
      expect(line.userId === null || typeof line.userId === "number").toBe(true);
      expect(typeof line.method).toBe("string");
      expect(line.route).toMatch(/^\/[^?]*$/);
      expect(typeof line.status).toBe("number");
      expect(typeof line.durationMs).toBe("number");
    }
    // Every response the browser received has its line; pages after sign-in carry the user's id.
    expect(seen.length).toBeGreaterThan(10);
    for (const s of seen) expect(byId.has(s.id), `no log line for ${s.url} (${s.id})`).toBe(true);
    const signedInPages = seen.filter((s) => s.signedIn && /\/(dashboard|account\/password)$/.test(new URL(s.url).pathname));
    expect(signedInPages.length).toBeGreaterThan(0);
    for (const s of signedInPages) expect(byId.get(s.id)!.userId).toBe(adminId);

    for (const a of asked) {
      expect(byId.get(a.id)).toMatchObject({ userId: adminId, method: "GET", route: new URL(a.path, server.url).pathname });
    }
    expect(byId.get(anonymousId)).toMatchObject({ userId: null, method: "GET", route: "/login", status: 200 });
    // The sign-in post itself is logged, without its body.
    expect(requests.some((l) => l.method === "POST" && l.route === "/api/auth/callback/credentials")).toBe(true);

    // None of the secrets, in any form, anywhere in the output.
    const secrets = [PASSWORD, WRONG_PASSWORD, NEW_PASSWORD, BEARER, QUERY_TOKEN, CALLBACK_SECRET, EXTRA_COOKIE];
    for (const c of cookies) if (c.value.length >= 8) secrets.push(c.value, decodeURIComponent(c.value));
    for (const secret of secrets) {
      expect(output.includes(secret), `the output contains a secret (${secret.slice(0, 6)}…)`).toBe(false);
      expect(output.includes(encodeURIComponent(secret)), `the output contains an encoded secret (${secret.slice(0, 6)}…)`).toBe(false);
    }
    expect(output).not.toContain("token=");
    expect(output).not.toContain("callbackUrl=");

    // No METRICS_PORT: the service listens on its own port and nothing else.
    const pids = [server.pid, ...(await server.workerPids())];
    expect(await listeningPorts(pids)).toEqual([3701]);
    expect(output).not.toContain("metrics endpoint listening");
  } finally {
    await context.close();
    await server.stop();
  }
});

test("metrics: refused without the token, every worker's requests added up, pool and job figures present", async () => {
  test.setTimeout(300_000);
  const metricsUrl = "http://127.0.0.1:3752/metrics";
  const server = await startServer({
    port: 3702,
    databaseUrl,
    workers: 2,
    // The daily job every minute, so a job's figures appear while the test runs.
    env: { METRICS_PORT: "3752", METRICS_TOKEN, DAILY_EVALUATION_CRON: "* * * * *" },
  });
  try {
    expect((await fetch(metricsUrl)).status).toBe(401);
    expect((await fetch(metricsUrl, { headers: { Authorization: `Bearer ${METRICS_TOKEN}-wrong` } })).status).toBe(401);
    const scrape = async () => {
      const response = await fetch(metricsUrl, { headers: { Authorization: `Bearer ${METRICS_TOKEN}` } });
      expect(response.status).toBe(200);
      return response.text();
    };

    const N = 40;
    for (let i = 0; i < N; i++) {
      expect(await freshConnectionGet(`${server.url}/login`, { "X-Request-Id": `obs-metrics-${String(i).padStart(4, "0")}` })).toBe(200);
    }
    // Both workers answered some of them (the log line says which process).
    await eventually(async () => jsonLines(server.output()).filter((l) => l.requestId?.startsWith("obs-metrics-")).length, (n) => n === N, 10_000);
    const lines = jsonLines(server.output()).filter((l) => l.requestId?.startsWith("obs-metrics-"));
    expect(lines).toHaveLength(N);
    const workers = await server.workerPids();
    expect(workers).toHaveLength(2);
    expect(new Set(lines.map((l) => l.pid))).toEqual(new Set(workers));

    // The endpoint's count is the sum over both workers: every one of the N requests.
    const text = await scrape();
    const loginCount = [...text.matchAll(/^http_requests_total\{method="GET",route="\/login",status="(\d+)"\} (\d+)$/gm)].reduce((sum, m) => sum + Number(m[2]), 0);
    expect(loginCount).toBe(N);
    expect(text).toMatch(/^web_workers 2$/m);
    expect(text).toMatch(/^web_workers_reporting 2$/m);
    expect(text).toMatch(/^http_request_duration_seconds_count\{method="GET",route="\/login"\} 40$/m);
    for (const gauge of ["db_pool_connections", "db_pool_idle_connections", "db_pool_waiting_clients", "db_pool_max_connections"]) {
      expect(text).toMatch(new RegExp(`^${gauge}\\{pool="app"\\} \\d+$`, "m"));
    }
    expect(text).toContain("# TYPE background_jobs_total counter");
    expect(text).toContain("# TYPE background_job_duration_seconds histogram");
    expect(text).toContain("process_resident_memory_bytes");
    // No request's id, path beyond its shape, or user shows in a label.
    expect(text).not.toContain("obs-metrics-");

    // The daily job runs within a couple of minutes; then its figures and a live pool show.
    const withJob = await eventually(scrape, (t) => /^background_jobs_total\{kind="daily-evaluation",outcome="completed"\} [1-9]/m.test(t), 180_000);
    expect(withJob).toMatch(/^background_jobs_total\{kind="daily-evaluation",outcome="completed"\} [1-9]\d*$/m);
    expect(withJob).toMatch(/^background_job_duration_seconds_count\{kind="daily-evaluation"\} [1-9]\d*$/m);
    expect(withJob).toMatch(/^db_pool_max_connections\{pool="app"\} [1-9]\d*$/m);
  } finally {
    await server.stop();
  }
});

test("metrics on a network address without a token: the service refuses to start, in words", async () => {
  test.setTimeout(300_000);
  const started = startServer({ port: 3703, databaseUrl, workers: 1, env: { METRICS_PORT: "3753", METRICS_HOST: "0.0.0.0" } });
  const error = await started.then(
    async (server) => {
      await server.stop();
      return null;
    },
    (e: unknown) => e as Error,
  );
  expect(error).not.toBeNull();
  expect(error!.message).toContain("METRICS_TOKEN is required when METRICS_HOST (0.0.0.0) is not a loopback address");
});
