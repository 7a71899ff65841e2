// npm run db:migrate: apply the committed migrations (Prisma Migrate) to DATABASE_URL or the embedded database.
import { ConfigError, env } from "@/lib/env";
import { appRolePassword, provisionAppRole } from "@/lib/platform/app-role";
import { migrateDeploy } from "@/lib/platform/database";
import { resolveDatabase } from "@/lib/platform/database-url";
import { StartupError } from "@/lib/platform/embedded-postgres";

async function main() {
  const { url, embedded } = await resolveDatabase();
  try {
    await migrateDeploy(url);
    // Tables a migration added are granted to the web server's role at once, not at the next start.
    const e = env();
    await provisionAppRole(url, {
      role: e.DATABASE_APP_ROLE,
      password: embedded ? null : appRolePassword(e.DATA_DIR, e.DATABASE_APP_PASSWORD),
      embedded: embedded !== null,
    });
    console.log(`Migrations applied; privileges of database role ${e.DATABASE_APP_ROLE} brought up to date.`);
  } finally {
    await embedded?.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError || error instanceof StartupError ? error.message : error);
  process.exit(1);
});
