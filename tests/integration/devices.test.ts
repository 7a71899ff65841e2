import { describe, expect, it } from "vitest";
import { actorFor, testDb } from "./helpers";
import { AppError } from "@/lib/auth/errors";
import { createCameraSystem, getCameraSystem, updateCameraSystem } from "@/lib/data/camera-systems";
import { archiveSite, createSite } from "@/lib/data/sites";
import { createDevice, decommissionDevice, getDevice, moveDevice, recordExemption, recordRemoval, updateDevice } from "@/lib/data/devices";
import { listEntityHistory } from "@/lib/data/audit-log";
import { cameraSystemEditSchema, cameraSystemFormSchema } from "@/lib/validation/camera-system";
import { archiveSiteSchema, siteFormSchema } from "@/lib/validation/site";
import { decommissionDeviceSchema, deviceFormSchema, moveDeviceSchema, removeDeviceSchema } from "@/lib/validation/device";
import { exemptionFormSchema } from "@/lib/validation/exemption";
import { addDays } from "@/lib/compliance/dates";
import { todayInLondon } from "@/lib/platform/today";

const EDITOR = "editor@ho.example.gov.uk";

async function orgId(acronym: string): Promise<number> {
  return (await testDb().organisation.findUniqueOrThrow({ where: { acronym }, select: { id: true } })).id;
}

async function newSite(acronym: string, overrides: Record<string, string> = {}, email = EDITOR): Promise<number> {
  const actor = await actorFor(email);
  const outcome = await createSite(
    actor,
    siteFormSchema.parse({
      organisationId: String(await orgId(acronym)),
      name: `Device test site ${Math.random().toString(36).slice(2, 8)}`,
      siteCode: `D-${Math.random().toString(36).slice(2, 10).toUpperCase()}`,
      addressLine1: "1 Test Street",
      town: "Croydon",
      postcode: "CR0 2EU",
      sensitivity: "NOT_SENSITIVE",
      ...overrides,
    }),
  );
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.fieldErrors));
  return outcome.value.id;
}

const SENSITIVE = { sensitivity: "SENSITIVE", hostsDvStaff: "yes", alwaysSensitive: "yes" };

