import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { startEmbeddedPostgres } from "@/lib/platform/embedded-postgres";

// The test gate: vitest records a failed run in process.exitCode before its global teardown stops
// the embedded database. PGlite's runtime sets process.exitCode = 0 when it shuts down, which once
// made `npm test` exit 0 with failed tests. Stopping must leave the host's exit code as it was.
describe("stopping embedded PostgreSQL", () => {
  const before = process.exitCode;
  afterEach(() => {
    process.exitCode = before;
  });

  it.each([1])("keeps the process's exit code (%s)", async (code) => {
    const dir = mkdtempSync(path.join(tmpdir(), "ecr-exit-"));
    const server = await startEmbeddedPostgres(dir, 57_600 + (process.pid % 1_000));
    try {
      process.exitCode = code;
      await server.stop();
      expect(process.exitCode).toBe(code);
    } finally {
      process.exitCode = before;
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
