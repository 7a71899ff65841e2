import { describe, expect, it } from "vitest";
import { actorFor, testDb } from "./helpers";
import { AppError } from "@/lib/auth/errors";
import { SITE_STALE_MESSAGE, getSiteRecord, listSites, updateSite } from "@/lib/data/sites";
import { DEVICE_STALE_MESSAGE, getDevice, updateDevice } from "@/lib/data/devices";
import { siteFormSchema, siteListQuerySchema } from "@/lib/validation/site";
import { deviceFormSchema } from "@/lib/validation/device";

describe("two edits from the same version", () => {
  it("save the first and refuse the second with a clear message, leaving the first intact", async () => {
    const editor = await actorFor("editor@ho.example.gov.uk");
    const row = (await listSites(editor, siteListQuerySchema.parse({ sensitivity: "NOT_SENSITIVE" }))).rows[0]!;
    const site = await getSiteRecord(editor, row.id);
    const form = (name: string) =>
      siteFormSchema.parse({
        organisationId: String(site.organisationId),
        name,
        siteCode: site.siteCode,
        addressLine1: site.addressLine1,
        addressLine2: site.addressLine2 ?? "",
        town: site.town,
        postcode: site.postcode,
        uprn: site.uprn ?? "",
        epimsId: site.epimsId ?? "",
        sensitivity: site.sensitivity,
        controlsExtended: site.controlsExtended ? "yes" : "no",
        highestClassification: site.highestClassification ?? "",
        assessedBy: site.assessedBy ?? "",
        assessedOn: site.assessedOn ?? "",
        version: String(site.version),
      });
    const first = await updateSite(editor, site.id, form("First editor's name"));
    expect(first.ok).toBe(true);
    const error = await updateSite(editor, site.id, form("Second editor's name")).then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("CONFLICT");
    expect((error as AppError).message).toBe(SITE_STALE_MESSAGE);
    const after = await getSiteRecord(editor, site.id);
    expect(after).toMatchObject({ name: "First editor's name", version: site.version + 1 });
    const audits = await testDb().auditEvent.count({ where: { entityType: "site", entityId: String(site.id), action: "site.updated" } });
    expect(audits).toBe(1);
  });

  it("refuse a stale device edit the same way", async () => {
    const editor = await actorFor("editor@ho.example.gov.uk");
    const scope = editor.scope.all ? [] : editor.scope.organisationIds;
    const row = await testDb().device.findFirstOrThrow({ where: { organisationId: { in: scope }, lifecycle: "IN_SERVICE" }, select: { id: true } });
    const device = await getDevice(editor, row.id);
    const form = (notes: string) =>
      deviceFormSchema.parse({
        kind: device.kind,
        brand: device.brand,
        network: device.network,
        vendorCloud: device.vendorCloud === null ? "unknown" : device.vendorCloud ? "yes" : "no",
        installedOn: device.installedOn ?? "",
        notes,
        version: String(device.version),
      });
    expect((await updateDevice(editor, device.id, form("first"))).ok).toBe(true);
    const error = await updateDevice(editor, device.id, form("second")).then(() => null, (e: unknown) => e);
    expect((error as AppError).message).toBe(DEVICE_STALE_MESSAGE);
    expect((await getDevice(editor, device.id)).notes).toBe("first");
  });
});
