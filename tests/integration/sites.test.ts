import { describe, expect, it } from "vitest";
import { actorFor, testDb } from "./helpers";
import { AppError } from "@/lib/auth/errors";
import { archiveSite, createSite, getSite, getSiteRecord, listSites, updateSite } from "@/lib/data/sites";
import { createDevice, recordRemoval } from "@/lib/data/devices";
import { listEntityHistory } from "@/lib/data/audit-log";
import { listSiteDevices } from "@/lib/data/site-devices";
import { todayInLondon } from "@/lib/platform/today";
import { siteFormSchema, siteListQuerySchema } from "@/lib/validation/site";
import { deviceFormSchema, removeDeviceSchema } from "@/lib/validation/device";

const EDITOR = "editor@ho.example.gov.uk";

async function homeOfficeId(): Promise<number> {
  const org = await testDb().organisation.findUniqueOrThrow({ where: { acronym: "HO" }, select: { id: true } });
  return org.id;
}

function siteForm(organisationId: number, overrides: Record<string, string> = {}) {
  return siteFormSchema.parse({
    organisationId: String(organisationId),
    name: `Test site ${Math.random().toString(36).slice(2, 8)}`,
    siteCode: `T-${Math.random().toString(36).slice(2, 10).toUpperCase()}`,
    addressLine1: "2 Marsham Street",
    town: "London",
    postcode: "sw1p 4df",
    sensitivity: "NOT_SENSITIVE",
    ...overrides,
  });
}

async function expectAppError(promise: Promise<unknown>, code: AppError["code"]) {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
}

