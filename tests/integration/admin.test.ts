import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { actorFor, testDb } from "./helpers";
import { AppError } from "@/lib/auth/errors";
import { createUser, listUsers, setUserActive, updateUser } from "@/lib/data/admin-users";
import { getJob, listJobs, waitForJob } from "@/lib/data/jobs";
import { startJobWorkers, type JobWorkers } from "@/lib/jobs/runtime";
import { getPolicySettings, updatePolicy } from "@/lib/data/policy";
import { addModelPrefix, getBrand, getProducer, listProducers, removeModelPrefix, saveBrand, updateProducer } from "@/lib/data/register";
import { loadActor } from "@/lib/data/users";
import { createUserSchema, updateUserSchema, userStatusSchema } from "@/lib/validation/user";
import { brandSchema, modelPrefixSchema, producerSchema } from "@/lib/validation/register";
import { policySchema } from "@/lib/validation/policy";

const ADMIN = "admin@register.example.gov.uk";
const EDITOR = "editor@ho.example.gov.uk";

async function expectAppError(promise: Promise<unknown>, code: AppError["code"]): Promise<AppError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  return error as AppError;
}

async function orgId(acronym: string): Promise<number> {
  return (await testDb().organisation.findUniqueOrThrow({ where: { acronym }, select: { id: true } })).id;
}

function unique(prefix: string): string {
  return `${prefix}.${Math.random().toString(36).slice(2, 10)}@test.example.gov.uk`;
}

async function auditFor(entityType: string, entityId: string, action: string) {
  return testDb().auditEvent.findMany({
    where: { entityType, entityId, action },
    select: { actorEmail: true, summary: true, before: true, after: true },
    orderBy: { id: "desc" },
  });
}

// Changes queue their re-evaluation on the real queue; this process's workers run them.
let workers: JobWorkers;
beforeAll(async () => {
  workers = await startJobWorkers({ embedded: inject("embedded") });
});
afterAll(async () => {
  await workers.stop(10_000);
});

async function reevaluated(jobId: string, reason: string) {
  const finished = await waitForJob(jobId);
  expect(finished.state, finished.error ?? "").toBe("done");
  expect(finished.done).toBe(finished.total);
  expect(finished.reasons).toContain(reason);
  return finished;
}

