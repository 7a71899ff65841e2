// Durable background jobs with several server processes on one PostgreSQL database: a policy change
// made through one server's form survives the process doing its re-evaluation being killed
// (another takes the job over, and every stored result then equals a fresh evaluation), and the
// daily evaluation runs once however many servers are up.
import pg from "pg";
import { expect, test } from "@playwright/test";
import { differencesFromFreshEvaluation } from "../integration/jobs-compare";
import { pgExecutor } from "@/lib/data/raw-transaction";
import { dateValue, fillDate } from "./support/dates";
import { dropServerDatabase, freshServerDatabase, signedInContext, startServer, type ServerHandle } from "./support/servers";

test.describe.configure({ mode: "serial" });
test.skip(!process.env.TEST_DATABASE_URL, "needs a PostgreSQL server (TEST_DATABASE_URL): several processes share one database, and embedded PGlite serves one process by design");

const ADMIN = "admin@register.example.gov.uk";
// Two batches of the evaluation's 20,000, so a job is seen part-way for several seconds.
const DEVICES = 40_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let databaseUrl = "";
const servers: ServerHandle[] = [];

async function withDb<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: databaseUrl });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end().catch(() => {});
  }
}

interface JobRow { state: string; done: number; total: number | null; worker: string | null; attempts: number; phase: string; error: string | null }

async function jobRow(id: string): Promise<JobRow | null> {
  return withDb(async (c) => (await c.query<JobRow>(`SELECT state::text AS state, done, total, worker, attempts, phase, error FROM background_jobs WHERE id = $1`, [id])).rows[0] ?? null);
}

async function waitFor<T>(what: string, timeoutMs: number, probe: () => Promise<T | null | undefined | false>, everyMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(everyMs);
  }
}

async function stopAll(): Promise<void> {
  await Promise.all(servers.splice(0).map((s) => s.stop()));
}

test.beforeAll(async () => {
  test.setTimeout(300_000);
  databaseUrl = await freshServerDatabase("jobs_ops", { devices: DEVICES });
});

test.afterAll(async () => {
  test.setTimeout(120_000);
  await stopAll();
  if (databaseUrl) await dropServerDatabase(databaseUrl);
});

