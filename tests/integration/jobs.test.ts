import pg from "pg";
import { afterAll, describe, expect, inject, it } from "vitest";
import { actorFor, databaseUrl, testDb } from "./helpers";
import { differencesFromFreshEvaluation } from "./jobs-compare";
import { evaluateEverything } from "@/lib/data/evaluation";
import { getJob, waitForJob } from "@/lib/data/jobs";
import { getPolicySettings, updatePolicy } from "@/lib/data/policy";
import { processBoss, stopProcessBoss } from "@/lib/jobs/boss";
import { enqueueReevaluation } from "@/lib/jobs/enqueue";
import { EVALUATION_QUEUE } from "@/lib/jobs/queue";
import { KEEP_FINISHED_JOBS_DAYS } from "@/lib/jobs/records";
import { startJobWorkers, type JobWorkers } from "@/lib/jobs/runtime";
import { todayInLondon } from "@/lib/platform/today";
import { policySchema } from "@/lib/validation/policy";

// Background jobs on the real queue (pg-boss on the test database, its schema prepared by the
// global setup as start-up prepares it), run by workers started in this process.

const ADMIN = "admin@register.example.gov.uk";
const embedded = () => inject("embedded");

class Rollback extends Error {}

async function queueRows(id: string) {
  return testDb().$queryRawUnsafe<{ state: string; retry_count: number }[]>(
    `SELECT state::text AS state, retry_count FROM pgboss.job WHERE name = $1 AND id = $2::uuid`, EVALUATION_QUEUE, id);
}

async function recordOf(id: string) {
  return testDb().backgroundJob.findUnique({ where: { id } });
}

/** Reads a job's record on a connection of its own, as another server process would. */
async function withOtherConnection<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: databaseUrl() });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

let workers: JobWorkers | null = null;
/** The removal deadline before these tests moved it: put back, with results to match, at the end. */
let seededDeadline: string | null = null;
afterAll(async () => {
  await workers?.stop(10_000);
  await stopProcessBoss({ graceful: false, timeout: 1000 });
  // The test files after this one see the seeded policy and results true to it.
  if (seededDeadline) {
    await testDb().$executeRawUnsafe(`UPDATE policy_settings SET removal_deadline = $1::date WHERE id = 1`, seededDeadline);
    await evaluateEverything(testDb(), todayInLondon());
  }
});