describe("sites", () => {
  it("lists only the actor's organisations, filtered and paged through the query string", async () => {
    const editor = await actorFor(EDITOR);
    const ho = await homeOfficeId();
    const all = await listSites(editor, siteListQuerySchema.parse({}));
    expect(all.total).toBeGreaterThan(0);
    expect(all.rows.length).toBeLessThanOrEqual(50);
    const inScope = await testDb().site.count({
      where: { organisationId: { in: editor.scope.all ? [] : editor.scope.organisationIds }, archivedAt: null },
    });
    expect(all.total).toBe(inScope);
    const sensitive = await listSites(editor, siteListQuerySchema.parse({ sensitivity: "SENSITIVE", sort: "status", dir: "asc" }));
    expect(sensitive.rows.every((r) => r.sensitivity === "SENSITIVE")).toBe(true);
    const red = await listSites(editor, siteListQuerySchema.parse({ status: "RED" }));
    expect(red.rows.every((r) => r.status === "RED")).toBe(true);
    const first = all.rows[0]!;
    const found = await listSites(editor, siteListQuerySchema.parse({ q: first.siteCode }));
    expect(found.rows.map((r) => r.id)).toContain(first.id);
    expect(ho).toBeGreaterThan(0);
  });

  it("creates a site with its assessment history and an audit event in the same transaction", async () => {
    const editor = await actorFor(EDITOR);
    const ho = await homeOfficeId();
    const input = siteForm(ho, { sensitivity: "SENSITIVE", usedByMinisters: "yes", alwaysSensitive: "yes", highestClassification: "SECRET" });
    const created = await createSite(editor, input);
    expect(created.ok).toBe(true);
    if (!created.ok) return;
    const site = await getSite(editor, created.value.id);
    expect(site.sensitivity).toBe("SENSITIVE");
    expect(site.sensitiveSince).toBeNull();
    expect(site.postcode).toBe("SW1P 4DF");
    expect(site.history).toHaveLength(1);
    expect(site.history[0]).toMatchObject({ sensitivity: "SENSITIVE", usedByMinisters: true, effectiveFrom: todayInLondon() });
    const history = await listEntityHistory(editor, "site", site.id);
    expect(history[0]).toMatchObject({ action: "site.created", actorEmail: EDITOR });
    const duplicate = await createSite(editor, { ...input, name: "Another" });
    expect(duplicate).toEqual({ ok: false, fieldErrors: { siteCode: "A site with this code already exists in this organisation" } });
  });

  it("re-evaluates the site's devices when its sensitivity changes, and records the history", async () => {
    const editor = await actorFor(EDITOR);
    const ho = await homeOfficeId();
    const created = await createSite(editor, siteForm(ho));
    if (!created.ok) throw new Error("site not created");
    const siteId = created.value.id;
    const device = await createDevice(
      editor,
      siteId,
      deviceFormSchema.parse({ kind: "CAMERA", brand: "Hikvision", installedOn: "2023-05-10", network: "SEGREGATED", vendorCloud: "no" }),
    );
    if (!device.ok) throw new Error("device not created");
    const firstDevice = async () => (await listSiteDevices(editor, siteId, { status: null, page: 1 })).rows[0]!;
    expect(await firstDevice()).toMatchObject({ status: "ADVISORY" });
    expect((await firstDevice()).findings.map((f) => f.ruleId)).toEqual(["R4-OUTSIDE-SENSITIVE"]);

    const record = await getSiteRecord(editor, siteId);
    const changed = await updateSite(
      editor,
      siteId,
      siteForm(ho, {
        name: record.name,
        siteCode: record.siteCode,
        sensitivity: "SENSITIVE",
        holdsSecretMaterial: "yes",
        effectiveFrom: "2023-01-01",
        version: String(record.version),
      }),
    );
    expect(changed.ok).toBe(true);
    const site = await getSite(editor, siteId);
    expect(site.sensitiveSince).toBe("2023-01-01");
    expect(site.version).toBe(record.version + 1);
    expect(site.history.map((h) => [h.sensitivity, h.effectiveFrom])).toEqual([
      ["SENSITIVE", "2023-01-01"],
      ["NOT_SENSITIVE", todayInLondon()],
    ]);
    expect((await firstDevice()).status).toBe("BREACH");
    expect((await firstDevice()).findings.map((f) => f.ruleId)).toContain("R1-NEW-DEPLOYMENT");
    expect(site.status).toBe("RED");
    const history = await listEntityHistory(editor, "site", siteId);
    expect(history[0]).toMatchObject({ action: "site.sensitivity-changed" });
    expect(history[0]!.before).toMatchObject({ sensitivity: "NOT_SENSITIVE" });
    expect(history[0]!.after).toMatchObject({ sensitivity: "SENSITIVE", sensitiveSince: "2023-01-01" });
  });

  it("starts sensitive_since on the effective date when the user says the site was not always sensitive", async () => {
    const editor = await actorFor(EDITOR);
    const ho = await homeOfficeId();
    const created = await createSite(editor, siteForm(ho, { sensitivity: "SENSITIVE", socpaDesignated: "yes", alwaysSensitive: "yes" }));
    if (!created.ok) throw new Error("site not created");
    const record = await getSiteRecord(editor, created.value.id);
    expect(record.sensitiveSince).toBeNull();
    const base = { name: record.name, siteCode: record.siteCode, sensitivity: "SENSITIVE", socpaDesignated: "yes", version: String(record.version) };
    // An import row without the column keeps what is recorded.
    expect((await updateSite(editor, record.id, siteForm(ho, { ...base, effectiveFrom: "2024-05-01" }))).ok).toBe(true);
    expect((await getSiteRecord(editor, record.id)).sensitiveSince).toBeNull();
    // The form, with the box unticked, means "sensitive from the effective date".
    const unticked = await updateSite(
      editor,
      record.id,
      siteForm(ho, { ...base, effectiveFrom: "2024-05-01", alwaysSensitiveAsked: "yes", version: String(record.version + 1) }),
    );
    expect(unticked.ok).toBe(true);
    const after = await getSite(editor, record.id);
    expect(after.sensitiveSince).toBe("2024-05-01");
    expect(after.history[0]).toMatchObject({ sensitivity: "SENSITIVE", effectiveFrom: "2024-05-01" });
  });

  it("archives a site only when no device is still on it", async () => {
    const editor = await actorFor(EDITOR);
    const ho = await homeOfficeId();
    const created = await createSite(editor, siteForm(ho));
    if (!created.ok) throw new Error("site not created");
    const siteId = created.value.id;
    const device = await createDevice(editor, siteId, deviceFormSchema.parse({ kind: "CAMERA", brand: "Axis", network: "UNKNOWN" }));
    if (!device.ok) throw new Error("device not created");
    let record = await getSiteRecord(editor, siteId);
    const refused = await archiveSite(editor, siteId, { version: record.version, confirm: true });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.fieldErrors.form).toMatch(/1 device is still on it/);
    const removal = removeDeviceSchema.parse({ removedOn: todayInLondon(), removalEvidence: "Photo of the empty bracket", version: "1" });
    expect((await recordRemoval(editor, device.value.id, removal)).ok).toBe(true);
    record = await getSiteRecord(editor, siteId);
    expect((await archiveSite(editor, siteId, { version: record.version, confirm: true })).ok).toBe(true);
    const archived = await getSiteRecord(editor, siteId);
    expect(archived.archivedAt).not.toBeNull();
    expect(await testDb().site.count({ where: { id: siteId } })).toBe(1);
    const active = await listSites(editor, siteListQuerySchema.parse({ q: archived.siteCode }));
    expect(active.total).toBe(0);
    const inArchive = await listSites(editor, siteListQuerySchema.parse({ q: archived.siteCode, lifecycle: "archived" }));
    expect(inArchive.rows.map((r) => r.id)).toEqual([siteId]);
  });

  it("answers 404 for a site outside the actor's scope and 403 for writes without permission", async () => {
    const hoEditor = await actorFor(EDITOR);
    const mojEditor = await actorFor("editor@moj.example.gov.uk");
    const viewer = await actorFor("viewer@ho.example.gov.uk");
    const minister = await actorFor("private.office@minister.example.gov.uk");
    const ho = await homeOfficeId();
    const hoSite = (await listSites(hoEditor, siteListQuerySchema.parse({}))).rows[0]!;
    await expectAppError(getSite(mojEditor, hoSite.id), "NOT_FOUND");
    await expectAppError(listEntityHistory(mojEditor, "site", hoSite.id), "NOT_FOUND");
    await expectAppError(createSite(viewer, siteForm(ho)), "FORBIDDEN");
    await expectAppError(listSites(minister, siteListQuerySchema.parse({})), "FORBIDDEN");
    const refused = await createSite(mojEditor, siteForm(ho));
    expect(refused).toEqual({ ok: false, fieldErrors: { organisationId: "Select an organisation from the list" } });
    const before = await testDb().site.findUniqueOrThrow({ where: { id: hoSite.id }, select: { version: true, name: true } });
    await expectAppError(
      updateSite(mojEditor, hoSite.id, siteForm(ho, { version: String(before.version) })),
      "NOT_FOUND",
    );
    const after = await testDb().site.findUniqueOrThrow({ where: { id: hoSite.id }, select: { version: true, name: true } });
    expect(after).toEqual(before);
  });
});
