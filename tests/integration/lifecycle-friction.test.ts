// Revoking an exemption before it expires, and removing an empty camera system: each audited,
// scoped to the editor's organisations, refused to viewers, and harmless when sent twice.
import { describe, expect, inject, it } from "vitest";
import { actorFor, testDb } from "./helpers";
import { AppError } from "@/lib/auth/errors";
import { createCameraSystem, getCameraSystem, removeCameraSystem, updateCameraSystem } from "@/lib/data/camera-systems";
import { createSite } from "@/lib/data/sites";
import { createDevice, getDevice, getExemptionToRevoke, recordExemption, recordRemoval, revokeExemption, updateDevice } from "@/lib/data/devices";
import { listEntityHistory } from "@/lib/data/audit-log";
import { addDays } from "@/lib/compliance/dates";
import { todayInLondon } from "@/lib/platform/today";
import { cameraSystemEditSchema, cameraSystemFormSchema, cameraSystemRemoveSchema } from "@/lib/validation/camera-system";
import { deviceFormSchema, deviceEditSchema, removeDeviceSchema } from "@/lib/validation/device";
import { exemptionFormSchema, revokeExemptionSchema } from "@/lib/validation/exemption";
import { siteFormSchema } from "@/lib/validation/site";

const EDITOR = "editor@ho.example.gov.uk";
const MOJ_EDITOR = "editor@moj.example.gov.uk";
const VIEWER = "viewer@ho.example.gov.uk";

async function errorOf(attempt: Promise<unknown>): Promise<AppError> {
  const error = await attempt.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

async function newSite(acronym: string, sensitive = true): Promise<number> {
  const editor = await actorFor(acronym === "HO" ? EDITOR : MOJ_EDITOR);
  const organisation = await testDb().organisation.findUniqueOrThrow({ where: { acronym }, select: { id: true } });
  const outcome = await createSite(
    editor,
    siteFormSchema.parse({
      organisationId: String(organisation.id),
      name: `Lifecycle test site ${Math.random().toString(36).slice(2, 8)}`,
      siteCode: `LC-${Math.random().toString(36).slice(2, 10).toUpperCase()}`,
      addressLine1: "1 Test Street",
      town: "Croydon",
      postcode: "CR0 2EU",
      ...(sensitive ? { sensitivity: "SENSITIVE", hostsDvStaff: "yes", alwaysSensitive: "yes" } : { sensitivity: "NOT_SENSITIVE" }),
    }),
  );
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.fieldErrors));
  return outcome.value.id;
}

/** The date fields as the form posts them. */
function dateFields(name: string, iso: string): Record<string, string> {
  const [year = "", month = "", day = ""] = iso.split("-");
  return { [`${name}-day`]: String(Number(day)), [`${name}-month`]: String(Number(month)), [`${name}-year`]: year };
}

/** A covered camera on a sensitive site, past the removal deadline (a breach), with an exemption in force. */
async function exemptedDevice(): Promise<{ deviceId: number; exemptionId: number; version: number }> {
  const editor = await actorFor(EDITOR);
  const siteId = await newSite("HO");
  const created = await createDevice(
    editor,
    siteId,
    deviceFormSchema.parse({ kind: "CAMERA", brand: "Hikvision", ...dateFields("installedOn", "2020-01-01"), network: "SEGREGATED", vendorCloud: "no" }),
  );
  if (!created.ok) throw new Error(JSON.stringify(created.fieldErrors));
  const deviceId = created.value.id;
  const today = todayInLondon();
  const exempted = await recordExemption(
    editor,
    deviceId,
    exemptionFormSchema.parse({
      justification: "Replacement ordered",
      approvedBy: "Chief Security Officer",
      ...dateFields("approvedOn", today),
      ...dateFields("expiresOn", addDays(today, 180)),
      version: "1",
    }),
  );
  if (!exempted.ok) throw new Error(JSON.stringify(exempted.fieldErrors));
  const exemption = await testDb().exemption.findUniqueOrThrow({ where: { id: exempted.value.id }, select: { version: true } });
  return { deviceId, exemptionId: exempted.value.id, version: exemption.version };
}

const revoke = (reason: string, version: number) => revokeExemptionSchema.parse({ reason, version: String(version) });

