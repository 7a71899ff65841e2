// npm run bench: every benchmark, one after another, printing its figures.
// The engine benchmark needs nothing; the others use DATABASE_URL (the 1,000,000-device database:
// `npm run db:seed -- --devices 1000000`) and, for the page benchmark, a production build.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";

const benches: { name: string; file: string; needsDb: boolean; args?: string[] }[] = [
  { name: "rules engine", file: "scripts/bench/assess-device.ts", needsDb: false },
  { name: "re-evaluation", file: "scripts/bench/evaluation.ts", needsDb: true },
  // The load generator (autocannon) runs in this process on the same cores as the server: give it
  // the server's young generation too, so its own garbage collection does not slow the figures.
  { name: "dashboard", file: "scripts/bench/dashboard.ts", needsDb: true, args: ["--conditions=react-server", "--max-semi-space-size=64"] },
  { name: "import", file: "scripts/bench/import.ts", needsDb: true },
  { name: "api-bulk", file: "scripts/bench/api-bulk.ts", needsDb: true },
  { name: "reports", file: "scripts/bench/reports.ts", needsDb: true, args: ["--conditions=react-server"] },
  { name: "workers", file: "scripts/bench/workers.ts", needsDb: true, args: ["--max-semi-space-size=64"] },
  { name: "discovery", file: "scripts/bench/discovery.ts", needsDb: true },
];

async function run(file: string, args: string[]): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...args, "--import", "tsx", file], { stdio: "inherit" });
    child.on("close", (code) => resolve(code ?? 1));
  });
}

async function main() {
  const only = process.argv.slice(2);
  const hasDb = Boolean(process.env.DATABASE_URL);
  let failed = 0;
  for (const b of benches) {
    if (only.length && !only.includes(b.name.split(" ")[0]!)) continue;
    if (!existsSync(b.file)) continue;
    console.log(`\n== ${b.name} ==`);
    if (b.needsDb && !hasDb) {
      console.log("skipped: set DATABASE_URL to the benchmark database");
      continue;
    }
    if ((await run(b.file, b.args ?? [])) !== 0) failed++;
  }
  process.exit(failed ? 1 : 0);
}

void main();
