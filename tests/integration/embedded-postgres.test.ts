import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "@/lib/platform/embedded-postgres";

describe("embedded PostgreSQL", () => {
  let dir: string;
  let server: EmbeddedPostgres;
  const exitCodeBefore = process.exitCode;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "ecr-embedded-"));
    server = await startEmbeddedPostgres(dir, 57_600 + (process.pid % 1_000));
  });

  afterAll(async () => {
    process.exitCode = exitCodeBefore;
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  // The flaky migration test: a test holding its pool's connection ran `prisma migrate deploy`,
  // whose CLI opens a second connection while the first is open when the machine is busy; the
  // server had two slots and refused the third ("P1017 Server has closed the connection").
  it("admits a process's own connection, the Prisma CLI's two and a hand-over at once", async () => {
    const clients = Array.from({ length: 4 }, () => new pg.Client({ connectionString: server.url }));
    try {
      await Promise.all(clients.map((c) => c.connect()));
      for (const c of clients) {
        const { rows } = await c.query<{ one: number }>("SELECT 1 AS one");
        expect(rows[0]?.one).toBe(1);
      }
    } finally {
      await Promise.all(clients.map((c) => c.end().catch(() => {})));
    }
  });

  // The test gate: vitest records a failed run in process.exitCode before its global teardown stops
  // the embedded database, and PGlite's runtime sets process.exitCode = 0 as it shuts down, which
  // made `npm test` exit 0 with failed tests. Stopping must leave the host's exit code as it was.
  it("keeps the process's exit code when it stops", async () => {
    process.exitCode = 1;
    try {
      await server.stop();
      expect(process.exitCode).toBe(1);
    } finally {
      process.exitCode = exitCodeBefore;
    }
  });
});
