import { readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { actorFor, databaseUrl, testDb } from "./helpers";
import { createPrismaClient } from "@/lib/db-client";
import { recordAudit } from "@/lib/data/audit";
import { checkRecordedHead, verifyAuditChain, type ChainReport } from "@/lib/data/audit-chain";
import type { Db } from "@/lib/data/evaluation";
import { rawTransaction } from "@/lib/data/raw-transaction";
import { createSite, updateSite } from "@/lib/data/sites";
import { appRoleVerdict, checkAppRole, provisionAppRole } from "@/lib/platform/app-role";
import { siteEditSchema, siteFormSchema } from "@/lib/validation/site";
import { runNode } from "../support/run-node";

// The web server's database role may read and write rows but change no table, and may only add
// to the audit trail; and the trail is a hash chain that shows any row a superuser rewrote,
// deleted or moved with the triggers turned off.

const ROLE = "ecr_app";
const embedded = () => inject("embedded");
let appUrl: string;

/** Runs `fn` on a connection that is the app role: a real sign-in on a server, SET ROLE in PGlite's one session. */
async function asAppRole<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: appUrl });
  await c.connect();
  try {
    if (embedded()) await c.query(`SET ROLE ${ROLE}`);
    return await fn(c);
  } finally {
    if (embedded()) await c.query("RESET ROLE").catch(() => {});
    await c.end();
  }
}

async function refusal(c: pg.Client, sql: string): Promise<string> {
  const error = await c.query(sql).then(() => null, (e: unknown) => e as { code?: string; message: string });
  return error ? `${error.code} ${error.message}` : "allowed";
}

async function audit(summary: string): Promise<void> {
  await recordAudit(testDb(), null, { action: "test.chain", entityType: "test", entityId: summary, organisationId: null, summary, after: { summary, n: 1.5, nested: { b: "é", a: [1, null] } } });
}

class Rollback extends Error {
  constructor(readonly report: ChainReport) {
    super("rolled back");
  }
}

/** Tampers as a superuser with the triggers off, checks the chain in the same transaction, then rolls it all back. */
async function tamperAndVerify(tamper: (tx: Db) => Promise<void>): Promise<ChainReport> {
  const error = await rawTransaction(testDb(), async (tx) => {
    await tx.$executeRawUnsafe(`ALTER TABLE audit_events DISABLE TRIGGER USER`);
    await tamper(tx);
    throw new Rollback(await verifyAuditChain(tx, 3));
  }).catch((e: unknown) => e);
  if (!(error instanceof Rollback)) throw error;
  return error.report;
}

async function chainRows(): Promise<{ id: string; seq: string }[]> {
  return testDb().$queryRawUnsafe(`SELECT id::text AS id, chain_seq::text AS seq FROM audit_events ORDER BY audit_events.id`);
}

beforeAll(async () => {
  appUrl = await provisionAppRole(databaseUrl(), { role: ROLE, password: embedded() ? null : "test-only-app-password", embedded: embedded() });
  for (let i = 0; i < 8; i++) await audit(`chain test ${i}`);
});