describe("devices", () => {
  it("shows a covered camera installed after the cut-off on a sensitive site as a breach at once", async () => {
    const editor = await actorFor(EDITOR);
    const siteId = await newSite("HO", SENSITIVE);
    const created = await createDevice(
      editor,
      siteId,
      deviceFormSchema.parse({ kind: "CAMERA", brand: "Hikvision", model: "DS-2CD2143G2", mac: "44-47-cc-12-34-56", installedOn: "2023-06-01", network: "SEGREGATED", vendorCloud: "no" }),
    );
    expect(created.ok).toBe(true);
    if (!created.ok) return;
    const device = await getDevice(editor, created.value.id);
    expect(device.mac).toBe("4447CC123456");
    expect(device.status).toBe("BREACH");
    expect(device.findings[0]).toMatchObject({ ruleId: "R1-NEW-DEPLOYMENT", status: "BREACH" });
    expect(device.findings[0]!.message).toMatch(/1 June 2023/);
    const history = await listEntityHistory(editor, "device", device.id);
    expect(history.map((h) => h.action)).toEqual(["device.created"]);
    expect(history[0]!.after).toMatchObject({ brand: "Hikvision", installedOn: "2023-06-01" });
  });

  it("edits a device with its version and re-evaluates it", async () => {
    const editor = await actorFor(EDITOR);
    const siteId = await newSite("HO");
    const created = await createDevice(editor, siteId, deviceFormSchema.parse({ kind: "CAMERA", brand: "Axis", network: "CORE", vendorCloud: "no" }));
    if (!created.ok) throw new Error("not created");
    expect((await getDevice(editor, created.value.id)).status).toBe("COMPLIANT");
    const edited = await updateDevice(
      editor,
      created.value.id,
      deviceFormSchema.parse({ kind: "CAMERA", brand: "Dahua", network: "CORE", vendorCloud: "no", version: "1" }),
    );
    expect(edited.ok).toBe(true);
    const device = await getDevice(editor, created.value.id);
    expect(device.version).toBe(2);
    expect(device.status).toBe("BREACH");
    expect(device.findings.map((f) => f.ruleId)).toContain("R2-CORE-NETWORK");
    const history = await listEntityHistory(editor, "device", device.id);
    expect(history[0]).toMatchObject({ action: "device.updated", before: { brand: "Axis" }, after: { brand: "Dahua" } });
  });

  it("moves a device as a new deployment at a site in scope, and refuses one outside it", async () => {
    const editor = await actorFor(EDITOR);
    const from = await newSite("HO");
    const to = await newSite("HO", SENSITIVE);
    const created = await createDevice(
      editor,
      from,
      deviceFormSchema.parse({ kind: "CAMERA", brand: "Hikvision", installedOn: "2019-03-01", network: "STANDALONE", vendorCloud: "no" }),
    );
    if (!created.ok) throw new Error("not created");
    expect((await getDevice(editor, created.value.id)).status).toBe("ADVISORY");

    const mojSite = await newSite("MoJ", {}, "editor@moj.example.gov.uk");
    const refused = await moveDevice(editor, created.value.id, moveDeviceSchema.parse({ siteId: String(mojSite), movedOn: "2024-02-01", version: "1" }));
    expect(refused).toEqual({ ok: false, fieldErrors: { siteId: "Select a site from the list" } });

    const moved = await moveDevice(editor, created.value.id, moveDeviceSchema.parse({ siteId: String(to), movedOn: "2024-02-01", version: "1" }));
    expect(moved.ok).toBe(true);
    const device = await getDevice(editor, created.value.id);
    expect(device).toMatchObject({ siteId: to, installedOn: "2024-02-01", status: "BREACH" });
    expect(device.findings[0]!.ruleId).toBe("R1-NEW-DEPLOYMENT");
    const fromCompliance = await testDb().siteCompliance.findUniqueOrThrow({ where: { siteId: from }, select: { devices: true } });
    expect(fromCompliance.devices).toBe(0);
  });

  it("records an exemption, decommissioning and removal, each re-evaluated and audited", async () => {
    const editor = await actorFor(EDITOR);
    const siteId = await newSite("HO", SENSITIVE);
    const created = await createDevice(
      editor,
      siteId,
      deviceFormSchema.parse({ kind: "CAMERA", brand: "Hikvision", installedOn: "2020-01-01", network: "SEGREGATED", vendorCloud: "no" }),
    );
    if (!created.ok) throw new Error("not created");
    const id = created.value.id;
    expect((await getDevice(editor, id)).findings.map((f) => f.ruleId)).toEqual(["R3-REMOVAL"]);

    const exempted = await recordExemption(
      editor,
      id,
      exemptionFormSchema.parse({ justification: "Replacement ordered", approvedBy: "Chief Security Officer", approvedOn: todayInLondon(), expiresOn: addDays(todayInLondon(), 365), version: "1" }),
    );
    expect(exempted.ok).toBe(true);
    let device = await getDevice(editor, id);
    expect(device.status).toBe("ADVISORY");
    expect(device.exemptions).toHaveLength(1);

    expect((await decommissionDevice(editor, id, decommissionDeviceSchema.parse({ decommissionedOn: "2019-12-31", version: "2" }))).ok).toBe(false);
    expect((await decommissionDevice(editor, id, decommissionDeviceSchema.parse({ decommissionedOn: "2024-03-01", version: "2" }))).ok).toBe(true);
    device = await getDevice(editor, id);
    expect(device.lifecycle).toBe("DECOMMISSIONED");

    const removed = await recordRemoval(editor, id, removeDeviceSchema.parse({ removedOn: "2024-04-01", removalEvidence: "Contractor job sheet 1234", version: "3" }));
    expect(removed.ok).toBe(true);
    device = await getDevice(editor, id);
    expect(device).toMatchObject({ lifecycle: "REMOVED", status: "REMOVED", removedOn: "2024-04-01", removalEvidence: "Contractor job sheet 1234" });
    expect(device.findings).toEqual([]);
    const history = await listEntityHistory(editor, "device", id);
    expect(history.map((h) => h.action)).toEqual(["device.removed", "device.decommissioned", "device.exemption-recorded", "device.created"]);
  });

  it("answers 404 for a device outside the actor's scope and leaves it unchanged", async () => {
    const editor = await actorFor(EDITOR);
    const moj = await actorFor("editor@moj.example.gov.uk");
    const siteId = await newSite("HO");
    const created = await createDevice(editor, siteId, deviceFormSchema.parse({ kind: "CAMERA", brand: "Bosch", network: "UNKNOWN" }));
    if (!created.ok) throw new Error("not created");
    const id = created.value.id;
    // One at a time: the embedded database has a single connection.
    for (const attempt of [
      () => getDevice(moj, id),
      () => updateDevice(moj, id, deviceFormSchema.parse({ kind: "CAMERA", brand: "Dahua", network: "CORE", version: "1" })),
      () => recordRemoval(moj, id, removeDeviceSchema.parse({ removedOn: "2024-01-01", removalEvidence: "x", version: "1" })),
      () => createDevice(moj, siteId, deviceFormSchema.parse({ kind: "CAMERA", brand: "Dahua", network: "CORE" })),
    ]) {
      const error = await attempt().then(() => null, (e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe("NOT_FOUND");
    }
    const device = await getDevice(editor, id);
    expect(device).toMatchObject({ brand: "Bosch", version: 1, lifecycle: "IN_SERVICE" });
  });
});

describe("camera systems", () => {
  it("are added to a site in scope, audited, and then take devices", async () => {
    const editor = await actorFor(EDITOR);
    const siteId = await newSite("HO");
    const added = await createCameraSystem(editor, siteId, cameraSystemFormSchema.parse({ name: "  Gatehouse NVR ", description: "Covers the gate" }));
    expect(added.ok).toBe(true);
    if (!added.ok) return;
    expect(await testDb().cameraSystem.findUniqueOrThrow({ where: { id: added.value.id }, select: { name: true, description: true, siteId: true } })).toEqual({
      name: "Gatehouse NVR",
      description: "Covers the gate",
      siteId,
    });
    const audit = await testDb().auditEvent.findMany({ where: { entityType: "camera-system", entityId: String(added.value.id) }, select: { action: true, summary: true, actorEmail: true } });
    expect(audit).toEqual([{ action: "camera-system.created", summary: expect.stringMatching(/^Added the camera system Gatehouse NVR to Device test site /), actorEmail: EDITOR }]);

    const device = await createDevice(editor, siteId, deviceFormSchema.parse({ kind: "CAMERA", brand: "Axis", network: "SEGREGATED", vendorCloud: "no", systemId: String(added.value.id) }));
    expect(device.ok).toBe(true);
    if (device.ok) expect((await getDevice(editor, device.value.id)).systemId).toBe(added.value.id);
  });

  it("refuses a name the site already has, whatever its case, and a blank one", async () => {
    const editor = await actorFor(EDITOR);
    const siteId = await newSite("HO");
    expect((await createCameraSystem(editor, siteId, cameraSystemFormSchema.parse({ name: "Car park" }))).ok).toBe(true);
    const again = await createCameraSystem(editor, siteId, cameraSystemFormSchema.parse({ name: "CAR PARK" }));
    expect(again).toEqual({ ok: false, fieldErrors: { name: "This site already has a camera system called “Car park”: choose another name for “CAR PARK”" } });
    // Another site may use the same name.
    expect((await createCameraSystem(editor, await newSite("HO"), cameraSystemFormSchema.parse({ name: "Car park" }))).ok).toBe(true);
    expect(cameraSystemFormSchema.safeParse({ name: "  " }).error?.issues.map((i) => i.message)).toEqual(["Enter the name of the camera system"]);
    expect(await testDb().cameraSystem.count({ where: { siteId } })).toBe(1);
  });

  it("cannot be added to a site outside the editor's scope, to an archived site, or by a viewer", async () => {
    const mojSite = await newSite("MoJ", {}, "editor@moj.example.gov.uk");
    const hoEditor = await actorFor(EDITOR);
    await expect(createCameraSystem(hoEditor, mojSite, cameraSystemFormSchema.parse({ name: "Nope" }))).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(createCameraSystem(await actorFor("viewer@ho.example.gov.uk"), await newSite("HO"), cameraSystemFormSchema.parse({ name: "Nope" }))).rejects.toMatchObject({ code: "FORBIDDEN" });
    const archived = await newSite("HO");
    const archiving = await archiveSite(hoEditor, archived, archiveSiteSchema.parse({ version: "1", confirm: "yes" }));
    expect(archiving.ok).toBe(true);
    expect(await createCameraSystem(hoEditor, archived, cameraSystemFormSchema.parse({ name: "Late" }))).toEqual({
      ok: false,
      fieldErrors: { form: "This site is archived: camera systems cannot be added to it" },
    });
    expect(await testDb().cameraSystem.count({ where: { siteId: { in: [mojSite, archived] } } })).toBe(0);
  });

  it("are renamed with the version the form was opened at, audited, never to a name the site already has", async () => {
    const editor = await actorFor(EDITOR);
    const siteId = await newSite("HO");
    const add = async (name: string) => {
      const outcome = await createCameraSystem(editor, siteId, cameraSystemFormSchema.parse({ name }));
      if (!outcome.ok) throw new Error(JSON.stringify(outcome.fieldErrors));
      return outcome.value.id;
    };
    const gate = await add("Gate");
    await add("Car park");
    const edit = (version: string, name: string, description = "") => updateCameraSystem(editor, siteId, gate, cameraSystemEditSchema.parse({ version, name, description }));

    expect(await edit("1", "car PARK")).toEqual({ ok: false, fieldErrors: { name: "This site already has a camera system called “Car park”: choose another name for “car PARK”" } });
    expect(await edit("1", "Gatehouse", "The front gate")).toEqual({ ok: true, value: { id: gate, siteId } });
    expect(await getCameraSystem(editor, siteId, gate)).toMatchObject({ name: "Gatehouse", description: "The front gate", version: 2 });
    await expect(edit("1", "Stale")).rejects.toMatchObject({ code: "CONFLICT" });
    expect((await getCameraSystem(editor, siteId, gate)).name).toBe("Gatehouse");
    const audit = await testDb().auditEvent.findMany({ where: { entityType: "camera-system", entityId: String(gate), action: "camera-system.updated" }, select: { summary: true, before: true, after: true } });
    expect(audit).toEqual([
      { summary: expect.stringMatching(/^Renamed the camera system Gate to Gatehouse at /), before: { name: "Gate", description: null }, after: { name: "Gatehouse", description: "The front gate" } },
    ]);

    // Another organisation's editor cannot see it, nor reach it through another site's id.
    const moj = await actorFor("editor@moj.example.gov.uk");
    await expect(getCameraSystem(moj, siteId, gate)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(updateCameraSystem(moj, siteId, gate, cameraSystemEditSchema.parse({ version: "2", name: "Taken over" }))).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getCameraSystem(editor, await newSite("HO"), gate)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await getCameraSystem(editor, siteId, gate)).name).toBe("Gatehouse");
  });
});