describe("background jobs", () => {
  it("are queued in the same transaction as the change: a rollback leaves neither, a commit both", async () => {
    const boss = await processBoss();
    const request = { reason: "test: rolled back", startedBy: ADMIN, returnTo: "/admin" };
    let rolledBack = "";
    const error = await testDb()
      .$transaction(async (tx) => {
        await tx.$executeRawUnsafe(`UPDATE policy_settings SET reclassification_grace_days = reclassification_grace_days + 1 WHERE id = 1`);
        rolledBack = await enqueueReevaluation(tx, boss, request);
        // Inside the transaction both exist.
        expect(await tx.$queryRawUnsafe<unknown[]>(`SELECT 1 FROM pgboss.job WHERE id = $1::uuid`, rolledBack)).toHaveLength(1);
        throw new Rollback();
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Rollback);
    expect(rolledBack).toMatch(/^[0-9a-f-]{36}$/);
    expect(await recordOf(rolledBack)).toBeNull();
    expect(await queueRows(rolledBack)).toEqual([]);

    // Through the real data function: the policy change and its job commit together.
    const admin = await actorFor(ADMIN);
    const policy = await getPolicySettings(admin);
    const input = policySchema.parse({
      version: String(policy.version), cutOff: policy.cutOff, removalDeadline: "2099-12-31",
      reclassificationGraceDays: String(policy.reclassificationGraceDays), maxExemptionMonths: String(policy.maxExemptionMonths),
      notSeenDays: String(policy.notSeenDays),
    });
    const { jobId } = await updatePolicy(admin, input);
    expect(jobId).not.toBeNull();
    const record = await recordOf(jobId!);
    expect(record).toMatchObject({ kind: "reevaluation", state: "queued", reasons: ["Policy settings changed"], startedBy: ADMIN, returnTo: "/admin/policy" });
    expect(await queueRows(jobId!)).toEqual([{ state: "created", retry_count: 0 }]);
    expect((await getPolicySettings(admin)).removalDeadline).toBe("2099-12-31");
    seededDeadline ??= policy.removalDeadline;
  });

  it("joins a further change to the re-evaluation still waiting, and queues one job for both", async () => {
    const boss = await processBoss();
    const waiting = await testDb().backgroundJob.findFirstOrThrow({ where: { state: "queued", kind: "reevaluation" } });
    const joined = await testDb().$transaction((tx) => enqueueReevaluation(tx, boss, { reason: "test: second change", startedBy: ADMIN, returnTo: "/admin" }));
    const again = await testDb().$transaction((tx) => enqueueReevaluation(tx, boss, { reason: "test: third change", startedBy: ADMIN, returnTo: "/admin" }));
    expect(joined).toBe(waiting.id);
    expect(again).toBe(waiting.id);
    expect((await recordOf(waiting.id))?.reasons).toEqual(["Policy settings changed", "test: second change", "test: third change"]);
    const queued = await testDb().$queryRawUnsafe<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM pgboss.job WHERE name = $1 AND state IN ('created', 'retry', 'active')`, EVALUATION_QUEUE);
    expect(queued[0]!.n).toBe(1);
  });

  it("runs on a worker, with progress any connection can read, and leaves every stored result equal to a fresh evaluation", async () => {
    const waiting = await testDb().backgroundJob.findFirstOrThrow({ where: { state: "queued", kind: "reevaluation" } });
    // The deadline moved and nothing has re-evaluated yet: the stored results are stale.
    expect((await differencesFromFreshEvaluation(testDb())).differences.length).toBeGreaterThan(0);

    workers = await startJobWorkers({ embedded: embedded() });
    expect(workers.running()).toBe(true);
    const seen = await withOtherConnection(async (c) => {
      const states: { state: string; done: number; total: number | null; worker: string | null; phase: string }[] = [];
      const deadline = Date.now() + 120_000;
      for (;;) {
        const r = await c.query(`SELECT state::text AS state, done, total, worker, phase FROM background_jobs WHERE id = $1`, [waiting.id]);
        states.push(r.rows[0]);
        if (r.rows[0].state === "done" || r.rows[0].state === "failed" || Date.now() > deadline) return states;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    });
    const last = seen.at(-1)!;
    expect(last.state).toBe("done");
    expect(last.done).toBe(last.total);
    // Part-way progress was visible from the other connection, with the process doing it.
    const partWay = seen.filter((s) => s.state === "running" && s.total !== null && s.done > 0 && s.done < s.total);
    const rollingUp = seen.filter((s) => s.state === "running" && s.phase.startsWith("Updating the figures"));
    expect(partWay.length + rollingUp.length).toBeGreaterThan(0);
    expect(seen.find((s) => s.state === "running")?.worker).toMatch(new RegExp(`:${process.pid}$`));

    const job = await getJob(await actorFor(ADMIN), waiting.id);
    expect(job).toMatchObject({ state: "done", attempts: 1, interrupted: null, error: null });
    expect(job.result?.devices).toBe(last.total);
    expect(await queueRows(waiting.id)).toEqual([{ state: "completed", retry_count: 0 }]);
    expect(await testDb().auditEvent.count({ where: { action: "compliance.reevaluated", entityId: waiting.id } })).toBe(1);
    expect(await differencesFromFreshEvaluation(testDb())).toMatchObject({ differences: [] });
  });

  it("retries a job that fails, then records it as failed in plain words", async () => {
    const boss = await processBoss();
    const saved = await testDb().$queryRawUnsafe<{ row: unknown }[]>(`SELECT to_jsonb(p) AS row FROM policy_settings p WHERE id = 1`);
    await testDb().$executeRawUnsafe(`DELETE FROM policy_settings WHERE id = 1`);
    try {
      const id = await testDb().$transaction((tx) => enqueueReevaluation(tx, boss, { reason: "test: fails", startedBy: ADMIN, returnTo: "/admin" }));
      const job = await waitForJob(id, 90_000);
      expect(job.state).toBe("failed");
      expect(job.attempts).toBe(4);
      expect(job.error).toBe("The policy settings are missing: run the seed or the migrations again.");
      expect(job.error).not.toMatch(/\bat \S+:\d+/);
      expect(await queueRows(id)).toEqual([{ state: "failed", retry_count: 3 }]);
    } finally {
      await testDb().$executeRawUnsafe(
        `INSERT INTO policy_settings SELECT * FROM jsonb_populate_record(NULL::policy_settings, $1::jsonb)`, JSON.stringify(saved[0]!.row));
    }
  });

  it("shows a job whose process died as interrupted, and as failed once the queue gives up on it", async () => {
    // No workers here: this job must stay as the test sets it.
    await workers?.stop(10_000);
    workers = null;
    const boss = await processBoss();
    const id = await testDb().$transaction((tx) => enqueueReevaluation(tx, boss, { reason: "test: died", startedBy: ADMIN, returnTo: "/admin" }));
    await testDb().$executeRawUnsafe(`UPDATE background_jobs SET state = 'running', queued_kind = NULL, worker = 'elsewhere:1', attempts = 1 WHERE id = $1::uuid`, id);
    const admin = await actorFor(ADMIN);
    await testDb().$executeRawUnsafe(`UPDATE pgboss.job SET state = 'active', started_on = now(), heartbeat_on = now() - make_interval(secs => 3 * heartbeat_seconds) WHERE id = $1::uuid`, id);
    expect(await getJob(admin, id)).toMatchObject({ state: "running", interrupted: expect.stringMatching(/stopped before it finished; another will take it over/) });
    await testDb().$executeRawUnsafe(`UPDATE pgboss.job SET state = 'retry' WHERE id = $1::uuid`, id);
    expect(await getJob(admin, id)).toMatchObject({ state: "running", interrupted: expect.stringMatching(/stopped before it finished; another will start it again/) });
    await testDb().$executeRawUnsafe(`UPDATE pgboss.job SET state = 'failed', completed_on = now() WHERE id = $1::uuid`, id);
    expect(await getJob(admin, id)).toMatchObject({ state: "failed", error: expect.stringMatching(/stopped before it finished, and it was not tried again/) });
    await testDb().$executeRawUnsafe(`UPDATE background_jobs SET state = 'failed' WHERE id = $1::uuid`, id);
  });

  it("runs the daily evaluation once for the day however often it is sent", async () => {
    workers = await startJobWorkers({ embedded: embedded() });
    const boss = await processBoss();
    await testDb().$executeRawUnsafe(`UPDATE evaluation_state SET evaluated_on = evaluated_on - 1 WHERE id = 1`);
    const first = await boss.send(EVALUATION_QUEUE, { kind: "daily-evaluation" });
    const second = await boss.send(EVALUATION_QUEUE, { kind: "daily-evaluation" });
    const a = await waitForJob(first!, 90_000);
    const b = await waitForJob(second!, 90_000);
    const results = [a.result, b.result];
    expect(a.state).toBe("done");
    expect(b.state).toBe("done");
    expect(results.filter((r) => typeof r?.devices === "number")).toHaveLength(1);
    expect(results.filter((r) => r?.upToDate === true)).toHaveLength(1);
    expect(await differencesFromFreshEvaluation(testDb())).toMatchObject({ differences: [] });
  });

  it("forgets finished jobs past their keeping time when the daily evaluation runs, and keeps the rest", async () => {
    workers ??= await startJobWorkers({ embedded: embedded() });
    const boss = await processBoss();
    const old = await testDb().$queryRawUnsafe<{ id: string }[]>(
      `INSERT INTO background_jobs (id, kind, reasons, started_by, return_to, state, phase, done, attempts, created_at, finished_at, updated_at)
       VALUES (gen_random_uuid(), 'reevaluation', ARRAY['long ago'], 'a test', '/admin', 'done', 'Finished', 0, 1, now() - interval '200 days', now() - interval '${KEEP_FINISHED_JOBS_DAYS + 1} days', now())
       RETURNING id::text AS id`,
    );
    const recent = await testDb().$queryRawUnsafe<{ id: string }[]>(
      `INSERT INTO background_jobs (id, kind, reasons, started_by, return_to, state, phase, done, attempts, created_at, finished_at, updated_at)
       VALUES (gen_random_uuid(), 'reevaluation', ARRAY['lately'], 'a test', '/admin', 'done', 'Finished', 0, 1, now() - interval '3 days', now() - interval '${KEEP_FINISHED_JOBS_DAYS - 1} days', now())
       RETURNING id::text AS id`,
    );
    const sent = await boss.send(EVALUATION_QUEUE, { kind: "daily-evaluation" });
    expect((await waitForJob(sent!, 90_000)).state).toBe("done");
    const left = await testDb().$queryRawUnsafe<{ id: string }[]>(
      `SELECT id::text AS id FROM background_jobs WHERE id = ANY($1::uuid[])`,
      [old[0]!.id, recent[0]!.id],
    );
    expect(left.map((r) => r.id)).toEqual([recent[0]!.id]);
  });
});
