import { createServer } from "node:net";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { assertReachable } from "@/lib/platform/database";
import { assertPortFree, startEmbeddedPostgres, StartupError } from "@/lib/platform/embedded-postgres";

describe("start-up errors", () => {
  it("an unreachable DATABASE_URL gives a clear message, not a stack trace", async () => {
    const error = await assertReachable("postgresql://postgres@127.0.0.1:1/nowhere").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StartupError);
    expect((error as Error).message).toBe(
      "Cannot reach the database at 127.0.0.1:1/nowhere (ECONNREFUSED). Check DATABASE_URL and that PostgreSQL is running.",
    );
  });

  it("a port in use is named", async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as { port: number }).port;
    try {
      const error = await assertPortFree(port, "web server").catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StartupError);
      expect((error as Error).message).toMatch(new RegExp(`^Port ${port} \\(web server\\) is already in use`));
    } finally {
      server.close();
    }
  });

  it("a second embedded start on the same data directory says it is in use, and the first keeps working", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "ecr-lock-"));
    const first = await startEmbeddedPostgres(dir, 56_100 + (process.pid % 1_000));
    try {
      const error = await startEmbeddedPostgres(dir, 57_100 + (process.pid % 1_000)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StartupError);
      expect((error as Error).message).toContain(`is in use by another process (pid ${process.pid})`);
      await expect(assertReachable(first.url)).resolves.toBeUndefined();
    } finally {
      await first.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
