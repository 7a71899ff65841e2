import { beforeAll, describe, expect, it } from "vitest";
import * as devicesRoute from "@/app/api/v1/devices/route";
import * as deviceRoute from "@/app/api/v1/devices/[id]/route";
import * as findingsRoute from "@/app/api/v1/devices/[id]/findings/route";
import * as moveRoute from "@/app/api/v1/devices/[id]/move/route";
import * as decommissionRoute from "@/app/api/v1/devices/[id]/decommission/route";
import * as removalRoute from "@/app/api/v1/devices/[id]/removal/route";
import * as exemptionRoute from "@/app/api/v1/devices/[id]/exemption/route";
import * as revokeRoute from "@/app/api/v1/devices/[id]/exemption/revoke/route";
import * as siteDevicesRoute from "@/app/api/v1/sites/[id]/devices/route";
import type { Actor } from "@/lib/auth/actor";
import { assessDevice, DEFAULT_POLICY, quotePoint } from "@/lib/compliance";
import { actorFor, testDb } from "./helpers";
import { callRoute, tokenFor } from "../support/api-call";

// Devices through the API's route handlers on the real, seeded database and the real rules
// engine: the same data functions and form schemas as the device pages.

type Problem = { status: number; detail: string; errors?: { pointer?: string; parameter?: string; detail: string }[] };
type Finding = { ruleId: string; status: string; title: string; message: string; directive: string | null };
type Device = {
  id: number; siteId: number; brand: string; notes: string | null; version: number; lifecycle: string; status: string | null; serial: string | null;
  findings: Finding[]; activeExemption: { id: number } | null; exemptions: unknown[];
};

let hoEditor: Actor;
let hoViewer: Actor;
let editorToken: string;
let viewerToken: string;
let sensitiveSite: number;
let otherHoSite: number;
let mojDevice: number;

const CAMERA = { kind: "CAMERA", brand: "Hikvision", model: "DS-2CD2143G2-I", serial: "API-DEV-1", assetTag: "API-AT-1", mac: "44:47:CC:00:AA:01", installedOn: "2024-01-10", network: "SEGREGATED", vendorCloud: false };

const counts = async () => ({
  devices: await testDb().device.count(),
  audit: await testDb().auditEvent.count(),
  exemptions: await testDb().exemption.count(),
});

async function create(body: unknown, token = editorToken, site = sensitiveSite) {
  return callRoute(siteDevicesRoute.POST, { method: "POST", path: `/api/v1/sites/${site}/devices`, token, body, params: { id: String(site) } });
}

function post(handler: typeof moveRoute.POST, path: string, id: number, body: unknown, etag: string | null, token = editorToken) {
  return callRoute(handler, { method: "POST", path: `/api/v1/devices/${id}/${path}`, token, body, params: { id: String(id) }, headers: etag ? { "If-Match": etag } : {} });
}

beforeAll(async () => {
  hoEditor = await actorFor("editor@ho.example.gov.uk");
  hoViewer = await actorFor("viewer@ho.example.gov.uk");
  editorToken = await tokenFor(hoEditor);
  viewerToken = await tokenFor(hoViewer, "READ");
  const sites = await testDb().site.findMany({
    where: { organisationId: hoEditor.organisationId!, archivedAt: null },
    orderBy: { id: "asc" },
    select: { id: true, sensitivity: true, sensitiveSince: true },
  });
  sensitiveSite = sites.find((s) => s.sensitivity === "SENSITIVE" && (s.sensitiveSince === null || s.sensitiveSince < new Date("2020-01-01")))!.id;
  otherHoSite = sites.find((s) => s.id !== sensitiveSite)!.id;
  const moj = await actorFor("editor@moj.example.gov.uk");
  mojDevice = (await testDb().device.findFirstOrThrow({ where: { organisationId: moj.organisationId!, lifecycle: "IN_SERVICE" }, select: { id: true } })).id;
});

