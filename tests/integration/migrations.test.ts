import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { testDb, databaseUrl } from "./helpers";
import { migrateDeploy } from "@/lib/platform/database";
import { runNode } from "../support/run-node";

function prisma(args: string[], url: string): Promise<{ code: number; out: string }> {
  return runNode([path.join("node_modules", "prisma", "build", "index.js"), ...args], {
    ...process.env,
    DATABASE_URL: url,
    CHECKPOINT_DISABLE: "1",
    NODE_OPTIONS: "--require=./scripts/unref-timers.cjs",
  });
}

describe("migrations", () => {
  it("applied to the empty test database and match the Prisma schema", async () => {
    const applied = await testDb().$queryRawUnsafe<{ migration_name: string; finished_at: Date | null }[]>(
      `SELECT migration_name, finished_at FROM _prisma_migrations ORDER BY migration_name`,
    );
    expect(applied.length).toBeGreaterThan(0);
    expect(applied.every((m) => m.finished_at !== null)).toBe(true);

    // The schema Prisma derives from schema.prisma, built in a scratch schema of the same
    // database, must equal what the committed migrations built, apart from the hand-written parts
    // the schema language cannot express.
    const { code, out } = await prisma(
      ["migrate", "diff", "--from-empty", "--to-schema-datamodel", "prisma/schema.prisma", "--script"],
      databaseUrl(),
    );
    expect(code).toBe(0);
    const script = out.slice(out.indexOf("-- CreateEnum"));
    const db = testDb();
    await db.$executeRawUnsafe(`DROP SCHEMA IF EXISTS expected CASCADE`);
    await db.$executeRawUnsafe(`CREATE SCHEMA expected`);
    try {
      await db.$transaction(async (tx) => {
        await tx.$executeRawUnsafe(`SET LOCAL search_path TO expected`);
        for (const statement of script.split(/;\s*\n/).map((x) => x.trim()).filter(Boolean)) {
          await tx.$executeRawUnsafe(statement);
        }
      });
      const describe = async (schema: string) => {
        const columns = await db.$queryRawUnsafe<{ d: string }[]>(
          `SELECT table_name || '.' || column_name || ' ' || udt_name || ' ' || is_nullable || ' ' ||
                  COALESCE(replace(column_default, '${schema}.', ''), '') AS d
           FROM information_schema.columns WHERE table_schema = $1 AND table_name <> '_prisma_migrations' ORDER BY 1`,
          schema,
        );
        const indexes = await db.$queryRawUnsafe<{ d: string }[]>(
          `SELECT replace(indexdef, ' ' || schemaname || '.', ' ') AS d FROM pg_indexes
           WHERE schemaname = $1 AND tablename <> '_prisma_migrations' ORDER BY 1`,
          schema,
        );
        const constraints = await db.$queryRawUnsafe<{ d: string }[]>(
          `SELECT c.conname || ' ' || replace(pg_get_constraintdef(c.oid), '${schema}.', '') AS d
           FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
           WHERE n.nspname = $1 AND c.conname NOT LIKE '_prisma%' ORDER BY 1`,
          schema,
        );
        return { columns: columns.map((r) => r.d), indexes: indexes.map((r) => r.d), constraints: constraints.map((r) => r.d) };
      };
      const actual = await describe("public");
      const expected = await describe("expected");
      const handWritten = /devices_org_asset_tag_key|devices_org_serial_key|devices_org_mac_idx|device_compliance_rule_ids_idx/;
      expect(actual.columns).toEqual(expected.columns);
      // The audit chain's seal is a constraint trigger, written by hand like the indexes below.
      const handWrittenConstraint = /^audit_events_chain TRIGGER DEFERRABLE INITIALLY DEFERRED$/;
      expect(actual.constraints.filter((c) => !handWrittenConstraint.test(c))).toEqual(expected.constraints);
      expect(actual.constraints.filter((c) => handWrittenConstraint.test(c))).toHaveLength(1);
      expect(actual.indexes.filter((i) => !handWritten.test(i))).toEqual(expected.indexes);
      expect(actual.indexes.filter((i) => handWritten.test(i))).toHaveLength(4);
    } finally {
      await db.$executeRawUnsafe(`DROP SCHEMA IF EXISTS expected CASCADE`);
    }
  });

  it("a migration that fails leaves the database as it was", async () => {
    // A copy of the real migrations plus one that creates a table and then fails.
    const dir = mkdtempSync(path.join(tmpdir(), "ecr-migrations-"));
    cpSync("prisma/migrations", path.join(dir, "migrations"), { recursive: true });
    cpSync("prisma/schema.prisma", path.join(dir, "schema.prisma"));
    mkdirSync(path.join(dir, "migrations", "99990101000000_broken"));
    writeFileSync(
      path.join(dir, "migrations", "99990101000000_broken", "migration.sql"),
      `CREATE TABLE half_done (id int);\nALTER TABLE devices ADD COLUMN half_done_flag boolean;\nSELECT no_such_column FROM devices;\n`,
    );
    const { code, out } = await prisma(["migrate", "deploy", "--schema", path.join(dir, "schema.prisma")], databaseUrl());
    expect(code).not.toBe(0);
    expect(out).toMatch(/99990101000000_broken/);
    const leftovers = await testDb().$queryRawUnsafe<{ n: number }[]>(
      `SELECT (SELECT count(*) FROM information_schema.tables WHERE table_name = 'half_done')::int
            + (SELECT count(*) FROM information_schema.columns WHERE table_name = 'devices' AND column_name = 'half_done_flag')::int AS n`,
    );
    expect(leftovers[0]?.n).toBe(0);
    // Put the record straight so the real migrations still deploy cleanly afterwards.
    await testDb().$executeRawUnsafe(`DELETE FROM _prisma_migrations WHERE migration_name = '99990101000000_broken'`);
    await expect(migrateDeploy(databaseUrl())).resolves.toBeUndefined();
  });
});
