// npm run db:backup [-- --out <file>]: one file holding the whole database (DATABASE_URL's server,
// or the embedded one in DATA_DIR), readable by its owner only. See docs/OPERATIONS.md.
import { parseArgs } from "node:util";
import { ConfigError, env } from "@/lib/env";
import { backup, BackupError } from "@/lib/platform/backup";
import { describeSize } from "@/lib/platform/backup-file";
import { StartupError } from "@/lib/platform/embedded-postgres";

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { out: { type: "string" } }, allowPositionals: false });
  const e = env();
  const result = await backup({ url: e.DATABASE_URL ?? null, dataDir: e.DATA_DIR }, values.out);
  const h = result.header;
  console.log(`Backup of the ${h.kind === "server" ? "PostgreSQL server's" : "embedded"} database written to ${result.file}`);
  console.log(`Size ${describeSize(result.bytes)}, taken in ${(result.ms / 1000).toFixed(1)} s; readable by this user only.`);
  console.log(`PostgreSQL ${h.postgresVersion}, migration ${h.migration.latest ?? "none"} (${h.migration.count} applied), made by ${h.tool} at ${h.createdAt}.`);
}

main().catch((error: unknown) => {
  const expected = error instanceof BackupError || error instanceof ConfigError || error instanceof StartupError;
  const usage = (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS");
  console.error(expected ? error.message : usage ? `${(error as Error).message}\nUsage: npm run db:backup [-- --out <file>]` : error);
  process.exit(1);
});
