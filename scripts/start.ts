// npm start: the whole service in one command. Starts the embedded PostgreSQL when no
// DATABASE_URL is set, applies migrations, seeds demo data into an empty database, builds the app
// if needed, then serves it with `next start`.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { createPrismaClient } from "@/lib/db-client";
import { ConfigError, env } from "@/lib/env";
import { evaluateIfStale } from "@/lib/data/daily-evaluation";
import { appRolePassword, prepareAppRole } from "@/lib/platform/app-role";
import { keptSecret } from "@/lib/platform/kept-secret";
import { assertReachable, isEmpty, migrateDeploy } from "@/lib/platform/database";
import { resolveDatabase } from "@/lib/platform/database-url";
import { assertPortFree, StartupError } from "@/lib/platform/embedded-postgres";
import { todayInLondon } from "@/lib/platform/today";
import { defaultSeedOptions } from "@/lib/seed/generate";
import { seedDatabase } from "@/lib/seed/seed-database";
import { PEER_ADDRESS_PRELOAD, serverNodeOptions } from "@/lib/platform/server-process";
import { SERVER_RESTARTS, supervise, type Supervisor } from "@/lib/platform/supervise";

const root = process.cwd();
const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");

function log(line: string) {
  console.log(`[start] ${line}`);
}

/** Sessions need a stable secret; without one configured, make one and keep it with the data. */
function authSecret(dataDir: string, configured: string | undefined): string {
  return keptSecret(dataDir, "auth-secret", configured, 32);
}

function run(args: string[], extraEnv: Record<string, string>): ChildProcess {
  return spawn(process.execPath, [nextBin, ...args], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...extraEnv },
  });
}

async function main() {
  const { values } = parseArgs({ options: { dev: { type: "boolean", default: false }, "no-seed": { type: "boolean", default: false } } });
  const e = env();
  await assertPortFree(e.PORT, "web server");
  const { url, embedded } = await resolveDatabase();
  let child: ChildProcess | null = null;
  let supervisor: Supervisor | null = null;
  let appUrl = url;
  const stop = async (code: number) => {
    supervisor?.stop();
    child?.kill("SIGTERM");
    await embedded?.stop();
    process.exit(code);
  };
  process.on("SIGINT", () => void stop(0));
  process.on("SIGTERM", () => void stop(0));
  try {
    log(embedded ? `embedded PostgreSQL on 127.0.0.1:${e.EMBEDDED_DB_PORT}, data in ${embedded.dataDir}` : "using DATABASE_URL");
    await assertReachable(url);
    await migrateDeploy(url);
    log("migrations applied");
    // Migrations, seeding and the daily check run as DATABASE_URL's user; the web server as the app role.
    appUrl = await prepareAppRole(url, {
      role: e.DATABASE_APP_ROLE,
      password: embedded ? null : appRolePassword(e.DATA_DIR, e.DATABASE_APP_PASSWORD),
      embedded: embedded !== null,
      production: !values.dev,
      log,
    });
    // One client for seeding and the daily check: the embedded server serves a single connection,
    // and a second client connecting as the first one closes is refused.
    const db = createPrismaClient(url, embedded ? 1 : undefined);
    try {
      if (!values["no-seed"] && (await isEmpty(url))) {
        log("empty database: loading demo data (about 20 seconds on a server, longer embedded)…");
        const summary = await seedDatabase(db, defaultSeedOptions(e.SEED_DEVICES ?? 50_000), todayInLondon());
        log(`demo data: ${summary.organisations} organisations, ${summary.sites} sites, ${summary.devices} devices`);
      }
      const evaluation = await evaluateIfStale(db);
      if (evaluation) log(`stored results brought to today: ${evaluation.devices} devices in ${evaluation.durationMs} ms`);
    } finally {
      await db.$disconnect();
    }
  } catch (error) {
    await embedded?.stop();
    throw error;
  }

  const childEnv: Record<string, string> = {
    DATABASE_URL: appUrl,
    EMBEDDED: embedded ? "1" : "0",
    NEXTAUTH_SECRET: authSecret(e.DATA_DIR, e.NEXTAUTH_SECRET),
    NEXTAUTH_URL: e.NEXTAUTH_URL ?? `http://localhost:${e.PORT}`,
    PORT: String(e.PORT),
  };
  if (values.dev) {
    child = run(["dev", "--port", String(e.PORT)], {
      ...childEnv,
      NODE_ENV: "development",
      NODE_OPTIONS: [process.env.NODE_OPTIONS, PEER_ADDRESS_PRELOAD].filter(Boolean).join(" "),
    });
  } else {
    if (!existsSync(path.join(root, ".next", "BUILD_ID"))) {
      log("no production build yet: building (about a minute)…");
      const build = run(["build"], { NODE_ENV: "production" });
      const code = await new Promise<number>((resolve) => build.on("close", (c) => resolve(c ?? 1)));
      if (code !== 0) return stop(code);
    }
    // Started again if it dies, so one crash does not take the service down (see supervise.ts).
    supervisor = supervise(
      () =>
        run(["start", "--port", String(e.PORT), "--hostname", "127.0.0.1"], {
          ...childEnv,
          NODE_ENV: "production",
          NODE_OPTIONS: serverNodeOptions(process.env.NODE_OPTIONS),
        }),
      { ...SERVER_RESTARTS, log, onExit: (code) => void stop(code) },
    );
  }
  log(`serving at http://localhost:${e.PORT}`);
  child?.on("close", (code) => void stop(code ?? 0));
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError || error instanceof StartupError ? error.message : error);
  process.exit(1);
});