describe("the app's database role", () => {
  it("has no power beyond what the app needs", async () => {
    const check = await checkAppRole(appUrl, embedded());
    expect(check).toEqual({ role: ROLE, superuser: false, excess: [] });
  });

  it("is refused DDL and any change to the audit trail, and nothing is changed", async () => {
    const before = await chainRows();
    const refused = await asAppRole(async (c) => ({
      createTable: await refusal(c, "CREATE TABLE intruder (id int)"),
      createSchema: await refusal(c, "CREATE SCHEMA intruder"),
      alterTable: await refusal(c, "ALTER TABLE sites ADD COLUMN intruder int"),
      dropTable: await refusal(c, "DROP TABLE sites"),
      disableTriggers: await refusal(c, "ALTER TABLE audit_events DISABLE TRIGGER USER"),
      updateAudit: await refusal(c, "UPDATE audit_events SET summary = 'tampered'"),
      deleteAudit: await refusal(c, "DELETE FROM audit_events"),
      truncateAudit: await refusal(c, "TRUNCATE audit_events"),
      truncateSites: await refusal(c, "TRUNCATE sites CASCADE"),
      migrations: await refusal(c, "SELECT count(*) FROM _prisma_migrations"),
      createRole: await refusal(c, "CREATE ROLE intruder SUPERUSER"),
    }));
    for (const [what, outcome] of Object.entries(refused)) {
      expect(outcome, what).toMatch(/^42501 (permission denied|must be owner|must be superuser)/);
    }
    expect(await chainRows()).toEqual(before);
    const leftovers = await testDb().$queryRawUnsafe<{ n: number }[]>(
      `SELECT (SELECT count(*) FROM information_schema.tables WHERE table_name = 'intruder')::int
            + (SELECT count(*) FROM information_schema.columns WHERE table_name = 'sites' AND column_name = 'intruder')::int
            + (SELECT count(*) FROM pg_namespace WHERE nspname = 'intruder')::int AS n`,
    );
    expect(leftovers[0]?.n).toBe(0);
  });

  it("can still read, write rows, stage in a temporary table and add to the audit trail, which it cannot forge", async () => {
    const result = await asAppRole(async (c) => {
      await c.query("BEGIN");
      await c.query("CREATE TEMP TABLE staging (n int) ON COMMIT DROP");
      await c.query("UPDATE sites SET name = name WHERE id = (SELECT min(id) FROM sites)");
      // The chain's columns are the database's to fill: whatever the writer sends is replaced.
      await c.query(
        `INSERT INTO audit_events (actor_email, action, entity_type, entity_id, summary, chain_seq, prev_hash, hash)
         VALUES ('app@test', 'test.app', 'test', 'app', 'written as the app role', 1, 'forged', 'forged')`,
      );
      await c.query("COMMIT");
      return c.query<{ seq: string; hash: string }>(`SELECT chain_seq::text AS seq, hash FROM audit_events WHERE summary = 'written as the app role'`);
    });
    expect(result.rows).toHaveLength(1);
    expect(result.rows[0]!.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(result.rows[0]!.seq).not.toBe("1");
    expect((await verifyAuditChain(testDb())).intact).toBe(true);
  });

  it("start-up refuses a superuser for the web server in production against a server, and says why", async () => {
    const check = await checkAppRole(databaseUrl(), embedded());
    expect(check.superuser).toBe(true);
    const production = appRoleVerdict(check, true, false);
    expect(production.refuse).toMatch(/^Refusing to start: the web server's database role postgres is a superuser/);
    expect(production.refuse).toContain("ALTER ROLE postgres NOSUPERUSER");
    const development = appRoleVerdict(check, false, false);
    expect(development.refuse).toBeNull();
    expect(development.warnings[0]).toMatch(/has more power than it needs: it is a superuser, .*it can change or delete audit events/);
    expect(appRoleVerdict(await checkAppRole(appUrl, embedded()), true, embedded())).toEqual({ refuse: null, warnings: [] });
  });

  it("provisioning again changes nothing and keeps working", async () => {
    await expect(provisionAppRole(databaseUrl(), { role: ROLE, password: embedded() ? null : "test-only-app-password", embedded: embedded() })).resolves.toBe(appUrl);
    expect((await checkAppRole(appUrl, embedded())).excess).toEqual([]);
  });
});

describe("the audit trail's hash chain", () => {
  it("is intact after ordinary edits, and each row follows the one before", async () => {
    const db = testDb();
    const editor = await actorFor("editor@ho.example.gov.uk");
    const ho = await db.organisation.findUniqueOrThrow({ where: { acronym: "HO" }, select: { id: true } });
    const form = {
      organisationId: String(ho.id), name: "Chain site", siteCode: `CHN-${Date.now().toString(36).toUpperCase()}`,
      addressLine1: "1 Chain Street", town: "London", postcode: "SW1A 2AA", sensitivity: "UNASSESSED",
    };
    const created = await createSite(editor, siteFormSchema.parse(form));
    if (!created.ok) throw new Error("site not created");
    const site = await db.site.findFirstOrThrow({ where: { siteCode: form.siteCode }, select: { id: true, version: true } });
    const updated = await updateSite(editor, site.id, siteEditSchema.parse({ ...form, name: "Chain site renamed", sensitivity: "NOT_SENSITIVE", version: String(site.version) }));
    if (!updated.ok) throw new Error("site not updated");
    const report = await verifyAuditChain(db);
    expect(report).toMatchObject({ intact: true, firstBreak: null });
    const rows = await chainRows();
    expect(report.rowsChecked).toBe(rows.length);
    expect(rows.map((r) => r.seq)).toEqual(rows.map((_, i) => String(i + 1)));
    expect(report.head).toMatchObject({ seq: String(rows.length), id: rows.at(-1)!.id });
  });

  it("names a row whose content was edited", async () => {
    const rows = await chainRows();
    const target = rows[3]!;
    const report = await tamperAndVerify(async (tx) => {
      await tx.$executeRawUnsafe(`UPDATE audit_events SET summary = summary || ' (edited)' WHERE id = $1::bigint`, target.id);
      await tx.$executeRawUnsafe(`UPDATE audit_events SET actor_email = 'someone@else' WHERE id = $1::bigint`, rows[6]!.id);
    });
    expect(report.intact).toBe(false);
    expect(report.firstBreak).toMatchObject({ problem: "content changed", id: target.id });
    expect(report.firstBreak!.detail).toMatch(new RegExp(`^Row ${target.id} \\(written .+\\): its content no longer matches its hash`));
    expect(report.rowsChecked).toBe(4);
  });

  it("names a row that was edited and given a matching new hash, through the link the next row holds", async () => {
    const rows = await chainRows();
    const target = rows[2]!;
    const report = await tamperAndVerify(async (tx) => {
      await tx.$executeRawUnsafe(`UPDATE audit_events SET after = '{"forged": true}'::jsonb WHERE id = $1::bigint`, target.id);
      await tx.$executeRawUnsafe(`UPDATE audit_events e SET hash = audit_event_hash(e) WHERE id = $1::bigint`, target.id);
    });
    expect(report.firstBreak).toMatchObject({ problem: "content changed", id: target.id });
    expect(report.firstBreak!.detail).toContain("edited and re-hashed");
  });

  it("names the row after a deleted one", async () => {
    const rows = await chainRows();
    const report = await tamperAndVerify(async (tx) => {
      await tx.$executeRawUnsafe(`DELETE FROM audit_events WHERE id = $1::bigint`, rows[4]!.id);
    });
    expect(report.firstBreak).toMatchObject({ problem: "row missing", id: rows[5]!.id });
    expect(report.firstBreak!.detail).toContain("position 5 is missing before it");
  });

  it("names the first of two rows whose places were swapped", async () => {
    const rows = await chainRows();
    const [a, b] = [rows[1]!.id, rows[5]!.id];
    const report = await tamperAndVerify(async (tx) => {
      await tx.$executeRawUnsafe(`UPDATE audit_events SET id = -1 WHERE id = $1::bigint`, a);
      await tx.$executeRawUnsafe(`UPDATE audit_events SET id = $1::bigint WHERE id = $2::bigint`, a, b);
      await tx.$executeRawUnsafe(`UPDATE audit_events SET id = $1::bigint WHERE id = -1`, b);
    });
    expect(report.firstBreak).toMatchObject({ problem: "order changed", id: a });
    expect(report.firstBreak!.detail).toContain("holds position 6 of the chain where position 2 belongs");
  });

  it("names a row slipped in with the triggers off", async () => {
    const report = await tamperAndVerify(async (tx) => {
      await tx.$executeRawUnsafe(
        `INSERT INTO audit_events (id, actor_email, action, entity_type, entity_id, summary) VALUES (0, 'forger@x', 'x', 'x', 'x', 'forged')`,
      );
    });
    expect(report.firstBreak).toMatchObject({ problem: "content changed", id: "0" });
    expect(report.firstBreak!.detail).toContain("not sealed into the chain");
  });

  it("shows the newest rows were deleted when checked against a head noted down earlier", async () => {
    const rows = await chainRows();
    const [head] = await testDb().$queryRawUnsafe<{ seq: string; hash: string }[]>(
      `SELECT chain_seq::text AS seq, hash FROM audit_events WHERE id = $1::bigint`, rows.at(-1)!.id,
    );
    let problem: string | null = null;
    const report = await tamperAndVerify(async (tx) => {
      await tx.$executeRawUnsafe(`DELETE FROM audit_events WHERE id = $1::bigint`, rows.at(-1)!.id);
      problem = await checkRecordedHead(tx, head!.seq, head!.hash);
    });
    expect(report).toMatchObject({ intact: true, rowsChecked: rows.length - 1 });
    expect(problem).toBe(`Position ${head!.seq} of the chain, recorded earlier, is missing: the newest rows have been deleted.`);
    expect(await checkRecordedHead(testDb(), head!.seq, head!.hash)).toBeNull();
  });

  it("stays whole with two pools writing at once", async () => {
    const before = (await chainRows()).length;
    // PGlite has one session: a second pool would interleave transactions, so there one pool writes.
    const pools = embedded() ? [testDb()] : [createPrismaClient(databaseUrl(), 4), createPrismaClient(databaseUrl(), 4)];
    const perPool = embedded() ? 20 : 60;
    try {
      await Promise.all(
        pools.flatMap((db, p) =>
          Array.from({ length: perPool }, (_, i) =>
            db.$transaction(async (tx) => {
              await recordAudit(tx, null, { action: "test.concurrent", entityType: "test", entityId: `${p}-${i}`, organisationId: null, summary: `pool ${p} write ${i}` });
              if (i % 3 === 0) await recordAudit(tx, null, { action: "test.concurrent", entityType: "test", entityId: `${p}-${i}b`, organisationId: null, summary: `pool ${p} write ${i} second` });
              await tx.$queryRawUnsafe(`SELECT pg_sleep(${(i % 4) / 200})::text`);
            }),
          ),
        ),
      );
    } finally {
      if (!embedded()) await Promise.all(pools.map((db) => db.$disconnect()));
    }
    const report = await verifyAuditChain(testDb());
    expect(report.firstBreak).toBeNull();
    expect(report.rowsChecked).toBe(before + pools.length * (perPool + Math.ceil(perPool / 3)));
  });

  it("the migration's backfill chains rows that were there before it, in id order", async () => {
    const sql = readFileSync("prisma/migrations/20261201060000_audit_chain/migration.sql", "utf8");
    const backfill = sql.slice(sql.indexOf("DO $$"));
    const report = await tamperAndVerify(async (tx) => {
      await tx.$executeRawUnsafe(`UPDATE audit_events SET chain_seq = NULL, prev_hash = NULL, hash = NULL`);
      await tx.$executeRawUnsafe(`ALTER TABLE audit_events ENABLE TRIGGER USER`);
      await tx.$executeRawUnsafe(backfill);
    });
    expect(report).toMatchObject({ intact: true, rowsChecked: (await chainRows()).length });
  });
});

function auditVerify(args: string[] = []): Promise<{ code: number; out: string }> {
  return runNode(["--import", "tsx", path.join("scripts", "audit-verify.ts"), ...args], { ...process.env, DATABASE_URL: databaseUrl() });
}

describe("npm run audit:verify", () => {
  it("exits 0 on a whole chain and 1 naming the row on a broken one", async () => {
    const intact = await auditVerify();
    expect(intact.out).toMatch(/^Audit trail intact: [\d,]+ rows checked/);
    expect(intact.code).toBe(0);
    const head = intact.out.match(/Head: (\d+:[0-9a-f]{64})/)![1]!;
    expect((await auditVerify(["--head", head])).code).toBe(0);
    expect((await auditVerify(["--head", "not-a-head"])).code).toBe(2);

    const rows = await chainRows();
    const target = rows[2]!;
    const [original] = await testDb().$queryRawUnsafe<{ summary: string }[]>(`SELECT summary FROM audit_events WHERE id = $1::bigint`, target.id);
    const setSummary = (summary: string) =>
      rawTransaction(testDb(), async (tx) => {
        await tx.$executeRawUnsafe(`ALTER TABLE audit_events DISABLE TRIGGER USER`);
        await tx.$executeRawUnsafe(`UPDATE audit_events SET summary = $2 WHERE id = $1::bigint`, target.id, summary);
        await tx.$executeRawUnsafe(`ALTER TABLE audit_events ENABLE TRIGGER USER`);
      });
    await setSummary("rewritten by a superuser");
    try {
      const broken = await auditVerify();
      expect(broken.code).toBe(1);
      expect(broken.out).toContain("Audit trail BROKEN (content changed)");
      expect(broken.out).toContain(`First broken row: ${target.id}, written `);
    } finally {
      await setSummary(original!.summary);
    }
    expect((await verifyAuditChain(testDb())).intact).toBe(true);
  });
});
