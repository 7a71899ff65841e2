import { beforeAll, describe, expect, it } from "vitest";
import * as systemsRoute from "@/app/api/v1/sites/[id]/camera-systems/route";
import * as systemRoute from "@/app/api/v1/camera-systems/[id]/route";
import * as archiveRoute from "@/app/api/v1/sites/[id]/archive/route";
import type { Actor } from "@/lib/auth/actor";
import { systemNotEmpty } from "@/lib/data/camera-systems";
import { createDevice } from "@/lib/data/devices";
import { createSite } from "@/lib/data/sites";
import { deviceFormSchema } from "@/lib/validation/device";
import { siteFormSchema } from "@/lib/validation/site";
import { actorFor, testDb } from "./helpers";
import { callRoute, tokenFor } from "../support/api-call";

// Camera systems through the API's route handlers on the real database: a site's systems are
// listed and added under the site, and each is read, changed and removed by its own id, through
// the same data functions and schemas as the pages.

type Problem = { status: number; detail: string; errors?: { pointer?: string; parameter?: string; detail: string }[] };
type System = { id: number; siteId: number; name: string; description: string | null; devices: number; version: number };

let hoEditor: Actor;
let mojEditor: Actor;
let editorToken: string;
let readOnlyToken: string;
let viewerToken: string;

const unique = () => Math.random().toString(36).slice(2, 10).toUpperCase();

async function newSite(editor: Actor, acronym: string): Promise<number> {
  const organisation = await testDb().organisation.findUniqueOrThrow({ where: { acronym }, select: { id: true } });
  const created = await createSite(
    editor,
    siteFormSchema.parse({ organisationId: String(organisation.id), name: `Systems site ${unique()}`, siteCode: `CS-${unique()}`, addressLine1: "1 Test Street", town: "Leeds", postcode: "LS1 4AP", sensitivity: "NOT_SENSITIVE" }),
  );
  if (!created.ok) throw new Error(JSON.stringify(created.fieldErrors));
  return created.value.id;
}

function list(siteId: number, query = "", token = editorToken) {
  return callRoute(systemsRoute.GET, { path: `/api/v1/sites/${siteId}/camera-systems${query ? `?${query}` : ""}`, token, params: { id: String(siteId) } });
}

function create(siteId: number, body: unknown, token = editorToken) {
  return callRoute(systemsRoute.POST, { method: "POST", path: `/api/v1/sites/${siteId}/camera-systems`, token, body, params: { id: String(siteId) } });
}

async function created(siteId: number, body: Record<string, unknown> = {}): Promise<System> {
  const response = await create(siteId, { name: `Recorder ${unique()}`, ...body });
  expect(response.status, JSON.stringify(response.json)).toBe(201);
  return response.json as System;
}

function read(id: number, token = editorToken) {
  return callRoute(systemRoute.GET, { path: `/api/v1/camera-systems/${id}`, token, params: { id: String(id) } });
}

function patch(id: number, body: unknown, headers: Record<string, string> = {}, token = editorToken) {
  return callRoute(systemRoute.PATCH, { method: "PATCH", path: `/api/v1/camera-systems/${id}`, token, body, headers, params: { id: String(id) } });
}

function remove(id: number, headers: Record<string, string> = {}, token = editorToken) {
  return callRoute(systemRoute.DELETE, { method: "DELETE", path: `/api/v1/camera-systems/${id}`, token, headers, params: { id: String(id) } });
}

function pointers(response: { json: unknown }): string[] {
  return ((response.json as Problem).errors ?? []).map((e) => e.pointer ?? e.parameter ?? "");
}

async function snapshot(systemId?: number) {
  return {
    systems: await testDb().cameraSystem.count(),
    audit: await testDb().auditEvent.count(),
    system: systemId === undefined ? null : await testDb().cameraSystem.findUnique({ where: { id: systemId } }),
  };
}

beforeAll(async () => {
  hoEditor = await actorFor("editor@ho.example.gov.uk");
  mojEditor = await actorFor("editor@moj.example.gov.uk");
  editorToken = await tokenFor(hoEditor);
  readOnlyToken = await tokenFor(hoEditor, "READ");
  viewerToken = await tokenFor(await actorFor("viewer@ho.example.gov.uk"), "READ");
});