describe("admin: users", () => {
  it("creates an account with an argon2id hash and an audit event", async () => {
    const admin = await actorFor(ADMIN);
    const email = unique("new.editor");
    const input = createUserSchema.parse({
      name: "New Editor",
      email: email.toUpperCase(),
      role: "ESTATES_EDITOR",
      organisationId: String(await orgId("HO")),
      password: "A-long-enough-password",
    });
    const outcome = await createUser(admin, input);
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    const stored = await testDb().user.findUniqueOrThrow({ where: { id: outcome.value.id }, select: { email: true, passwordHash: true, role: true } });
    expect(stored.email).toBe(email);
    expect(stored.passwordHash.startsWith("$argon2id$")).toBe(true);
    expect(stored.role).toBe("ESTATES_EDITOR");
    const audit = await auditFor("user", String(outcome.value.id), "user.created");
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actorEmail).toBe(ADMIN);
    expect(JSON.stringify(audit[0]!.after)).not.toContain("argon2");
    const actor = await loadActor(outcome.value.id);
    expect(actor?.scope).toEqual({ all: false, organisationIds: expect.arrayContaining([await orgId("HO")]) });
  });

  it("requires an organisation for editors and viewers only", () => {
    const base = { name: "Someone", email: "someone@test.example.gov.uk", password: "A-long-enough-password", organisationId: "" };
    for (const role of ["ESTATES_EDITOR", "ORG_VIEWER"]) {
      const parsed = createUserSchema.safeParse({ ...base, role });
      expect(parsed.success).toBe(false);
      expect(parsed.error?.issues.map((i) => i.path.join("."))).toEqual(["organisationId"]);
    }
    for (const role of ["CABINET_OFFICE", "MINISTER_OFFICE", "ADMIN"]) {
      expect(createUserSchema.safeParse({ ...base, role }).success).toBe(true);
    }
    const everything = createUserSchema.safeParse({ name: "", email: "not an email", organisationId: "", password: "short" });
    expect(everything.error?.issues.map((i) => i.path.join("."))).toEqual(["name", "email", "role", "password"]);
  });

  it("refuses a second account with the same email address, whatever its case", async () => {
    const admin = await actorFor(ADMIN);
    const input = createUserSchema.parse({ name: "Copy", email: " Editor@HO.example.gov.uk ", role: "ADMIN", organisationId: "", password: "A-long-enough-password" });
    const outcome = await createUser(admin, input);
    expect(outcome).toEqual({ ok: false, fieldErrors: { email: "An account with this email address already exists" } });
  });

  it("changes role and organisation with a version check, and deactivation signs the person out", async () => {
    const admin = await actorFor(ADMIN);
    const created = await createUser(
      admin,
      createUserSchema.parse({ name: "To Deactivate", email: unique("leaver"), role: "ORG_VIEWER", organisationId: String(await orgId("HO")), password: "A-long-enough-password" }),
    );
    if (!created.ok) throw new Error("create failed");
    const id = created.value.id;

    const changed = await updateUser(admin, updateUserSchema.parse({ id: String(id), version: "1", name: "To Deactivate", role: "CABINET_OFFICE", organisationId: "" }));
    expect(changed.ok).toBe(true);
    expect((await loadActor(id))?.scope).toEqual({ all: true });
    const stale = await expectAppError(updateUser(admin, updateUserSchema.parse({ id: String(id), version: "1", name: "X", role: "ADMIN", organisationId: "" })), "CONFLICT");
    expect(stale.message).toMatch(/changed by someone else/);

    await setUserActive(admin, userStatusSchema.parse({ id: String(id), version: "2", active: "false" }));
    expect(await loadActor(id)).toBeNull();
    const audit = await auditFor("user", String(id), "user.deactivated");
    expect(audit[0]?.before).toMatchObject({ active: true });
    expect(audit[0]?.after).toMatchObject({ active: false });
    expect((await listUsers(admin)).find((u) => u.id === id)?.active).toBe(false);

    await setUserActive(admin, userStatusSchema.parse({ id: String(id), version: "3", active: "true" }));
    expect(await loadActor(id)).not.toBeNull();
  });

  it("will not let an administrator deactivate themselves or change their own role", async () => {
    const admin = await actorFor(ADMIN);
    const self = await testDb().user.findUniqueOrThrow({ where: { id: admin.id }, select: { version: true } });
    await expectAppError(setUserActive(admin, { id: admin.id, version: self.version, active: false }), "INVALID");
    const own = await updateUser(admin, { id: admin.id, version: self.version, name: admin.name, role: "ORG_VIEWER", organisationId: await orgId("HO") });
    expect(own.ok).toBe(false);
    expect(await loadActor(admin.id)).not.toBeNull();
  });

  it("is for administrators only", async () => {
    const editor = await actorFor(EDITOR);
    await expectAppError(listUsers(editor), "FORBIDDEN");
    await expectAppError(listProducers(editor), "FORBIDDEN");
    await expectAppError(updatePolicy(editor, { version: 1, cutOff: "2022-11-24", removalDeadline: "2025-04-30", reclassificationGraceDays: 365, maxExemptionMonths: 36, notSeenDays: 30 }), "FORBIDDEN");
    await expectAppError(listJobs(editor), "FORBIDDEN");
    await expectAppError(getJob(editor, "00000000-0000-0000-0000-000000000000"), "FORBIDDEN");
  });
});

interface BrandCandidate {
  id: number;
  name: string;
  devices: number;
}

