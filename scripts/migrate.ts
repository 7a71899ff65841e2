// npm run db:migrate: apply the committed migrations (Prisma Migrate) to DATABASE_URL or the embedded database.
import { ConfigError } from "@/lib/env";
import { migrateDeploy } from "@/lib/platform/database";
import { resolveDatabase } from "@/lib/platform/database-url";
import { StartupError } from "@/lib/platform/embedded-postgres";

async function main() {
  const { url, embedded } = await resolveDatabase();
  try {
    await migrateDeploy(url);
    console.log("Migrations applied.");
  } finally {
    await embedded?.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError || error instanceof StartupError ? error.message : error);
  process.exit(1);
});
