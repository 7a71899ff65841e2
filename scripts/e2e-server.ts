// The server Playwright tests run against: the production build, on its own port, with a fresh
// database (a new database on TEST_DATABASE_URL's server, or a new embedded data directory).
import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";
import { createFreshDatabase } from "@/lib/platform/database";

async function main() {
  const env: NodeJS.ProcessEnv = { ...process.env };
  const adminUrl = process.env.TEST_DATABASE_URL;
  const port = process.env.PORT ?? "3100";
  // One server process unless a spec's run asks for more: specs read and kill "the" server.
  env.WEB_CONCURRENCY ??= "1";
  if (adminUrl) {
    env.DATABASE_URL = await createFreshDatabase(adminUrl, `ecr_e2e_${port}`);
  } else {
    delete env.DATABASE_URL;
    const dir = path.resolve(".data", `e2e-${port}`);
    rmSync(dir, { recursive: true, force: true });
    env.DATA_DIR = dir;
    env.EMBEDDED_DB_PORT = String(Number(port) + 20_000);
  }
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], { stdio: "inherit", env });
  const stop = () => child.kill("SIGTERM");
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
  child.on("close", (code) => process.exit(code ?? 0));
}

void main();