/** Status and producer class of the devices labelled with one brand. */
async function statusesOf(brand: string) {
  return testDb().$queryRawUnsafe<{ status: string; producer: string; n: number }[]>(
    `SELECT c.status::text AS status, c.producer::text AS producer, count(*)::int AS n
     FROM devices d JOIN device_compliance c ON c.device_id = d.id WHERE d.brand = $1 GROUP BY 1, 2 ORDER BY 1, 2`,
    brand,
  );
}

describe("admin: producer register", () => {
  it("moving a brand to a producer that is not covered changes its devices' statuses after re-evaluation", async () => {
    const admin = await actorFor(ADMIN);
    const [candidate] = await testDb().$queryRawUnsafe<BrandCandidate[]>(
      `SELECT b.id, b.name, count(d.id)::int AS devices
       FROM brands b JOIN producers p ON p.id = b.producer_id
       JOIN devices d ON d.brand = b.name
       WHERE p.covered AND p.confidence = 'HIGH' AND b.confidence = 'HIGH' AND b.valid_until IS NULL
       GROUP BY b.id, b.name ORDER BY 3 DESC LIMIT 1`,
    );
    expect(candidate).toBeDefined();
    const brand = await getBrand(admin, candidate!.id);
    const target = (await listProducers(admin)).find((p) => !p.covered && p.confidence === "HIGH");
    expect(target).toBeDefined();

    const before = await statusesOf(brand.name);
    const coveredBefore = before.filter((r) => r.producer === "COVERED").reduce((n, r) => n + r.n, 0);
    expect(coveredBefore).toBeGreaterThan(0);

    const form = (producerId: number, version: number) =>
      brandSchema.parse({
        id: String(brand.id),
        version: String(version),
        producerId: String(producerId),
        name: brand.name,
        aliases: brand.aliases.join(", "),
        confidence: brand.confidence,
        validUntil: brand.validUntil ?? "",
        source: brand.source,
        notes: brand.notes ?? "",
      });
    const moved = await saveBrand(admin, form(target!.id, brand.version));
    expect(moved.ok).toBe(true);
    if (!moved.ok) return;
    const job = await reevaluated(moved.value.jobId, `Producer register: brand ${brand.name} changed`);
    expect(job.result?.changed).toBeGreaterThan(0);

    const after = await statusesOf(brand.name);
    const coveredAfter = after.filter((r) => r.producer === "COVERED").reduce((n, r) => n + r.n, 0);
    expect(coveredAfter).toBeLessThan(coveredBefore);
    expect(after).not.toEqual(before);
    const audit = await auditFor("brand", String(brand.id), "register.brand.updated");
    expect(audit[0]?.summary).toContain(`moved from ${brand.producerName} to ${target!.name}`);
    expect((await testDb().auditEvent.count({ where: { action: "compliance.reevaluated", entityId: job.id } }))).toBe(1);

    // A stale form is refused; putting the brand back restores every device's result.
    await expectAppError(saveBrand(admin, form(brand.producerId, brand.version)), "CONFLICT");
    const restored = await saveBrand(admin, form(brand.producerId, brand.version + 1));
    expect(restored.ok).toBe(true);
    if (restored.ok) await reevaluated(restored.value.jobId, `Producer register: brand ${brand.name} changed`);
    expect(await statusesOf(brand.name)).toEqual(before);
  });

  it("refuses a brand whose normalised name is already in the register", async () => {
    const admin = await actorFor(ADMIN);
    const producer = (await listProducers(admin)).find((p) => p.brands.length > 0)!;
    const existing = producer.brands[0]!;
    const spelledDifferently = `${existing.name.toUpperCase().split("").join(" ")}`;
    const outcome = await saveBrand(
      admin,
      brandSchema.parse({ producerId: String(producer.id), name: spelledDifferently, aliases: "", confidence: "LOW", source: "test" }),
    );
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.fieldErrors.name).toContain(existing.name);
  });

  it("a covered producer's model prefix on a non-covered brand's models makes those devices unknown, until it is removed", async () => {
    const admin = await actorFor(ADMIN);
    const [model] = await testDb().$queryRawUnsafe<{ model: string; brand: string; n: number }[]>(
      `SELECT d.model, d.brand, count(*)::int AS n FROM devices d JOIN device_compliance c ON c.device_id = d.id
       WHERE c.producer = 'NOT_COVERED' AND d.model IS NOT NULL GROUP BY 1, 2 ORDER BY 3 DESC, 1 LIMIT 1`,
    );
    expect(model).toBeDefined();
    const producersOf = () =>
      testDb().$queryRawUnsafe<{ producer: string; n: number }[]>(
        `SELECT c.producer::text AS producer, count(*)::int AS n FROM devices d JOIN device_compliance c ON c.device_id = d.id
         WHERE d.model = $1 AND d.brand = $2 GROUP BY 1 ORDER BY 1`,
        model!.model, model!.brand,
      );
    const before = await producersOf();
    expect(before).toEqual([{ producer: "NOT_COVERED", n: model!.n }]);
    const covered = (await listProducers(admin)).find((p) => p.covered && p.confidence === "HIGH" && p.brands.length > 0)!;

    const added = await addModelPrefix(admin, modelPrefixSchema.parse({ producerId: String(covered.id), prefix: model!.model, brand: "", confidence: "" }));
    expect(added.ok).toBe(true);
    expect((await getProducer(admin, covered.id)).modelPrefixes.map((m) => m.prefix)).toContain(model!.model);
    if (added.ok) await reevaluated(added.value.jobId, `Producer register: model prefix ${model!.model} added`);
    expect(await producersOf()).toEqual([{ producer: "UNKNOWN", n: model!.n }]);
    const [stored] = await testDb().$queryRawUnsafe<{ note: string }[]>(
      `SELECT c.producer_note AS note FROM devices d JOIN device_compliance c ON c.device_id = d.id WHERE d.model = $1 AND d.brand = $2 LIMIT 1`,
      model!.model, model!.brand,
    );
    expect(stored?.note).toContain(`follows ${covered.name}'s numbering`);
    if (!added.ok) return;
    expect((await auditFor("model-prefix", String(added.value.id), "register.model-prefix.created"))[0]?.summary).toBe(
      `Added the model prefix ${model!.model} to ${covered.name} in the register`,
    );

    // The same letters and numbers, spelled differently, are the same prefix to the engine.
    const respelled = model!.model.toLowerCase().split("").join(" ");
    const again = await addModelPrefix(admin, modelPrefixSchema.parse({ producerId: String(covered.id), prefix: respelled, brand: "", confidence: "LOW" }));
    expect(again.ok).toBe(false);
    if (!again.ok) expect(again.fieldErrors.prefix).toContain(`model prefix ${model!.model} of ${covered.name}`);
    const strangers = await addModelPrefix(admin, modelPrefixSchema.parse({ producerId: String(covered.id), prefix: "ZZ-TEST", brand: "Not a brand of theirs", confidence: "" }));
    expect(strangers.ok).toBe(false);
    if (!strangers.ok) expect(strangers.fieldErrors.brand).toContain(covered.name);

    const removed = await removeModelPrefix(admin, added.value.id);
    expect(removed).toMatchObject({ producerId: covered.id, prefix: model!.model });
    expect((await auditFor("model-prefix", String(added.value.id), "register.model-prefix.removed"))[0]?.before).toMatchObject({ prefix: model!.model });
    await expectAppError(removeModelPrefix(admin, added.value.id), "NOT_FOUND");
    await reevaluated(removed.jobId, `Producer register: model prefix ${model!.model} removed`);
    expect(await producersOf()).toEqual(before);
  });

  it("reads a model prefix from the form, refusing blanks and prefixes without two letters or numbers", () => {
    const parse = (prefix: string) => modelPrefixSchema.safeParse({ producerId: "1", prefix, brand: "", confidence: "" });
    expect(parse("  DS-2CD ").data).toEqual({ producerId: 1, prefix: "DS-2CD", brand: null, confidence: null });
    expect(parse("").error?.issues.map((i) => i.message)).toEqual(["Enter the model prefix"]);
    expect(parse("D-").error?.issues.map((i) => i.message)).toEqual(["Model prefix must have at least 2 letters or numbers"]);
    expect(modelPrefixSchema.safeParse({ producerId: "1", prefix: "DS", confidence: "SURE" }).error?.issues.map((i) => i.message)).toEqual([
      "Select how confident the register is",
    ]);
  });

  it("edits a producer with an audited before and after", async () => {
    const admin = await actorFor(ADMIN);
    const producer = (await listProducers(admin)).find((p) => !p.covered)!;
    const notes = `Checked ${Math.random().toString(36).slice(2, 8)}`;
    const saved = await updateProducer(
      admin,
      producerSchema.parse({ id: String(producer.id), version: String(producer.version), covered: "no", confidence: producer.confidence, source: producer.source, notes }),
    );
    await reevaluated(saved.jobId, `Producer register: ${producer.name} changed`);
    const reread = await getProducer(admin, producer.id);
    expect(reread.notes).toBe(notes);
    expect(reread.version).toBe(producer.version + 1);
    const audit = await auditFor("producer", String(producer.id), "register.producer.updated");
    expect(audit[0]?.after).toMatchObject({ notes });
    await expectAppError(
      updateProducer(admin, producerSchema.parse({ id: String(producer.id), version: String(producer.version), covered: "yes", confidence: "HIGH", source: "x" })),
      "CONFLICT",
    );
    expect((await getProducer(admin, producer.id)).covered).toBe(false);
  });
});

