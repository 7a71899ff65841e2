import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { actorFor, testDb } from "./helpers";
import { describeEvent } from "@/lib/audit/describe-event";
import type { Actor } from "@/lib/auth/actor";
import { AppError } from "@/lib/auth/errors";
import { resolveBrand } from "@/lib/compliance";
import { PUBLIC_SOURCES } from "@/lib/compliance/register-seed";
import { createUser, emailTakenProblem } from "@/lib/data/admin-users";
import { recordAudit } from "@/lib/data/audit";
import { listAuditEvents, listEntityHistory } from "@/lib/data/audit-log";
import { loadRegister } from "@/lib/data/evaluation";
import { waitForJob } from "@/lib/data/jobs";
import { createProducer, getModelPrefix, getProducer } from "@/lib/data/register";
import { startJobWorkers, type JobWorkers } from "@/lib/jobs/runtime";
import { createUserSchema } from "@/lib/validation/user";
import { newProducerSchema } from "@/lib/validation/register";

const ADMIN = "admin@register.example.gov.uk";
const RUN = Math.random().toString(36).slice(2, 8);

let workers: JobWorkers;
beforeAll(async () => {
  workers = await startJobWorkers({ embedded: inject("embedded") });
});
afterAll(async () => {
  await workers.stop(10_000);
});

async function orgId(acronym: string): Promise<number> {
  return (await testDb().organisation.findUniqueOrThrow({ where: { acronym }, select: { id: true } })).id;
}

const PRODUCER_FORM = {
  name: "",
  legalName: "",
  covered: "yes",
  confidence: "HIGH",
  source: "Federal Communications Commission: the Covered List",
  sourceUrl: "https://www.fcc.gov/supplychain/coveredlist",
  notes: "",
};

describe("adding a producer to the register", () => {
  it("reports every problem with the form at once, and refuses an address that is not a public web page", () => {
    const empty = newProducerSchema.safeParse({});
    expect(empty.error?.issues.map((i) => i.path.join("."))).toEqual(["name", "covered", "confidence", "source", "sourceUrl"]);
    for (const url of ["javascript:alert(1)", "ftp://files.example.gov.uk/x", "https://localhost/x", "https://user:secret@www.gov.uk/", `https://www.gov.uk/${"a".repeat(500)}`]) {
      const parsed = newProducerSchema.safeParse({ ...PRODUCER_FORM, name: "Acme", sourceUrl: url });
      expect(parsed.error?.issues.map((i) => i.path.join(".")), url).toEqual(["sourceUrl"]);
    }
    const nul = newProducerSchema.safeParse({ ...PRODUCER_FORM, name: "Acme\u0000", source: "x\u0000" });
    expect(nul.error?.issues.map((i) => i.path.join("."))).toEqual(["name", "source"]);
    expect(newProducerSchema.parse({ ...PRODUCER_FORM, name: "Acme", sourceUrl: "www.gov.uk/guidance" }).sourceUrl).toBe("https://www.gov.uk/guidance");
  });

  it("adds a covered producer with its public source, audited, and the register matches labels with its name once re-evaluated", async () => {
    const admin = await actorFor(ADMIN);
    const name = `Acme Vision ${RUN}`;
    const outcome = await createProducer(admin, newProducerSchema.parse({ ...PRODUCER_FORM, name, legalName: "Acme Vision Co., Ltd", notes: "Added by a test" }));
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    const job = await waitForJob(outcome.value.jobId);
    expect(job.state, job.error ?? "").toBe("done");
    expect(job.reasons).toContain(`Producer register: ${name} added`);

    const producer = await getProducer(admin, outcome.value.id);
    expect(producer).toMatchObject({
      name,
      slug: `acme-vision-${RUN}`,
      legalName: "Acme Vision Co., Ltd",
      covered: true,
      confidence: "HIGH",
      source: PRODUCER_FORM.source,
      sourceUrl: PRODUCER_FORM.sourceUrl,
    });
    const resolved = resolveBrand((await loadRegister(testDb())).brands, name.toUpperCase(), "X-100");
    expect(resolved).toMatchObject({ producer: "COVERED", producerName: name });

    const page = await listAuditEvents(admin, { entityType: "producer", action: "register.producer.created", email: "", from: null, to: null, page: 1 });
    const event = page.rows.find((r) => r.entityId === String(producer.id))!;
    expect(event.after).toMatchObject({ name, covered: true, source: PRODUCER_FORM.source, sourceUrl: PRODUCER_FORM.sourceUrl });
    const words = describeEvent(event, { adminLinks: true });
    expect(words.sentence).toBe(`Added ${name} to the producer register.`);
    expect(words.record).toEqual({ type: "Producer", name, href: `/admin/register/producers/${producer.id}` });
  });

  it("refuses a name that reads as a producer or brand already listed, whatever its spelling", async () => {
    const admin = await actorFor(ADMIN);
    for (const [name, clash] of [["H I K V I S I O N", "the producer Hikvision"], ["hi-look", "the brand HiLook of Hikvision"]] as const) {
      const outcome = await createProducer(admin, newProducerSchema.parse({ ...PRODUCER_FORM, name }));
      expect(outcome.ok).toBe(false);
      if (!outcome.ok) expect(outcome.fieldErrors.name).toContain(clash);
    }
    expect(await testDb().producer.count({ where: { name: "hi-look" } })).toBe(0);
  });

  it("is for administrators only", async () => {
    const editor = await actorFor("editor@ho.example.gov.uk");
    const refused = await createProducer(editor, newProducerSchema.parse({ ...PRODUCER_FORM, name: `Nope ${RUN}` })).then(() => null, (e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).code).toBe("FORBIDDEN");
  });

  it("looks up a model prefix for the page that asks whether to remove it, and 404s one that is gone", async () => {
    const admin = await actorFor(ADMIN);
    const row = await testDb().modelPrefix.findFirstOrThrow({ select: { id: true, prefix: true, producer: { select: { name: true } } } });
    expect(await getModelPrefix(admin, row.id)).toMatchObject({ id: row.id, prefix: row.prefix, producerName: row.producer.name });
    const missing = await getModelPrefix(admin, 2_000_000_000).then(() => null, (e: unknown) => e);
    expect((missing as AppError).code).toBe("NOT_FOUND");
  });
});

