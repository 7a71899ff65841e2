// npm run db:evaluate [-- --force]: bring every stored result to today and write today's snapshot.
// Runs here rather than on the job queue, so it works with no server up; against a server it holds
// the same full-run lock as the queue's jobs, so it waits for a job in progress rather than racing it.
import { parseArgs } from "node:util";
import { createPrismaClient } from "@/lib/db-client";
import { ConfigError } from "@/lib/env";
import { evaluateEverything } from "@/lib/data/evaluation";
import { evaluateIfStale } from "@/lib/data/daily-evaluation";
import { resolveDatabase } from "@/lib/platform/database-url";
import { StartupError } from "@/lib/platform/embedded-postgres";
import { todayInLondon } from "@/lib/platform/today";

async function main() {
  const { values } = parseArgs({ options: { force: { type: "boolean", default: false } } });
  const { url, embedded } = await resolveDatabase();
  const db = createPrismaClient(url, embedded ? 1 : undefined);
  try {
    const today = todayInLondon();
    const progress = (done: number) => process.stdout.write(`\r  evaluated ${done.toLocaleString("en-GB")} devices`);
    const result = values.force ? await evaluateEverything(db, today, progress) : await evaluateIfStale(db, today, progress);
    process.stdout.write("\n");
    console.log(result ? `Evaluated ${result.devices} devices as of ${today} (${result.changed} changed) in ${result.durationMs} ms.` : `Already up to date for ${today}.`);
  } finally {
    await db.$disconnect();
    await embedded?.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError || error instanceof StartupError ? error.message : error);
  process.exit(1);
});
