// npm run audit:verify [-- --head <position>:<hash>]: recompute the audit trail's hash chain and
// name the first row that does not fit. Exits 0 when the chain is intact, 1 when it is broken,
// 2 when it could not be checked. --head checks a head printed by an earlier run is still there.
import { parseArgs } from "node:util";
import { createPrismaClient } from "@/lib/db-client";
import { ConfigError } from "@/lib/env";
import { checkRecordedHead, verifyAuditChain } from "@/lib/data/audit-chain";
import { resolveDatabase } from "@/lib/platform/database-url";
import { StartupError } from "@/lib/platform/embedded-postgres";

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { head: { type: "string" } } });
  const recorded = values.head?.match(/^(\d{1,18}):([0-9a-f]{64})$/);
  if (values.head !== undefined && !recorded) throw new ConfigError("--head must be <position>:<64 hex digits>, as printed by an earlier check");
  const { url, embedded } = await resolveDatabase();
  const db = createPrismaClient(url, embedded ? 1 : undefined);
  try {
    const started = performance.now();
    const report = await verifyAuditChain(db);
    const ms = Math.round(performance.now() - started);
    if (!report.intact) {
      const b = report.firstBreak!;
      console.log(`Audit trail BROKEN (${b.problem}) after checking ${report.rowsChecked.toLocaleString("en-GB")} rows.`);
      console.log(`First broken row: ${b.id}, written ${b.at}`);
      console.log(b.detail);
      return 1;
    }
    console.log(`Audit trail intact: ${report.rowsChecked.toLocaleString("en-GB")} rows checked in ${ms} ms.`);
    if (report.head) console.log(`Head: ${report.head.seq}:${report.head.hash} (row ${report.head.id}). Note it down to check later with --head.`);
    if (recorded) {
      const problem = await checkRecordedHead(db, recorded[1]!, recorded[2]!);
      if (problem) {
        console.log(`Audit trail BROKEN (row missing or rewritten): ${problem}`);
        return 1;
      }
      console.log(`The head recorded earlier (position ${recorded[1]}) is still in the chain.`);
    }
    return 0;
  } finally {
    await db.$disconnect();
    await embedded?.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof ConfigError || error instanceof StartupError ? error.message : error);
    process.exit(2);
  },
);