describe("admin: policy settings", () => {
  it("saves a validated change with an audit trail, refuses a stale version and re-evaluates", async () => {
    const admin = await actorFor(ADMIN);
    const original = await getPolicySettings(admin);

    const invalid = policySchema.safeParse({ version: String(original.version), cutOff: "2025-01-01", removalDeadline: "2024-01-01", reclassificationGraceDays: "30", maxExemptionMonths: "36", notSeenDays: "30" });
    expect(invalid.error?.issues.map((i) => i.path.join("."))).toEqual(["removalDeadline"]);

    const breachesBefore = await testDb().deviceCompliance.count({ where: { status: "BREACH", ruleIds: { has: "R3-REMOVAL" } } });
    const later = policySchema.parse({
      version: String(original.version),
      cutOff: original.cutOff,
      removalDeadline: "2099-12-31",
      reclassificationGraceDays: String(original.reclassificationGraceDays),
      maxExemptionMonths: String(original.maxExemptionMonths),
      notSeenDays: String(original.notSeenDays),
    });
    const saved = await updatePolicy(admin, later);
    expect(saved).toEqual({ changed: true, jobId: expect.any(String) });
    const audit = await auditFor("policy", "1", "policy.updated");
    expect(audit[0]?.before).toMatchObject({ removalDeadline: original.removalDeadline });
    expect(audit[0]?.after).toMatchObject({ removalDeadline: "2099-12-31" });
    expect(audit[0]?.summary).toContain("removal deadline");

    const stale = await expectAppError(updatePolicy(admin, later), "CONFLICT");
    expect(stale.message).toMatch(/changed by someone else/);

    await reevaluated(saved.jobId!, "Policy settings changed");
    const breachesAfter = await testDb().deviceCompliance.count({ where: { status: "BREACH", ruleIds: { has: "R3-REMOVAL" } } });
    if (breachesBefore > 0) expect(breachesAfter).toBeLessThan(breachesBefore);

    const updated = await getPolicySettings(admin);
    expect(updated.updatedBy).toBe(ADMIN);
    const back = await updatePolicy(admin, { ...later, version: updated.version, removalDeadline: original.removalDeadline });
    await reevaluated(back.jobId!, "Policy settings changed");
    expect(await testDb().deviceCompliance.count({ where: { status: "BREACH", ruleIds: { has: "R3-REMOVAL" } } })).toBe(breachesBefore);
  });
});
