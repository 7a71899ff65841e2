import { PrismaPg } from "@prisma/adapter-pg";
import { defineConfig } from "prisma/config";

// With a config file the CLI no longer reads .env itself.
try {
  process.loadEnvFile(".env");
} catch {
  // no .env: the environment is all there is
}

// generate/validate/format need some URL even though they never connect.
const connectionString =
  process.env.DATABASE_URL ?? "postgresql://placeholder@127.0.0.1:5432/placeholder";
process.env.DATABASE_URL ??= connectionString;

/**
 * adapter-pg runs a migration by splitting it on ";" and sending the pieces one by one, outside any
 * transaction: a dollar-quoted function body breaks, and a failure halfway leaves half a schema.
 * Sending the script whole makes PostgreSQL run it as one implicit transaction: all or nothing.
 */
class AtomicMigrationsPg extends PrismaPg {
  override async connect() {
    const adapter = await super.connect();
    const driver = adapter.underlyingDriver() as { query(sql: string): Promise<unknown> };
    const onError = (adapter as unknown as { onError(e: unknown): never }).onError.bind(adapter);
    adapter.executeScript = async (script: string) => {
      try {
        await driver.query(script);
      } catch (error) {
        onError(error);
      }
    };
    return adapter;
  }
}

export default defineConfig({
  schema: "prisma/schema.prisma",
  engine: "js",
  experimental: { adapter: true },
  adapter: async () => new AtomicMigrationsPg({ connectionString, allowExitOnIdle: true }),
  migrations: { seed: "tsx prisma/seed.ts" },
});
