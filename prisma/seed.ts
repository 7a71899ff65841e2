// npm run db:seed [-- --devices 1000000 --sites 50000 --organisations 500]
// Rebuilds the database from the migrations and fills it with deterministic demo data.
import { parseArgs } from "node:util";
import { createPrismaClient } from "@/lib/db-client";
import { ConfigError, env } from "@/lib/env";
import { dropSchema, migrateDeploy } from "@/lib/platform/database";
import { resolveDatabase } from "@/lib/platform/database-url";
import { StartupError } from "@/lib/platform/embedded-postgres";
import { todayInLondon } from "@/lib/platform/today";
import { defaultSeedOptions } from "@/lib/seed/generate";
import { keptSecret } from "@/lib/platform/kept-secret";
import { seedDemoSecondFactor } from "@/lib/seed/demo-second-factor";
import { seedDatabase } from "@/lib/seed/seed-database";

async function main() {
  const { values } = parseArgs({
    options: { devices: { type: "string" }, sites: { type: "string" }, organisations: { type: "string" } },
  });
  const options = defaultSeedOptions(values.devices ? Number(values.devices) : undefined);
  if (values.sites) options.sites = Number(values.sites);
  if (values.organisations) options.organisations = Number(values.organisations);
  for (const [k, v] of Object.entries(options)) {
    if (!Number.isInteger(v) || v < 1) throw new ConfigError(`--${k} must be a positive whole number`);
  }
  const started = performance.now();
  const { url, embedded } = await resolveDatabase();
  try {
    console.log(`Rebuilding the database (${embedded ? "embedded" : "DATABASE_URL"})…`);
    await dropSchema(url);
    await migrateDeploy(url);
    const db = createPrismaClient(url, embedded ? 1 : undefined);
    try {
      console.log(`Seeding ${options.organisations} organisations, ~${options.sites} sites, ~${options.devices} devices…`);
      const summary = await seedDatabase(db, options, todayInLondon(), (l) => console.log(l));
      // Sealed with the secret `npm start` will run with (configured, or the one kept with the data).
      await seedDemoSecondFactor(db, keptSecret(env().DATA_DIR, "auth-secret", env().NEXTAUTH_SECRET, 32));
      const size = await db.$queryRawUnsafe<{ size: string }[]>(`SELECT pg_size_pretty(pg_database_size(current_database())) AS size`);
      console.log(
        `Seeded ${summary.organisations} organisations, ${summary.sites} sites, ${summary.devices} devices, ${summary.snapshots} snapshots in ${((performance.now() - started) / 1000).toFixed(1)} s (database ${size[0]?.size}).`,
      );
      console.log(`Timings (ms): ${JSON.stringify(summary.timings)}`);
    } finally {
      await db.$disconnect();
    }
  } finally {
    await embedded?.stop();
  }
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof StartupError) {
    console.error(error.message);
  } else {
    console.error(error);
  }
  process.exit(1);
});