describe("a new account's problems are reported together", () => {
  it("a taken email address and an unknown organisation at once", async () => {
    const admin = await actorFor(ADMIN);
    const input = createUserSchema.parse({
      name: "Someone Again",
      email: "EDITOR@ho.example.gov.uk",
      role: "ESTATES_EDITOR",
      organisationId: "999999",
      password: "A-long-enough-password-2026",
    });
    const outcome = await createUser(admin, input);
    expect(outcome).toEqual({
      ok: false,
      fieldErrors: { organisationId: "Select an organisation from the list", email: "An account with this email address already exists" },
    });
  });

  it("the address alone can be checked, for a form refused on its other fields", async () => {
    const admin = await actorFor(ADMIN);
    expect(await emailTakenProblem(admin, "editor@ho.example.gov.uk")).toEqual({ email: "An account with this email address already exists" });
    expect(await emailTakenProblem(admin, `nobody.${RUN}@test.example.gov.uk`)).toBeNull();
    const editor = await actorFor("editor@ho.example.gov.uk");
    await expect(emailTakenProblem(editor, "admin@register.example.gov.uk")).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("history names records, within the reader's organisations", () => {
  it("names the sites a device moved between, but not a site outside the reader's organisations", async () => {
    const db = testDb();
    const hmpps = await orgId("HMPPS");
    const moj = await orgId("MoJ");
    const device = await db.device.findFirstOrThrow({ where: { organisationId: hmpps }, select: { id: true, siteId: true, site: { select: { name: true, siteCode: true } } } });
    const from = await db.site.findFirstOrThrow({ where: { organisationId: moj }, select: { id: true, name: true } });
    const editor = await actorFor("editor@moj.example.gov.uk");
    await recordAudit(db, editor, {
      action: "device.moved",
      entityType: "device",
      entityId: String(device.id),
      organisationId: hmpps,
      summary: "Moved the device (written by a test)",
      before: { siteId: from.id, organisationId: moj, installedOn: "2020-01-01" },
      after: { siteId: device.siteId, organisationId: hmpps, installedOn: "2026-11-30" },
    });

    // The department's editor covers both organisations and sees both names.
    const [seen] = await listEntityHistory(editor, "device", device.id);
    expect(describeEvent(seen!).sentence).toBe(
      `Moved from ${from.name} (${(await db.site.findUniqueOrThrow({ where: { id: from.id }, select: { siteCode: true } })).siteCode}) to ${device.site.name} (${device.site.siteCode}) on 30 November 2026. A move counts as a new installation at the new site.`,
    );

    // A viewer of the agency alone sees the agency's site by name, and not the department's.
    const agencyViewer: Actor = { ...editor, id: editor.id, role: "ORG_VIEWER", organisationId: hmpps, scope: { all: false, organisationIds: [hmpps] } };
    const [limited] = await listEntityHistory(agencyViewer, "device", device.id);
    const words = describeEvent(limited!);
    expect(words.sentence).toContain("Moved from a site outside your organisations to");
    expect(words.sentence).not.toContain(from.name);
    expect(words.changes.find((c) => c.field === "Organisation")).toEqual({ field: "Organisation", before: "Ministry of Justice", after: "HM Prison and Probation Service" });
  });
});

describe("the seeded register cites public documents", () => {
  it("a fresh database's producers and brands cite the public documents, with their web addresses", async () => {
    const db = testDb();
    const producers = await db.producer.findMany({ where: { slug: { in: ["hikvision", "uniview", "axis"] } }, select: { slug: true, source: true, sourceUrl: true } });
    const bySlug = new Map(producers.map((p) => [p.slug, p]));
    expect(bySlug.get("hikvision")).toMatchObject({ source: PUBLIC_SOURCES.fccCoveredList.title, sourceUrl: PUBLIC_SOURCES.fccCoveredList.url });
    expect(bySlug.get("uniview")).toMatchObject({ source: PUBLIC_SOURCES.hcws386.title, sourceUrl: PUBLIC_SOURCES.hcws386.url });
    expect(await db.producer.count({ where: { source: { contains: "DOMAIN.md" } } })).toBe(0);
    expect(await db.brand.count({ where: { source: { contains: "DOMAIN.md" } } })).toBe(0);
  });

  it("the migration gives an existing database's internal citations the same public sources, and keeps an administrator's own", async () => {
    const sql = readFileSync("prisma/migrations/20261203010000_public_sources/migration.sql", "utf8");
    // The data part only: the columns exist already (the migrations test checks the schema).
    const updates = sql
      .replace(/--.*$/gm, "")
      .split(/;\s*$/m)
      .map((s) => s.trim())
      .filter((s) => s.startsWith("UPDATE"));
    expect(updates).toHaveLength(3);
    for (const p of Object.values(PUBLIC_SOURCES)) {
      expect(sql).toContain(`'${p.title}'`);
      expect(sql).toContain(`'${p.url}'`);
    }
    const ROLLBACK = new Error("rolled back on purpose");
    const db = testDb();
    const seen = await db
      .$transaction(async (tx) => {
        // As a database seeded before this change holds them, and one an administrator edited.
        await tx.$executeRawUnsafe(`UPDATE producers SET source = 'DOMAIN.md §4; NDAA FY2019 s.889; FCC Covered List', source_url = NULL WHERE slug IN ('hikvision', 'dahua')`);
        await tx.$executeRawUnsafe(`UPDATE producers SET source = 'DOMAIN.md §4: not covered (non-PRC producer)', source_url = NULL WHERE slug = 'axis'`);
        await tx.$executeRawUnsafe(`UPDATE producers SET source = 'Our own evidence', source_url = NULL WHERE slug = 'bosch'`);
        await tx.$executeRawUnsafe(`UPDATE brands SET source = 'DOMAIN.md §4: not covered (non-PRC producer)', source_url = NULL WHERE name = 'Axis'`);
        const versions = await tx.producer.findMany({ where: { slug: { in: ["hikvision", "axis", "bosch"] } }, select: { slug: true, version: true } });
        for (const statement of updates) await tx.$executeRawUnsafe(statement);
        const after = await tx.producer.findMany({
          where: { slug: { in: ["hikvision", "dahua", "axis", "bosch"] } },
          select: { slug: true, source: true, sourceUrl: true, version: true },
        });
        const brand = await tx.brand.findFirstOrThrow({ where: { name: "Axis" }, select: { source: true, sourceUrl: true } });
        throw Object.assign(ROLLBACK, { result: { versions, after, brand } });
      })
      .catch((e: unknown) => {
        if (e !== ROLLBACK) throw e;
        return (e as Error & { result: { versions: { slug: string; version: number }[]; after: { slug: string; source: string; sourceUrl: string | null; version: number }[]; brand: { source: string; sourceUrl: string | null } } }).result;
      });
    const after = new Map(seen.after.map((p) => [p.slug, p]));
    const before = new Map(seen.versions.map((p) => [p.slug, p.version]));
    expect(after.get("hikvision")).toMatchObject({ source: PUBLIC_SOURCES.fccCoveredList.title, sourceUrl: PUBLIC_SOURCES.fccCoveredList.url, version: before.get("hikvision")! + 1 });
    expect(after.get("dahua")).toMatchObject({ source: PUBLIC_SOURCES.fccCoveredList.title });
    expect(after.get("axis")).toMatchObject({ source: PUBLIC_SOURCES.hcws386.title, sourceUrl: PUBLIC_SOURCES.hcws386.url });
    expect(after.get("bosch")).toMatchObject({ source: "Our own evidence", sourceUrl: null, version: before.get("bosch") });
    expect(seen.brand).toEqual({ source: PUBLIC_SOURCES.hcws386.title, sourceUrl: PUBLIC_SOURCES.hcws386.url });
    // Rolled back: the database is as it was.
    expect((await db.producer.findUniqueOrThrow({ where: { slug: "bosch" }, select: { source: true } })).source).toBe(PUBLIC_SOURCES.hcws386.title);
  });
});
