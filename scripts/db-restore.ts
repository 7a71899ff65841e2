// npm run db:restore -- <file> [--replace]: brings a backup made by db:backup back into
// DATABASE_URL's database, or the embedded one in DATA_DIR, all or nothing, then checks the
// audit trail. Exits 0 when restored with the audit trail intact, 1 otherwise. See docs/OPERATIONS.md.
import { parseArgs } from "node:util";
import { ConfigError, env } from "@/lib/env";
import { appRolePassword } from "@/lib/platform/app-role";
import { BackupError, restore } from "@/lib/platform/backup";
import { StartupError } from "@/lib/platform/embedded-postgres";

const USAGE = "Usage: npm run db:restore -- <backup file> [--replace]";

function where(url: string | undefined, dataDir: string): string {
  if (!url) return `the embedded database in ${dataDir}`;
  const u = new URL(url);
  return `the database ${u.pathname.slice(1)} on ${u.hostname}:${u.port || "5432"}`;
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({ options: { replace: { type: "boolean", default: false } }, allowPositionals: true });
  if (positionals.length !== 1) throw new ConfigError(`Name one backup file to restore.\n${USAGE}`);
  const e = env();
  const result = await restore({ url: e.DATABASE_URL ?? null, dataDir: e.DATA_DIR }, positionals[0]!, {
    replace: values.replace,
    appRole: e.DATABASE_URL ? { role: e.DATABASE_APP_ROLE, password: appRolePassword(e.DATA_DIR, e.DATABASE_APP_PASSWORD) } : null,
  });
  const h = result.header;
  console.log(`Restored the backup made at ${h.createdAt} (migration ${h.migration.latest ?? "none"}) into ${where(e.DATABASE_URL, e.DATA_DIR)} in ${(result.ms / 1000).toFixed(1)} s.`);
  if (result.audit === null) {
    console.log("The backup holds no audit trail to check.");
  } else if (result.audit.intact) {
    console.log(`Audit trail intact: ${result.audit.rowsChecked.toLocaleString("en-GB")} rows checked.`);
  } else {
    const b = result.audit.firstBreak!;
    console.log(`Audit trail BROKEN (${b.problem}) in the restored data: ${b.detail}`);
    console.log("The backup was restored as it was made; the trail was already broken when it was taken.");
    return 1;
  }
  console.log("Start the service (npm start): it applies any newer migrations and grants the web server's role its privileges.");
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    const expected = error instanceof BackupError || error instanceof ConfigError || error instanceof StartupError;
    const usage = (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS");
    console.error(expected ? error.message : usage ? `${(error as Error).message}\n${USAGE}` : error);
    process.exit(1);
  },
);