describe("a camera system through the API", () => {
  it("is added (201, Location, ETag), read, changed with If-Match, refused when stale (412) or unconditional (428), and removed (204), each audited under the token's owner", async () => {
    const siteId = await newSite(hoEditor, "HO");
    const response = await create(siteId, { name: "  Reception recorder ", description: "Ground floor" });
    expect(response.status, JSON.stringify(response.json)).toBe(201);
    const system = response.json as System;
    expect(system).toEqual({ id: system.id, siteId, name: "Reception recorder", description: "Ground floor", devices: 0, version: 1 });
    expect(response.headers.get("location")).toBe(`/api/v1/camera-systems/${system.id}`);
    expect(response.headers.get("etag")).toBe('"1"');

    const fetched = await read(system.id);
    expect(fetched.status).toBe(200);
    expect(fetched.headers.get("etag")).toBe('"1"');
    expect(fetched.json).toEqual(system);
    expect(((await list(siteId)).json as { items: System[] }).items).toEqual([system]);

    const renamed = await patch(system.id, { name: "Front desk recorder" }, { "If-Match": '"1"' });
    expect(renamed.status, JSON.stringify(renamed.json)).toBe(200);
    expect(renamed.json).toEqual({ ...system, name: "Front desk recorder", version: 2 });
    expect(renamed.headers.get("etag")).toBe('"2"');
    const cleared = await patch(system.id, { description: null }, { "If-Match": '"2"' });
    expect(cleared.json).toEqual({ ...system, name: "Front desk recorder", description: null, version: 3 });

    const before = await snapshot(system.id);
    expect((await patch(system.id, { name: "Lost" }, { "If-Match": '"2"' })).status).toBe(412);
    expect((await patch(system.id, { name: "Lost" })).status).toBe(428);
    expect((await remove(system.id, { "If-Match": '"2"' })).status).toBe(412);
    expect((await remove(system.id)).status).toBe(428);
    expect(await snapshot(system.id)).toEqual(before);

    const removed = await remove(system.id, { "If-Match": '"3"' });
    expect(removed.status).toBe(204);
    expect(removed.json).toBeNull();
    expect((await read(system.id)).status).toBe(404);
    expect((await remove(system.id, { "If-Match": '"3"' })).status).toBe(404);

    const audit = await testDb().auditEvent.findMany({ where: { entityType: "camera-system", entityId: String(system.id) }, orderBy: { id: "asc" }, select: { action: true, actorId: true } });
    expect(audit).toEqual([
      { action: "camera-system.created", actorId: hoEditor.id },
      { action: "camera-system.updated", actorId: hoEditor.id },
      { action: "camera-system.updated", actorId: hoEditor.id },
      { action: "camera-system.removed", actorId: hoEditor.id },
    ]);
  });

  it("lists a site's systems in id order, a page at a time, each exactly once", async () => {
    const siteId = await newSite(hoEditor, "HO");
    const made = [];
    for (let i = 0; i < 5; i++) made.push((await created(siteId)).id);
    const ids: number[] = [];
    let cursor: string | null = null;
    do {
      const response = await list(siteId, `limit=2${cursor ? `&cursor=${cursor}` : ""}`);
      expect(response.status).toBe(200);
      const page = response.json as { items: System[]; nextCursor: string | null };
      expect(page.items.length).toBeLessThanOrEqual(2);
      ids.push(...page.items.map((s) => s.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(ids).toEqual(made.sort((a, b) => a - b));
    expect((await list(siteId, "limit=900")).status).toBe(400);
  });

  it("a replayed add is refused by the name rule (422), and nothing is duplicated", async () => {
    const siteId = await newSite(hoEditor, "HO");
    expect((await create(siteId, { name: "Car park recorder" })).status).toBe(201);
    const before = await snapshot();
    const replay = await create(siteId, { name: "car park RECORDER" });
    expect(replay.status).toBe(422);
    expect(pointers(replay)).toEqual(["#/name"]);
    expect((replay.json as Problem).errors![0]!.detail).toBe("This site already has a camera system called “Car park recorder”: choose another name for “car park RECORDER”");
    expect(await testDb().cameraSystem.count({ where: { siteId } })).toBe(1);
    expect(await snapshot()).toEqual(before);
  });

  it("only an empty system is removed: one with devices is refused with the page's words (409)", async () => {
    const siteId = await newSite(hoEditor, "HO");
    const system = await created(siteId);
    const device = await createDevice(hoEditor, siteId, deviceFormSchema.parse({ systemId: String(system.id), kind: "CAMERA", brand: "Axis", network: "SEGREGATED", vendorCloud: "no" }));
    expect(device.ok).toBe(true);
    expect(((await read(system.id)).json as System).devices).toBe(1);
    const before = await snapshot(system.id);
    const refused = await remove(system.id, { "If-Match": '"1"' });
    expect(refused.status).toBe(409);
    expect((refused.json as Problem).detail).toBe(systemNotEmpty(system.name, 1));
    expect(await snapshot(system.id)).toEqual(before);
  });

  it("an archived site's systems cannot be added to or changed (409)", async () => {
    const siteId = await newSite(hoEditor, "HO");
    const system = await created(siteId);
    const site = await testDb().site.findUniqueOrThrow({ where: { id: siteId } });
    const archived = await callRoute(archiveRoute.POST, { method: "POST", path: `/api/v1/sites/${siteId}/archive`, token: editorToken, headers: { "If-Match": `"${site.version}"` }, params: { id: String(siteId) } });
    expect(archived.status).toBe(200);
    const before = await snapshot(system.id);
    const added = await create(siteId, { name: "Too late" });
    expect(added.status).toBe(409);
    expect((added.json as Problem).detail).toBe("This site is archived: camera systems cannot be added to it");
    expect((await patch(system.id, { name: "Too late" }, { "If-Match": '"1"' })).status).toBe(409);
    expect((await remove(system.id, { "If-Match": '"1"' })).status).toBe(409);
    expect(await snapshot(system.id)).toEqual(before);
  });
});

describe("refusals write nothing", () => {
  it("422 names each invalid field, in the form's words, and refuses wrong types, unknown fields and NUL bytes", async () => {
    const siteId = await newSite(hoEditor, "HO");
    const before = await snapshot();
    const empty = await create(siteId, { name: " ", description: "d".repeat(501) });
    expect(empty.status).toBe(422);
    expect((empty.json as Problem).errors).toEqual([
      { pointer: "#/name", detail: "Enter the name of the camera system" },
      { pointer: "#/description", detail: "Description must be 500 characters or fewer" },
    ]);
    const types = await create(siteId, { name: 7, description: false, siteId: 3 });
    expect(pointers(types).sort()).toEqual(["#/description", "#/name", "#/siteId"]);
    const nul = await create(siteId, { name: "Recorder\u0000" });
    expect(pointers(nul)).toEqual(["#/name"]);
    const missing = await create(siteId, {});
    expect((missing.json as Problem).errors).toEqual([{ pointer: "#/name", detail: "Enter the name of the camera system" }]);
    const raw = (rawBody: string, type = "application/json") =>
      callRoute(systemsRoute.POST, { method: "POST", path: `/api/v1/sites/${siteId}/camera-systems`, token: editorToken, rawBody, headers: { "Content-Type": type }, params: { id: String(siteId) } });
    expect((await raw('"Recorder"')).status).toBe(400);
    expect((await raw("name=Recorder", "application/x-www-form-urlencoded")).status).toBe(415);
    expect((await raw(JSON.stringify({ name: "x".repeat(2 * 1024 * 1024) }))).status).toBe(413);
    expect(await snapshot()).toEqual(before);

    const system = await created(siteId);
    const beforeChange = await snapshot(system.id);
    const badChange = await patch(system.id, { name: "", version: 1 }, { "If-Match": '"1"' });
    expect(pointers(badChange)).toEqual(["#/version"]);
    const emptyName = await patch(system.id, { name: "" }, { "If-Match": '"1"' });
    expect(pointers(emptyName)).toEqual(["#/name"]);
    expect(await snapshot(system.id)).toEqual(beforeChange);
  });

  it("another department's site and systems are 404 to list, add to, read, change and remove", async () => {
    const mojSiteId = await newSite(mojEditor, "MoJ");
    const mojToken = await tokenFor(mojEditor);
    const mojSystem = ((await create(mojSiteId, { name: "MOJ recorder" }, mojToken)).json as System);
    const before = await snapshot(mojSystem.id);
    expect((await list(mojSiteId)).status).toBe(404);
    expect((await create(mojSiteId, { name: "Planted" })).status).toBe(404);
    expect((await read(mojSystem.id)).status).toBe(404);
    expect((await patch(mojSystem.id, { name: "Renamed" }, { "If-Match": '"1"' })).status).toBe(404);
    expect((await remove(mojSystem.id, { "If-Match": '"1"' })).status).toBe(404);
    expect(await snapshot(mojSystem.id)).toEqual(before);
    for (const id of ["0", "x", "99999999"]) {
      expect((await callRoute(systemRoute.GET, { path: `/api/v1/camera-systems/${id}`, token: editorToken, params: { id } })).status).toBe(404);
      expect((await callRoute(systemsRoute.GET, { path: `/api/v1/sites/${id}/camera-systems`, token: editorToken, params: { id } })).status).toBe(404);
    }
  });

  it("a read-only token and a viewer's token are 403 on every change, and can read", async () => {
    const siteId = await newSite(hoEditor, "HO");
    const system = await created(siteId);
    const before = await snapshot(system.id);
    for (const token of [readOnlyToken, viewerToken]) {
      expect((await create(siteId, { name: "Refused" }, token)).status).toBe(403);
      expect((await patch(system.id, { name: "Refused" }, { "If-Match": '"1"' }, token)).status).toBe(403);
      expect((await remove(system.id, { "If-Match": '"1"' }, token)).status).toBe(403);
      expect((await read(system.id, token)).status).toBe(200);
      expect((await list(siteId, "", token)).status).toBe(200);
    }
    expect(await snapshot(system.id)).toEqual(before);
  });
});