describe("revoking an exemption", () => {
  it("ends it at once: the device is re-evaluated in the same change, and the reason is audited", async () => {
    const editor = await actorFor(EDITOR);
    const { deviceId, exemptionId, version } = await exemptedDevice();
    const before = await getDevice(editor, deviceId);
    expect(before.status).toBe("ADVISORY");
    expect(before.activeExemption?.id).toBe(exemptionId);

    const outcome = await revokeExemption(editor, deviceId, exemptionId, revoke("Reconnected to the core network by the contractor", version));
    expect(outcome).toEqual({ ok: true, value: { id: exemptionId } });

    const after = await getDevice(editor, deviceId);
    expect(after.status).toBe("BREACH");
    expect(after.findings.map((f) => f.ruleId)).toEqual(["R3-REMOVAL"]);
    expect(after.activeExemption).toBeNull();
    expect(after.exemptions).toEqual([expect.objectContaining({ id: exemptionId, revoked: true })]);
    expect(after.version).toBe(before.version + 1);
    // The stored result the dashboards read changed with it, and so did the site's roll-up.
    const stored = await testDb().deviceCompliance.findUniqueOrThrow({ where: { deviceId }, select: { status: true } });
    expect(stored.status).toBe("BREACH");
    const site = await testDb().siteCompliance.findUniqueOrThrow({ where: { siteId: after.siteId }, select: { status: true } });
    expect(site.status).toBe("RED");

    const history = await listEntityHistory(editor, "device", deviceId);
    expect(history[0]).toMatchObject({
      action: "device.exemption-revoked",
      actorEmail: EDITOR,
      before: { exemptionId, approvedBy: "Chief Security Officer", expiresOn: before.activeExemption?.expiresOn },
      after: { exemptionId, reason: "Reconnected to the core network by the contractor", revokedOn: todayInLondon() },
    });
  });

  it("is harmless when the same revocation arrives again: nothing changes and nothing more is audited", async () => {
    const editor = await actorFor(EDITOR);
    const { deviceId, exemptionId, version } = await exemptedDevice();
    expect((await revokeExemption(editor, deviceId, exemptionId, revoke("Withdrawn", version))).ok).toBe(true);
    const device = await getDevice(editor, deviceId);
    const audits = await testDb().auditEvent.count({ where: { entityType: "device", entityId: String(deviceId) } });

    const again = await revokeExemption(editor, deviceId, exemptionId, revoke("Withdrawn", version));
    expect(again).toEqual({ ok: false, fieldErrors: { form: "This exemption has already been revoked" } });
    expect(await testDb().auditEvent.count({ where: { entityType: "device", entityId: String(deviceId) } })).toBe(audits);
    expect((await getDevice(editor, deviceId)).version).toBe(device.version);
    await expect(getExemptionToRevoke(editor, deviceId)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("answers 404 for another organisation's device, and for an exemption of another device, leaving both as they were", async () => {
    const moj = await actorFor(MOJ_EDITOR);
    const editor = await actorFor(EDITOR);
    const { deviceId, exemptionId, version } = await exemptedDevice();
    const other = await exemptedDevice();
    expect((await errorOf(revokeExemption(moj, deviceId, exemptionId, revoke("Not mine", version)))).code).toBe("NOT_FOUND");
    expect((await errorOf(getExemptionToRevoke(moj, deviceId))).code).toBe("NOT_FOUND");
    expect((await errorOf(revokeExemption(editor, other.deviceId, exemptionId, revoke("Wrong device", version)))).code).toBe("NOT_FOUND");
    const device = await getDevice(editor, deviceId);
    expect(device.activeExemption?.id).toBe(exemptionId);
    expect(device.status).toBe("ADVISORY");
    expect((await getDevice(editor, other.deviceId)).activeExemption?.id).toBe(other.exemptionId);
  });

  it("is refused to a viewer", async () => {
    const viewer = await actorFor(VIEWER);
    const { deviceId, exemptionId, version } = await exemptedDevice();
    expect((await errorOf(revokeExemption(viewer, deviceId, exemptionId, revoke("Viewer", version)))).code).toBe("FORBIDDEN");
    expect((await errorOf(getExemptionToRevoke(viewer, deviceId))).code).toBe("FORBIDDEN");
    expect((await getDevice(viewer, deviceId)).activeExemption?.id).toBe(exemptionId);
  });

  it("refuses a form opened at an older version of the exemption", async () => {
    const editor = await actorFor(EDITOR);
    const { deviceId, exemptionId, version } = await exemptedDevice();
    expect((await errorOf(revokeExemption(editor, deviceId, exemptionId, revoke("Stale", version + 1)))).code).toBe("CONFLICT");
    expect((await getDevice(editor, deviceId)).activeExemption?.id).toBe(exemptionId);
  });

  it("has nothing to revoke once the exemption has expired", async () => {
    const editor = await actorFor(EDITOR);
    const { deviceId } = await exemptedDevice();
    const expired = await recordExemption(
      editor,
      deviceId,
      exemptionFormSchema.parse({
        justification: "Short trial",
        approvedBy: "Chief Security Officer",
        ...dateFields("approvedOn", "2024-01-01"),
        ...dateFields("expiresOn", "2024-06-30"),
        version: String((await getDevice(editor, deviceId)).version),
      }),
    );
    if (!expired.ok) throw new Error(JSON.stringify(expired.fieldErrors));
    const device = await getDevice(editor, deviceId);
    // The newest exemption is the one the rules read, and it has expired.
    expect(device.activeExemption).toBeNull();
    expect(device.status).toBe("BREACH");
    await expect(getExemptionToRevoke(editor, deviceId)).rejects.toMatchObject({ code: "NOT_FOUND" });
    const version = (await testDb().exemption.findUniqueOrThrow({ where: { id: expired.value.id }, select: { version: true } })).version;
    expect(await revokeExemption(editor, deviceId, expired.value.id, revoke("Too late", version))).toEqual({
      ok: false,
      fieldErrors: { form: "This exemption has already expired: there is nothing to revoke" },
    });
  });

  it("needs a reason, of a sensible length and without control characters", () => {
    const messages = (reason: string) => revokeExemptionSchema.safeParse({ reason, version: "1" }).error?.issues.map((i) => i.message);
    expect(messages("   ")).toEqual(["Enter the reason for revoking the exemption"]);
    expect(messages("x".repeat(1001))).toEqual(["Reason must be 1000 characters or fewer"]);
    expect(messages(`Withdrawn\u0000`)?.[0]).toMatch(/^Reason must not contain control characters/);
    expect(messages("x".repeat(1000))).toBeUndefined();
  });
});

/** A camera system's audit events, newest first (the record history pages show sites and devices). */
async function systemEvents(id: number) {
  return testDb().auditEvent.findMany({
    where: { entityType: "camera-system", entityId: String(id) },
    orderBy: [{ at: "desc" }, { id: "desc" }],
    select: { action: true, before: true, actorEmail: true },
  });
}

describe("removing a camera system", () => {
  async function systemOn(siteId: number, name = `NVR ${Math.random().toString(36).slice(2, 8)}`) {
    const editor = await actorFor(EDITOR);
    const created = await createCameraSystem(editor, siteId, cameraSystemFormSchema.parse({ name }));
    if (!created.ok) throw new Error(JSON.stringify(created.fieldErrors));
    return created.value.id;
  }

  it("removes an empty system, audited, and it is then gone", async () => {
    const editor = await actorFor(EDITOR);
    const siteId = await newSite("HO", false);
    const id = await systemOn(siteId, "Empty gatehouse NVR");
    expect((await getCameraSystem(editor, siteId, id)).deviceCount).toBe(0);

    expect(await removeCameraSystem(editor, siteId, id, cameraSystemRemoveSchema.parse({ version: "1" }))).toEqual({ ok: true, value: { id, siteId } });
    expect(await testDb().cameraSystem.findUnique({ where: { id }, select: { id: true } })).toBeNull();
    expect(await systemEvents(id)).toEqual([
      { action: "camera-system.removed", actorEmail: EDITOR, before: { siteId, name: "Empty gatehouse NVR", description: null } },
      expect.objectContaining({ action: "camera-system.created" }),
    ]);
    // Sent again, the system is simply not there: 404, and nothing more is audited.
    expect((await errorOf(removeCameraSystem(editor, siteId, id, cameraSystemRemoveSchema.parse({ version: "1" })))).code).toBe("NOT_FOUND");
    expect(await systemEvents(id)).toHaveLength(2);
  });

  it("refuses a system that holds devices, even removed ones, with a message saying what to do", async () => {
    const editor = await actorFor(EDITOR);
    const siteId = await newSite("HO", false);
    const id = await systemOn(siteId, "Car park NVR");
    const device = await createDevice(editor, siteId, deviceFormSchema.parse({ kind: "CAMERA", brand: "Axis", network: "SEGREGATED", vendorCloud: "no", systemId: String(id) }));
    if (!device.ok) throw new Error(JSON.stringify(device.fieldErrors));
    expect((await getCameraSystem(editor, siteId, id)).deviceCount).toBe(1);

    const refused = {
      ok: false,
      fieldErrors: { form: "The camera system Car park NVR cannot be removed because it has 1 device recorded in it. Change each device's camera system first." },
    };
    expect(await removeCameraSystem(editor, siteId, id, cameraSystemRemoveSchema.parse({ version: "1" }))).toEqual(refused);

    // A removed device still names its system in the record, so the system stays.
    const removed = await recordRemoval(editor, device.value.id, removeDeviceSchema.parse({ ...dateFields("removedOn", todayInLondon()), removalEvidence: "Job sheet 9", version: "1" }));
    expect(removed.ok).toBe(true);
    expect(await removeCameraSystem(editor, siteId, id, cameraSystemRemoveSchema.parse({ version: "1" }))).toEqual(refused);
    expect(await testDb().cameraSystem.findUnique({ where: { id }, select: { name: true } })).toEqual({ name: "Car park NVR" });
    expect((await systemEvents(id)).map((e) => e.action)).toEqual(["camera-system.created"]);
  });

  it("answers 404 to another organisation's editor and 403 to a viewer, and refuses a stale version", async () => {
    const editor = await actorFor(EDITOR);
    const siteId = await newSite("HO", false);
    const id = await systemOn(siteId);
    const form = (version: number) => cameraSystemRemoveSchema.parse({ version: String(version) });
    expect((await errorOf(removeCameraSystem(await actorFor(MOJ_EDITOR), siteId, id, form(1)))).code).toBe("NOT_FOUND");
    expect((await errorOf(removeCameraSystem(await actorFor(VIEWER), siteId, id, form(1)))).code).toBe("FORBIDDEN");
    expect((await errorOf(removeCameraSystem(editor, await newSite("HO", false), id, form(1)))).code).toBe("NOT_FOUND");
    const renamed = await updateCameraSystem(editor, siteId, id, cameraSystemEditSchema.parse({ name: "Renamed meanwhile", version: "1" }));
    expect(renamed.ok).toBe(true);
    expect((await errorOf(removeCameraSystem(editor, siteId, id, form(1)))).code).toBe("CONFLICT");
    expect(await testDb().cameraSystem.findUnique({ where: { id }, select: { name: true } })).toEqual({ name: "Renamed meanwhile" });
  });

  // One connection serves the embedded database, so two transactions can only meet on a server.
  it.skipIf(inject("embedded"))("a device put in a system while it is being removed finds it gone, rather than failing", async () => {
    const editor = await actorFor(EDITOR);
    const siteId = await newSite("HO", false);
    const id = await systemOn(siteId);
    const deviceId = (await createDevice(editor, siteId, deviceFormSchema.parse({ kind: "CAMERA", brand: "Axis", network: "SEGREGATED", vendorCloud: "no" })));
    if (!deviceId.ok) throw new Error("not created");
    let adding: Promise<unknown> = Promise.resolve();
    let moving: Promise<unknown> = Promise.resolve();
    // The removal, by hand: lock the system as removeCameraSystem does, let the device changes
    // start, then delete it and commit.
    await testDb().$transaction(async (tx) => {
      await tx.$queryRaw`SELECT id FROM camera_systems WHERE id = ${id} FOR UPDATE`;
      adding = createDevice(editor, siteId, deviceFormSchema.parse({ kind: "CAMERA", brand: "Axis", network: "SEGREGATED", vendorCloud: "no", systemId: String(id) }));
      moving = updateDevice(editor, deviceId.value.id, deviceEditSchema.parse({ kind: "CAMERA", brand: "Axis", network: "SEGREGATED", vendorCloud: "no", systemId: String(id), version: "1" }));
      await new Promise((resolve) => setTimeout(resolve, 500));
      await tx.$executeRaw`DELETE FROM camera_systems WHERE id = ${id}`;
    });
    expect(await adding).toEqual({ ok: false, fieldErrors: { systemId: "Select a camera system from the list" } });
    expect(await moving).toEqual({ ok: false, fieldErrors: { systemId: "Select a camera system from the list" } });
  });
});