test("a re-evaluation whose process is killed mid-job finishes elsewhere, and every stored result then equals a fresh evaluation", async ({ browser }) => {
  test.setTimeout(600_000);
  servers.push(await startServer({ port: 3401, databaseUrl, workers: 1 }));
  servers.push(await startServer({ port: 3402, databaseUrl, workers: 1 }));
  const [a, b] = servers as [ServerHandle, ServerHandle];

  // The change, through server A's real policy form.
  const context = await signedInContext(browser, a.url, ADMIN);
  const page = await context.newPage();
  await page.goto("/admin/policy");
  const before = await dateValue(page, "Removal deadline");
  const changed = before === "2031-03-31" ? "2032-03-31" : "2031-03-31";
  await fillDate(page, "Removal deadline", changed);
  await page.getByRole("button", { name: "Save and re-evaluate" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Re-evaluating compliance" })).toBeVisible();
  const jobId = new URL(page.url()).pathname.split("/").at(-1)!;
  expect(jobId).toMatch(/^[0-9a-f-]{36}$/);

  // Part-way through, the process doing it is killed outright.
  const running = await waitFor("the job to be part-way", 120_000, async () => {
    const row = await jobRow(jobId);
    return row && row.state === "running" && row.done > 0 && row.worker ? row : null;
  });
  expect(running.state).toBe("running");
  const victim = Number(running.worker!.split(":").at(-1));
  const victimServer = (await a.workerPids()).includes(victim) ? "A" : (await b.workerPids()).includes(victim) ? "B" : "neither";
  expect(victimServer).not.toBe("neither");
  process.kill(victim, "SIGKILL");
  const killedAt = Date.now();

  const resumed = await waitFor("another process to take the job over", 120_000, async () => {
    const row = await jobRow(jobId);
    return row && row.attempts > running.attempts && row.worker !== running.worker ? row : null;
  }, 100);
  const resumedAt = Date.now();
  const finished = await waitFor("the job to finish", 240_000, async () => {
    const row = await jobRow(jobId);
    return row && (row.state === "done" || row.state === "failed") ? row : null;
  }, 100);
  const doneAt = Date.now();
  expect(finished.state, finished.error ?? "").toBe("done");
  expect(finished.done).toBe(finished.total);
  const taker = Number(resumed.worker!.split(":").at(-1));
  const takerServer = (await a.workerPids()).includes(taker) ? "A" : (await b.workerPids()).includes(taker) ? "B" : "gone";

  const timings = {
    devices: finished.total,
    killedProcess: `${running.worker} (server ${victimServer}) at ${running.done} of ${running.total} devices`,
    takenOverBy: `${resumed.worker} (server ${takerServer}), attempt ${resumed.attempts}`,
    killToResumedSeconds: (resumedAt - killedAt) / 1000,
    resumedToDoneSeconds: (doneAt - resumedAt) / 1000,
    killToDoneSeconds: (doneAt - killedAt) / 1000,
  };
  console.log(`[kill test] ${JSON.stringify(timings)}`);
  test.info().annotations.push({ type: "kill-test timings", description: JSON.stringify(timings) });

  const queue = await withDb(async (c) => (await c.query(`SELECT state::text AS state, retry_count FROM pgboss.job WHERE id = $1`, [jobId])).rows);
  expect(queue).toEqual([{ state: "completed", retry_count: expect.any(Number) }]);
  expect(queue[0].retry_count).toBeGreaterThanOrEqual(1);

  // Every stored result equals the engine's fresh verdict under the new deadline.
  const comparison = await withDb(async (c) => {
    expect((await c.query(`SELECT removal_deadline::text AS d FROM policy_settings`)).rows[0].d).toBe(changed);
    return differencesFromFreshEvaluation(pgExecutor(c));
  });
  expect(comparison.devices).toBeGreaterThanOrEqual(DEVICES * 0.9);
  expect(comparison.differences).toEqual([]);

  // Either server shows the finished job; the page stopped refreshing itself.
  const other = await signedInContext(browser, b.url, ADMIN);
  const onB = await other.newPage();
  await onB.goto(`/admin/jobs/${jobId}`);
  await expect(onB.getByText("Re-evaluation complete")).toBeVisible();
  await expect(onB.locator('meta[http-equiv="refresh"]')).toHaveCount(0);
  await other.close();
  await context.close();
  await stopAll();
});

test("with three servers up, the daily evaluation runs once, from one job per schedule slot", async () => {
  test.setTimeout(600_000);
  const env = { DAILY_EVALUATION_CRON: "* * * * *" };
  for (const port of [3411, 3412, 3413]) servers.push(await startServer({ port, databaseUrl, workers: 1, env }));
  // The first start-up sends the slot missed while no server was up ("missed: once"). Its job is
  // older than the change below, so were it to run after the change, it would do the day's work
  // unseen and leave every counted job up to date (seen once on a busy machine). Wait until no
  // daily job is waiting or running, early in a minute, well clear of the next slot.
  await expect.poll(async () => withDb(async (c) => {
    const { rows } = await c.query<{ busy: number; second: number }>(
      `SELECT (SELECT count(*)::int FROM pgboss.job WHERE name IN ('evaluation', '__pgboss__send-it') AND state IN ('created', 'retry', 'active') AND start_after <= now()) AS busy,
              extract(second FROM now())::int AS second`);
    return rows[0]!.busy === 0 && rows[0]!.second >= 5 && rows[0]!.second <= 40;
  }), { timeout: 180_000, intervals: [1_000] }).toBe(true);
  const since = await withDb(async (c) => {
    // Yesterday's results: the next daily job has work to do.
    await c.query(`UPDATE evaluation_state SET evaluated_on = (now() AT TIME ZONE 'Europe/London')::date - 1 WHERE id = 1`);
    return (await c.query<{ now: Date }>(`SELECT now() AS now`)).rows[0]!.now;
  });
  // At least two slots after the change, and time for the second slot's job to run.
  await sleep(150_000);

  const report = await withDb(async (c) => {
    const slots = await c.query<{ slot: string; n: number }>(
      `SELECT data->>'slot' AS slot, count(*)::int AS n FROM pgboss.job
       WHERE name = '__pgboss__send-it' AND data->>'name' = 'evaluation' AND created_on >= $1 GROUP BY 1 ORDER BY 1`, [since]);
    const daily = await c.query<{ id: string; state: string }>(
      `SELECT id::text AS id, state::text AS state FROM pgboss.job
       WHERE name = 'evaluation' AND data->>'kind' = 'daily-evaluation' AND created_on >= $1 ORDER BY created_on`, [since]);
    const records = await c.query<{ worker: string; result: { devices?: number; upToDate?: boolean } | null; state: string }>(
      `SELECT worker, result, state::text AS state FROM background_jobs WHERE kind = 'daily-evaluation' AND created_at >= $1`, [since]);
    const evaluated = await c.query<{ d: string; today: string }>(
      `SELECT evaluated_on::text AS d, (now() AT TIME ZONE 'Europe/London')::date::text AS today FROM evaluation_state`);
    return { slots: slots.rows, daily: daily.rows, records: records.rows, evaluated: evaluated.rows[0]! };
  });
  console.log(`[daily test] ${JSON.stringify({ slots: report.slots, jobs: report.daily.length, records: report.records })}`);

  expect(report.slots.length).toBeGreaterThanOrEqual(2);
  // One forwarded occurrence per slot, and one daily job each: not one per process.
  expect(report.slots.every((s) => s.n === 1)).toBe(true);
  expect(report.daily.length).toBe(report.slots.length);
  const didWork = report.records.filter((r) => typeof r.result?.devices === "number");
  expect(didWork).toHaveLength(1);
  expect(report.records.filter((r) => r.state === "done")).toHaveLength(report.records.length);
  expect(report.evaluated.d).toBe(report.evaluated.today);
  await stopAll();
});
