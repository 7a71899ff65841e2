import { describe, expect, it } from "vitest";
import { actorFor, testDb } from "./helpers";
import { createSite } from "@/lib/data/sites";
import { siteFormSchema } from "@/lib/validation/site";

// The audit trail is evidence: the database itself refuses to change or delete it, whoever asks.
describe("audit_events", () => {
  it("refuses UPDATE, DELETE and TRUNCATE and keeps the rows unchanged", async () => {
    const db = testDb();
    const editor = await actorFor("editor@ho.example.gov.uk");
    const ho = await db.organisation.findUniqueOrThrow({ where: { acronym: "HO" }, select: { id: true } });
    const created = await createSite(
      editor,
      siteFormSchema.parse({
        organisationId: String(ho.id),
        name: "Audit evidence site",
        siteCode: `AUD-${Date.now().toString(36).toUpperCase()}`,
        addressLine1: "1 Evidence Way",
        town: "London",
        postcode: "SW1A 2AA",
        sensitivity: "UNASSESSED",
      }),
    );
    if (!created.ok) throw new Error("site not created");
    const snapshot = async () =>
      db.$queryRawUnsafe<{ id: string; actor_email: string; summary: string; after: unknown }[]>(
        `SELECT id::text AS id, actor_email, summary, after FROM audit_events ORDER BY id`,
      );
    const before = await snapshot();
    const mine = before.find((r) => r.summary.includes("Audit evidence site"));
    expect(mine).toBeDefined();
    const count = before.length;

    // The message of the error an attempt fails with. The embedded server may drop a connection
    // after an error, so the pool is given a query to replace it before the next attempt.
    const failure = async (attempt: () => Promise<unknown>): Promise<string> => {
      const error = await attempt().then(() => null, (e: unknown) => e);
      await db.$queryRawUnsafe("SELECT 1").catch(() => db.$queryRawUnsafe("SELECT 1"));
      return error instanceof Error ? error.message : "no error";
    };
    const APPEND_ONLY = /audit_events is append-only: (UPDATE|DELETE|TRUNCATE) is not allowed/;
    expect(await failure(() => db.$executeRawUnsafe(`UPDATE audit_events SET summary = 'tampered' WHERE id = $1::bigint`, mine!.id))).toMatch(APPEND_ONLY);
    expect(await failure(() => db.$executeRawUnsafe(`UPDATE audit_events SET actor_email = 'someone@else'`))).toMatch(APPEND_ONLY);
    expect(await failure(() => db.$executeRawUnsafe(`DELETE FROM audit_events WHERE id = $1::bigint`, mine!.id))).toMatch(APPEND_ONLY);
    expect(await failure(() => db.$executeRawUnsafe(`DELETE FROM audit_events`))).toMatch(APPEND_ONLY);
    expect(await failure(() => db.$executeRawUnsafe(`TRUNCATE audit_events`))).toMatch(APPEND_ONLY);
    expect(await failure(() => db.auditEvent.deleteMany({}))).toMatch(/append-only/);
    expect(await failure(() => db.auditEvent.updateMany({ data: { summary: "tampered" } }))).toMatch(/append-only/);

    const after = await snapshot();
    expect(after).toHaveLength(count);
    expect(after).toEqual(before);
  });
});