describe("a device created through the API", () => {
  let id: number;
  let etag: string;

  it("is added to the site and answered 201 with Location, ETag and the engine's findings: a Hikvision camera installed on a sensitive site after the cut-off is in breach", async () => {
    const before = await counts();
    const created = await create(CAMERA);
    expect(created.status).toBe(201);
    const device = created.json as Device;
    id = device.id;
    etag = created.headers.get("etag")!;
    expect(created.headers.get("location")).toBe(`/api/v1/devices/${id}`);
    expect(etag).toBe(`"${device.version}"`);
    expect(device.status).toBe("BREACH");
    const r1 = device.findings.find((f) => f.ruleId === "R1-NEW-DEPLOYMENT")!;
    expect(r1.status).toBe("BREACH");
    expect(r1.directive).toBe(quotePoint(1));
    // The engine's own words for these facts.
    const expected = assessDevice(
      { producer: "COVERED", installedOn: "2024-01-10", network: "SEGREGATED", vendorCloud: false, lifecycle: "IN_SERVICE", site: { sensitivity: "SENSITIVE", sensitiveSince: null, controlsExtended: false }, exemption: null },
      "2026-01-01",
      DEFAULT_POLICY,
    ).findings.find((f) => f.ruleId === "R1-NEW-DEPLOYMENT")!;
    expect(r1.message).toBe(expected.message);
    expect(await counts()).toMatchObject({ devices: before.devices + 1 });
    const audit = await testDb().auditEvent.findFirst({ where: { entityType: "device", entityId: String(id), action: "device.created" }, select: { actorId: true } });
    expect(audit?.actorId).toBe(hoEditor.id);
  });

  it("reads back with its ETag, findings and the page's stored status", async () => {
    const read = await callRoute(deviceRoute.GET, { path: `/api/v1/devices/${id}`, token: viewerToken, params: { id: String(id) } });
    expect(read.status).toBe(200);
    expect(read.headers.get("etag")).toBe(etag);
    const stored = await testDb().deviceCompliance.findUniqueOrThrow({ where: { deviceId: id }, select: { status: true } });
    expect((read.json as Device).status).toBe(stored.status);
    const findings = await callRoute(findingsRoute.GET, { path: `/api/v1/devices/${id}/findings`, token: viewerToken, params: { id: String(id) } });
    expect(findings.status).toBe(200);
    expect((findings.json as { findings: Finding[] }).findings).toEqual((read.json as Device).findings);
  });

  it("is not made twice by a replayed create: the serial number is taken (422), nothing written", async () => {
    const before = await counts();
    const again = await create(CAMERA);
    expect(again.status).toBe(422);
    expect((again.json as Problem).errors?.[0]?.pointer).toMatch(/^#\/(serial|assetTag)$/);
    expect(await counts()).toEqual(before);
  });

  it("refuses wrong types, NUL bytes, unknown fields and oversized bodies, naming each field, writing nothing", async () => {
    const before = await counts();
    const cases: [unknown, string][] = [
      [{ ...CAMERA, serial: "X-1", assetTag: "X-1", brand: "Hik\u0000vision" }, "#/brand"],
      [{ ...CAMERA, serial: "X-2", assetTag: "X-2", brand: { name: "Hikvision" } }, "#/brand"],
      [{ ...CAMERA, serial: "X-3", assetTag: "X-3", lifecycle: "REMOVED" }, "#/lifecycle"],
      [{ ...CAMERA, serial: "X-4", assetTag: "X-4", installedOn: "2099-01-01" }, "#/installedOn"],
      [{ ...CAMERA, serial: "X-5", assetTag: "X-5", mac: "not a mac" }, "#/mac"],
      [{ ...CAMERA, serial: "X-6", assetTag: "X-6", systemId: 999999 }, "#/systemId"],
      [{ serial: "X-7" }, "#/kind"],
    ];
    for (const [body, pointer] of cases) {
      const refused = await create(body);
      expect(refused.status, JSON.stringify(body)).toBe(422);
      expect((refused.json as Problem).errors?.map((e) => e.pointer)).toContain(pointer);
    }
    const big = await callRoute(siteDevicesRoute.POST, {
      method: "POST", path: `/api/v1/sites/${sensitiveSite}/devices`, token: editorToken, params: { id: String(sensitiveSite) },
      rawBody: JSON.stringify({ ...CAMERA, notes: "x".repeat(2 * 1024 * 1024) }), headers: { "Content-Type": "application/json" },
    });
    expect(big.status).toBe(413);
    expect(await counts()).toEqual(before);
  });

  it("changes with PATCH at the version named by If-Match: 428 without it, 412 when stale, the body merged over the record", async () => {
    const patch = (headers: Record<string, string>, body: unknown = { notes: "Checked on site" }) =>
      callRoute(deviceRoute.PATCH, { method: "PATCH", path: `/api/v1/devices/${id}`, token: editorToken, body, params: { id: String(id) }, headers });
    const before = await counts();
    expect((await patch({})).status).toBe(428);
    expect((await patch({ "If-Match": '"999"' })).status).toBe(412);
    expect((await patch({ "If-Match": "W/\"1\"" })).status).toBe(400);
    expect(await counts()).toEqual(before);
    const changed = await patch({ "If-Match": etag });
    expect(changed.status).toBe(200);
    const device = changed.json as Device;
    expect(device.notes).toBe("Checked on site");
    expect(device.brand).toBe("Hikvision");
    expect(device.serial).toBe("API-DEV-1");
    expect(changed.headers.get("etag")).toBe(`"${device.version}"`);
    expect(changed.headers.get("etag")).not.toBe(etag);
    // The old ETag is now stale.
    expect((await patch({ "If-Match": etag }, { notes: "again" })).status).toBe(412);
    etag = changed.headers.get("etag")!;
  });

  it("records an exemption and revokes it, as the device's page does", async () => {
    const exempted = await post(exemptionRoute.POST, "exemption", id, { justification: "Replacement ordered", approvedBy: "Head of Security", approvedOn: "2025-06-01", expiresOn: "2025-06-02" }, etag);
    expect(exempted.status).toBe(200);
    expect((exempted.json as Device).exemptions).toHaveLength(1);
    etag = exempted.headers.get("etag")!;
    const tooLong = await post(exemptionRoute.POST, "exemption", id, { justification: "x", approvedBy: "y", approvedOn: "2025-06-01", expiresOn: "2040-01-01" }, etag);
    expect(tooLong.status).toBe(422);
    expect((tooLong.json as Problem).errors?.[0]?.pointer).toBe("#/expiresOn");
    // Expired already, so there is nothing to revoke.
    const revoke = await post(revokeRoute.POST, "exemption/revoke", id, { reason: "No longer needed" }, etag);
    expect(revoke.status).toBe(404);
    const today = new Date().toISOString().slice(0, 10);
    const next = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    const current = await post(exemptionRoute.POST, "exemption", id, { justification: "Replacement ordered", approvedBy: "Head of Security", approvedOn: today, expiresOn: next }, etag);
    expect(current.status).toBe(200);
    expect((current.json as Device).activeExemption).not.toBeNull();
    expect((await post(revokeRoute.POST, "exemption/revoke", id, { reason: "Withdrawn" }, etag)).status).toBe(412);
    etag = current.headers.get("etag")!;
    const revoked = await post(revokeRoute.POST, "exemption/revoke", id, { reason: "Withdrawn" }, etag);
    expect(revoked.status).toBe(200);
    expect((revoked.json as Device).activeExemption).toBeNull();
    etag = revoked.headers.get("etag")!;
  });

  it("moves, is decommissioned and its removal is recorded, each with If-Match; then it can no longer be changed", async () => {
    expect((await post(moveRoute.POST, "move", id, { siteId: otherHoSite, movedOn: "2025-01-01" }, null)).status).toBe(428);
    const moved = await post(moveRoute.POST, "move", id, { siteId: otherHoSite, movedOn: "2025-01-01" }, etag);
    expect(moved.status).toBe(200);
    expect((moved.json as Device).siteId).toBe(otherHoSite);
    etag = moved.headers.get("etag")!;
    const early = await post(decommissionRoute.POST, "decommission", id, { decommissionedOn: "2024-12-01" }, etag);
    expect(early.status).toBe(422);
    expect((early.json as Problem).errors?.[0]?.pointer).toBe("#/decommissionedOn");
    const off = await post(decommissionRoute.POST, "decommission", id, { decommissionedOn: "2025-02-01" }, etag);
    expect(off.status).toBe(200);
    expect((off.json as Device).lifecycle).toBe("DECOMMISSIONED");
    etag = off.headers.get("etag")!;
    expect((await post(decommissionRoute.POST, "decommission", id, { decommissionedOn: "2025-02-01" }, etag)).status).toBe(409);
    const removed = await post(removalRoute.POST, "removal", id, { removedOn: "2025-03-01", removalEvidence: "Disposal certificate 42" }, etag);
    expect(removed.status).toBe(200);
    expect((removed.json as Device).status).toBe("REMOVED");
    etag = removed.headers.get("etag")!;
    const patched = await callRoute(deviceRoute.PATCH, { method: "PATCH", path: `/api/v1/devices/${id}`, token: editorToken, body: { notes: "late" }, params: { id: String(id) }, headers: { "If-Match": etag } });
    expect(patched.status).toBe(409);
  });

  it("lists in id order with the site page's filters, a page at a time", async () => {
    const first = await callRoute(devicesRoute.GET, { path: `/api/v1/devices?siteId=${otherHoSite}&limit=2`, token: viewerToken });
    expect(first.status).toBe(200);
    const page = first.json as { items: Device[]; nextCursor: string | null };
    expect(page.items.map((d) => d.id)).toEqual([...page.items.map((d) => d.id)].sort((a, b) => a - b));
    expect(page.items.every((d) => d.siteId === otherHoSite)).toBe(true);
    const removed = await callRoute(devicesRoute.GET, { path: `/api/v1/devices?siteId=${otherHoSite}&status=REMOVED&lifecycle=REMOVED&limit=500`, token: viewerToken });
    expect((removed.json as { items: Device[] }).items.map((d) => d.id)).toContain(id);
    const breach = await callRoute(devicesRoute.GET, { path: `/api/v1/devices?status=BREACH&limit=5`, token: viewerToken });
    expect((breach.json as { items: Device[] }).items.every((d) => d.status === "BREACH")).toBe(true);
    const bad = await callRoute(devicesRoute.GET, { path: `/api/v1/devices?status=RED`, token: viewerToken });
    expect(bad.status).toBe(400);
    expect((bad.json as Problem).errors?.[0]?.parameter).toBe("status");
    // Another department's devices are not listed.
    const moj = await callRoute(devicesRoute.GET, { path: `/api/v1/devices?organisationId=${(await testDb().device.findUniqueOrThrow({ where: { id: mojDevice }, select: { organisationId: true } })).organisationId}`, token: viewerToken });
    expect((moj.json as { items: Device[] }).items).toEqual([]);
  });
});

describe("a device's history through the API", () => {
  it("audits each change under the token's owner, as the pages audit them", async () => {
    const created = await create({ ...CAMERA, serial: "API-AUDIT-1", assetTag: "API-AUDIT-1", mac: null });
    expect(created.status).toBe(201);
    const id = (created.json as Device).id;
    let etag = created.headers.get("etag")!;
    const step = async (response: Awaited<ReturnType<typeof callRoute>>) => {
      expect(response.status, JSON.stringify(response.json)).toBe(200);
      etag = response.headers.get("etag")!;
    };
    await step(await callRoute(deviceRoute.PATCH, { method: "PATCH", path: `/api/v1/devices/${id}`, token: editorToken, body: { network: "CORE" }, params: { id: String(id) }, headers: { "If-Match": etag } }));
    const today = new Date().toISOString().slice(0, 10);
    await step(await post(exemptionRoute.POST, "exemption", id, { justification: "Awaiting replacement", approvedBy: "Head of Security", approvedOn: today, expiresOn: today }, etag));
    await step(await post(revokeRoute.POST, "exemption/revoke", id, { reason: "Replaced early" }, etag));
    await step(await post(moveRoute.POST, "move", id, { siteId: otherHoSite, movedOn: today }, etag));
    await step(await post(decommissionRoute.POST, "decommission", id, { decommissionedOn: today }, etag));
    await step(await post(removalRoute.POST, "removal", id, { removedOn: today, removalEvidence: "Disposal note 7" }, etag));
    const audit = await testDb().auditEvent.findMany({ where: { entityType: "device", entityId: String(id) }, orderBy: { id: "asc" }, select: { action: true, actorId: true } });
    expect(audit.map((a) => a.action)).toEqual([
      "device.created", "device.updated", "device.exemption-recorded", "device.exemption-revoked", "device.moved", "device.decommissioned", "device.removed",
    ]);
    expect(new Set(audit.map((a) => a.actorId))).toEqual(new Set([hoEditor.id]));
  });

  it("refuses every action at a stale If-Match with 412, writing nothing", async () => {
    const device = await testDb().device.findFirstOrThrow({ where: { organisationId: hoEditor.organisationId!, lifecycle: "IN_SERVICE" }, orderBy: { id: "asc" }, select: { id: true, version: true } });
    const stale = `"${device.version + 1}"`;
    const before = await counts();
    const today = new Date().toISOString().slice(0, 10);
    const refusals = [
      await callRoute(deviceRoute.PATCH, { method: "PATCH", path: `/api/v1/devices/${device.id}`, token: editorToken, body: { notes: "stale" }, params: { id: String(device.id) }, headers: { "If-Match": stale } }),
      await post(moveRoute.POST, "move", device.id, { siteId: otherHoSite, movedOn: today }, stale),
      await post(decommissionRoute.POST, "decommission", device.id, { decommissionedOn: today }, stale),
      await post(removalRoute.POST, "removal", device.id, { removedOn: today, removalEvidence: "x" }, stale),
      await post(exemptionRoute.POST, "exemption", device.id, { justification: "x", approvedBy: "y", approvedOn: today, expiresOn: today }, stale),
    ];
    expect(refusals.map((r) => r.status)).toEqual([412, 412, 412, 412, 412]);
    expect(await counts()).toEqual(before);
    expect((await testDb().device.findUniqueOrThrow({ where: { id: device.id }, select: { version: true } })).version).toBe(device.version);
  });

  it("pages through a site's devices a few at a time, each once, in id order, however many are added meanwhile", async () => {
    const expected = (await testDb().device.findMany({ where: { siteId: otherHoSite }, orderBy: { id: "asc" }, select: { id: true } })).map((d) => d.id);
    expect(expected.length).toBeGreaterThan(3);
    const seen: number[] = [];
    let cursor: string | null = null;
    let added = false;
    do {
      const path: string = `/api/v1/devices?siteId=${otherHoSite}&limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
      const page = await callRoute(devicesRoute.GET, { path, token: viewerToken });
      expect(page.status).toBe(200);
      const body = page.json as { items: Device[]; nextCursor: string | null };
      seen.push(...body.items.map((d) => d.id));
      cursor = body.nextCursor;
      if (!added) {
        // A device added after the first page is read comes last; none already listed moves.
        const extra = await create({ ...CAMERA, serial: "API-PAGE-1", assetTag: "API-PAGE-1", mac: null }, editorToken, otherHoSite);
        expect(extra.status).toBe(201);
        expected.push((extra.json as Device).id);
        added = true;
      }
    } while (cursor !== null);
    expect(seen).toEqual(expected);
    const forged = await callRoute(devicesRoute.GET, { path: `/api/v1/devices?cursor=not-a-cursor`, token: viewerToken });
    expect(forged.status).toBe(400);
  });
});

describe("refusals", () => {
  it("answer 404 for another department's device, writing nothing", async () => {
    const before = await counts();
    const version = (await testDb().device.findUniqueOrThrow({ where: { id: mojDevice }, select: { version: true } })).version;
    const params = { id: String(mojDevice) };
    expect((await callRoute(deviceRoute.GET, { path: `/api/v1/devices/${mojDevice}`, token: editorToken, params })).status).toBe(404);
    expect((await callRoute(findingsRoute.GET, { path: `/api/v1/devices/${mojDevice}/findings`, token: editorToken, params })).status).toBe(404);
    const patch = await callRoute(deviceRoute.PATCH, { method: "PATCH", path: `/api/v1/devices/${mojDevice}`, token: editorToken, body: { notes: "x" }, params, headers: { "If-Match": `"${version}"` } });
    expect(patch.status).toBe(404);
    expect((await post(moveRoute.POST, "move", mojDevice, { siteId: otherHoSite, movedOn: "2025-01-01" }, `"${version}"`)).status).toBe(404);
    expect((await post(removalRoute.POST, "removal", mojDevice, { removedOn: "2025-01-01", removalEvidence: "x" }, `"${version}"`)).status).toBe(404);
    const mojSite = (await testDb().device.findUniqueOrThrow({ where: { id: mojDevice }, select: { siteId: true } })).siteId;
    expect((await create({ ...CAMERA, serial: "MOJ-X", assetTag: "MOJ-X" }, editorToken, mojSite)).status).toBe(404);
    expect(await counts()).toEqual(before);
    expect((await testDb().device.findUniqueOrThrow({ where: { id: mojDevice }, select: { version: true } })).version).toBe(version);
  });

  it("answer 403 to a read-only token's writes, writing nothing", async () => {
    const before = await counts();
    const refused = await create({ ...CAMERA, serial: "RO-1", assetTag: "RO-1" }, viewerToken);
    expect(refused.status).toBe(403);
    const device = await testDb().device.findFirstOrThrow({ where: { organisationId: hoEditor.organisationId!, lifecycle: "IN_SERVICE" }, select: { id: true, version: true } });
    const patch = await callRoute(deviceRoute.PATCH, { method: "PATCH", path: `/api/v1/devices/${device.id}`, token: viewerToken, body: { notes: "x" }, params: { id: String(device.id) }, headers: { "If-Match": `"${device.version}"` } });
    expect(patch.status).toBe(403);
    expect((await post(decommissionRoute.POST, "decommission", device.id, { decommissionedOn: "2025-01-01" }, `"${device.version}"`, viewerToken)).status).toBe(403);
    // A read-and-change token of a viewer cannot exist; its owner's permission is checked as well.
    expect(await counts()).toEqual(before);
  });

  it("answer 401 without a token and 404 for ids that are not ids", async () => {
    expect((await callRoute(deviceRoute.GET, { path: "/api/v1/devices/1", params: { id: "1" } })).status).toBe(401);
    expect((await callRoute(deviceRoute.GET, { path: "/api/v1/devices/abc", token: editorToken, params: { id: "abc" } })).status).toBe(404);
    expect((await callRoute(deviceRoute.GET, { path: "/api/v1/devices/99999999", token: editorToken, params: { id: "99999999" } })).status).toBe(404);
  });
});
