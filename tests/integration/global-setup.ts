import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { createPrismaClient } from "@/lib/db-client";
import { prepareJobQueue } from "@/lib/jobs/runtime";
import { provisionAppRole } from "@/lib/platform/app-role";
import { createFreshDatabase, migrateDeploy, withClient } from "@/lib/platform/database";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "@/lib/platform/embedded-postgres";
import { todayInLondon } from "@/lib/platform/today";
import { defaultSeedOptions } from "@/lib/seed/generate";
import { seedDatabase } from "@/lib/seed/seed-database";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
    embedded: boolean;
    /** Row counts straight after seeding, before any test changes the data. */
    seeded: { organisations: number; sites: number; devices: number };
  }
}

/**
 * One real database for the run: a fresh database on TEST_DATABASE_URL's server when it is set,
 * otherwise embedded PGlite in a temporary directory. Migrated with Prisma Migrate and seeded with
 * the standard demo data, as a newcomer's would be.
 */
export default async function setup(project: TestProject) {
  const adminUrl = process.env.TEST_DATABASE_URL;
  let url: string;
  let embedded: EmbeddedPostgres | null = null;
  let dataDir: string | null = null;
  let dbName: string | null = null;
  if (adminUrl) {
    dbName = `ecr_test_${process.pid}_${Date.now().toString(36)}`;
    url = await createFreshDatabase(adminUrl, dbName);
  } else {
    dataDir = mkdtempSync(path.join(tmpdir(), "ecr-test-"));
    embedded = await startEmbeddedPostgres(dataDir, 55_000 + (process.pid % 5_000));
    url = embedded.url;
  }
  await migrateDeploy(url);
  const db = createPrismaClient(url, embedded ? 1 : undefined);
  await seedDatabase(db, defaultSeedOptions(), todayInLondon());
  const seeded = {
    organisations: await db.organisation.count(),
    sites: await db.site.count(),
    devices: await db.device.count(),
  };
  await db.$disconnect();
  // The job queue's schema, as start-up prepares it (its grants need the app role to exist).
  await provisionAppRole(url, { role: "ecr_app", password: embedded ? null : "test-only-app-password", embedded: embedded !== null });
  await prepareJobQueue(url, { appRole: "ecr_app", embedded: embedded !== null });
  project.provide("seeded", seeded);
  project.provide("databaseUrl", url);
  project.provide("embedded", embedded !== null);

  return async () => {
    if (embedded) await embedded.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    if (adminUrl && dbName) {
      await withClient(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`)).catch(() => {});
    }
  };
}
