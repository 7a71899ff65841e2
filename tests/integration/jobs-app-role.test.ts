import { PgBoss } from "pg-boss";
import { describe, expect, inject, it } from "vitest";
import { databaseUrl } from "./helpers";
import { processBossOptions } from "@/lib/jobs/boss";
import { EVALUATION_QUEUE } from "@/lib/jobs/queue";
import { appRoleUrl } from "@/lib/platform/app-role";

// The web server runs the queue as its least-privileged role (granted by prepareJobQueue in the
// global setup, as at start-up): sending, working, supervising and the cron pass all work, and
// nothing it does needs to change a table.

describe("the job queue as the app role", () => {
  it.skipIf(inject("embedded"))("sends, reads, cancels and deletes jobs and supervises the queue with no errors (needs a PostgreSQL server: PGlite has one session)", async () => {
    const url = appRoleUrl(databaseUrl(), "ecr_app", "test-only-app-password");
    const options = processBossOptions(false);
    const boss = new PgBoss({ ...options, connectionString: url });
    const errors: string[] = [];
    boss.on("error", (e: Error) => errors.push(e.message));
    await boss.start();
    try {
      // A queue of its own would need DDL: use the real one with a job no worker will take.
      const id = await boss.send(EVALUATION_QUEUE, { kind: "reevaluation", test: true }, { startAfter: 3600 });
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
      const [found] = await boss.findJobs(EVALUATION_QUEUE, { id: id! });
      expect(found?.state).toBe("created");
      await boss.cancel(EVALUATION_QUEUE, id!);
      await boss.supervise();
      // Two supervise and monitor passes (5 s each) and a cron pass.
      await new Promise((resolve) => setTimeout(resolve, 11_000));
      await boss.deleteJob(EVALUATION_QUEUE, id!);
    } finally {
      await boss.stop({ graceful: false });
    }
    expect(errors).toEqual([]);
  });
});
