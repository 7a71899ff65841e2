import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as sitesRoute from "@/app/api/v1/sites/route";
import * as siteRoute from "@/app/api/v1/sites/[id]/route";
import * as archiveRoute from "@/app/api/v1/sites/[id]/archive/route";
import type { Actor } from "@/lib/auth/actor";
import { createDevice } from "@/lib/data/devices";
import { countSiteDevices } from "@/lib/data/site-devices";
import { archiveRefusal, listSites } from "@/lib/data/sites";
import { todayInLondon } from "@/lib/platform/today";
import { deviceFormSchema } from "@/lib/validation/device";
import { siteListQuerySchema } from "@/lib/validation/site";
import { actorFor, testDb } from "./helpers";
import { callRoute, tokenFor } from "../support/api-call";

// Sites through the API's route handlers on the real, seeded database: the same data functions,
// schemas, scope and audit as the pages, with ETags, If-Match and problems naming each field.

type Problem = { status: number; title: string; detail: string; errors?: { pointer?: string; parameter?: string; detail: string }[] };
type Site = Record<string, unknown> & { id: number; version: number; organisationId: number; name: string; siteCode: string; archived: boolean };
type Page = { items: Site[]; nextCursor: string | null };

const DUMMY_HASH = "$argon2id$v=19$m=19456,t=2,p=1$3pIsXXDBQtFbyhVgcSYDJQ$wfoCMoY8qB0pn7cTB3j3YEM3S5NuSDtuZYe+/lYd/h8";

let hoEditor: Actor;
let hoViewer: Actor;
let mojEditor: Actor;
let cabinetOffice: Actor;
let minister: Actor;
let editorToken: string;
let readOnlyToken: string;
let viewerToken: string;
let demotedToken: string;
let demotedUserId: number;
let ho: number;
let mojSiteId: number;

const unique = () => Math.random().toString(36).slice(2, 10).toUpperCase();

function siteBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    organisationId: ho,
    name: `API site ${unique()}`,
    siteCode: `API-${unique()}`,
    addressLine1: "2 Marsham Street",
    town: "London",
    postcode: "sw1p 4df",
    sensitivity: "NOT_SENSITIVE",
    ...overrides,
  };
}

async function create(body: Record<string, unknown>, token = editorToken) {
  return callRoute(sitesRoute.POST, { method: "POST", path: "/api/v1/sites", token, body });
}

async function createdSite(overrides: Record<string, unknown> = {}): Promise<Site> {
  const response = await create(siteBody(overrides));
  expect(response.status, JSON.stringify(response.json)).toBe(201);
  return response.json as Site;
}

async function patch(id: number, body: unknown, headers: Record<string, string> = {}, token = editorToken) {
  return callRoute(siteRoute.PATCH, { method: "PATCH", path: `/api/v1/sites/${id}`, token, body, headers, params: { id: String(id) } });
}

async function read(id: number, token = editorToken) {
  return callRoute(siteRoute.GET, { path: `/api/v1/sites/${id}`, token, params: { id: String(id) } });
}

async function archive(id: number, headers: Record<string, string> = {}, token = editorToken) {
  return callRoute(archiveRoute.POST, { method: "POST", path: `/api/v1/sites/${id}/archive`, token, headers, params: { id: String(id) } });
}

function pointers(response: { json: unknown }): string[] {
  return ((response.json as Problem).errors ?? []).map((e) => e.pointer ?? e.parameter ?? "");
}

function errorAt(response: { json: unknown }, pointer: string): string | undefined {
  return (response.json as Problem).errors?.find((e) => e.pointer === pointer)?.detail;
}

/** What a refusal must leave alone: the site row, the audit trail and the number of sites. */
async function snapshot(siteId?: number) {
  return {
    sites: await testDb().site.count(),
    audit: await testDb().auditEvent.count(),
    site: siteId === undefined ? null : await testDb().site.findUnique({ where: { id: siteId } }),
  };
}

async function addDevice(siteId: number): Promise<number> {
  const created = await createDevice(hoEditor, siteId, deviceFormSchema.parse({ kind: "CAMERA", brand: "Axis", network: "SEGREGATED", vendorCloud: "no" }));
  if (!created.ok) throw new Error(JSON.stringify(created.fieldErrors));
  return created.value.id;
}

async function walk(query: string, token = editorToken, limit = 37): Promise<number[]> {
  const ids: number[] = [];
  let cursor: string | null = null;
  for (let pages = 0; pages < 1000; pages++) {
    const response = await callRoute(sitesRoute.GET, { path: `/api/v1/sites?limit=${limit}${query ? `&${query}` : ""}${cursor ? `&cursor=${cursor}` : ""}`, token });
    expect(response.status, JSON.stringify(response.json)).toBe(200);
    const page = response.json as Page;
    expect(page.items.length).toBeLessThanOrEqual(limit);
    ids.push(...page.items.map((s) => s.id));
    cursor = page.nextCursor;
    if (!cursor) return ids;
  }
  throw new Error("the pages never ended");
}

/** Every site the sites page lists for the same query, page after page. */
async function pageIds(actor: Actor, query: Record<string, string>): Promise<number[]> {
  const first = await listSites(actor, siteListQuerySchema.parse(query));
  const ids = first.rows.map((r) => r.id);
  for (let page = 2; page <= first.pageCount; page++) {
    ids.push(...(await listSites(actor, siteListQuerySchema.parse({ ...query, page: String(page) }))).rows.map((r) => r.id));
  }
  return ids;
}

beforeAll(async () => {
  hoEditor = await actorFor("editor@ho.example.gov.uk");
  hoViewer = await actorFor("viewer@ho.example.gov.uk");
  mojEditor = await actorFor("editor@moj.example.gov.uk");
  cabinetOffice = await actorFor("analyst@cabinetoffice.example.gov.uk");
  minister = await actorFor("private.office@minister.example.gov.uk");
  editorToken = await tokenFor(hoEditor);
  readOnlyToken = await tokenFor(hoEditor, "READ");
  viewerToken = await tokenFor(hoViewer, "READ");
  ho = (await testDb().organisation.findUniqueOrThrow({ where: { acronym: "HO" }, select: { id: true } })).id;
  const mojScope = mojEditor.scope.all ? [] : mojEditor.scope.organisationIds;
  const hoScope = hoEditor.scope.all ? [] : hoEditor.scope.organisationIds;
  mojSiteId = (await testDb().site.findFirstOrThrow({ where: { organisationId: { in: mojScope.filter((id) => !hoScope.includes(id)) }, archivedAt: null }, select: { id: true } })).id;
  // An editor whose token was made while they could change the register, then made a viewer.
  const user = await testDb().user.create({
    data: { email: `api-sites-demoted-${unique().toLowerCase()}@ho.example.gov.uk`, name: "Demoted editor", passwordHash: DUMMY_HASH, role: "ESTATES_EDITOR", organisationId: ho },
    select: { id: true },
  });
  demotedUserId = user.id;
  demotedToken = await tokenFor(await actorFor((await testDb().user.findUniqueOrThrow({ where: { id: user.id } })).email));
  await testDb().user.update({ where: { id: user.id }, data: { role: "ORG_VIEWER" } });
});

afterAll(async () => {
  await testDb().user.update({ where: { id: demotedUserId }, data: { active: false } });
});

describe("a site through the API", () => {
  it("is created (201, Location, ETag), read with its ETag, changed with If-Match, and refused when stale (412) or unconditional (428)", async () => {
    const body = siteBody({ addressLine2: "Westminster", uprn: "100023336956" });
    const created = await create(body);
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    const site = created.json as Site;
    expect(created.headers.get("location")).toBe(`/api/v1/sites/${site.id}`);
    expect(created.headers.get("etag")).toBe(`"${site.version}"`);
    expect(site).toMatchObject({ organisationId: ho, name: body.name, siteCode: body.siteCode, postcode: "SW1P 4DF", addressLine2: "Westminster", sensitivity: "NOT_SENSITIVE", archived: false });
    // The status the site's page shows: its stored roll-up, worked out as the site was added.
    const rollUp = await testDb().siteCompliance.findUnique({ where: { siteId: site.id } });
    expect(site.status).toBe(rollUp?.status ?? "NO_DATA");
    expect(site.deviceCounts).toEqual({ all: 0, byStatus: { BREACH: 0, ACTION_DUE: 0, UNVERIFIED: 0, ADVISORY: 0, COMPLIANT: 0, REMOVED: 0 }, notEvaluated: 0 });

    const fetched = await read(site.id);
    expect(fetched.status).toBe(200);
    expect(fetched.headers.get("etag")).toBe(`"${site.version}"`);
    expect(fetched.json).toEqual(site);

    const changed = await patch(site.id, { name: "Renamed by the API", addressLine2: null }, { "If-Match": `"${site.version}"` });
    expect(changed.status, JSON.stringify(changed.json)).toBe(200);
    const after = changed.json as Site;
    expect(after).toMatchObject({ name: "Renamed by the API", addressLine2: null, siteCode: body.siteCode, uprn: "100023336956", version: site.version + 1 });
    expect(changed.headers.get("etag")).toBe(`"${site.version + 1}"`);

    const before = await snapshot(site.id);
    const stale = await patch(site.id, { name: "Lost update" }, { "If-Match": `"${site.version}"` });
    expect(stale.status).toBe(412);
    expect((stale.json as Problem).detail).toMatch(/changed by someone else/);
    const unconditional = await patch(site.id, { name: "Lost update" });
    expect(unconditional.status).toBe(428);
    const wildcard = await patch(site.id, { name: "Lost update" }, { "If-Match": "*" });
    expect(wildcard.status).toBe(428);
    const garbled = await patch(site.id, { name: "Lost update" }, { "If-Match": 'W/"2"' });
    expect(garbled.status).toBe(400);
    expect(await snapshot(site.id)).toEqual(before);

    const audit = await testDb().auditEvent.findMany({ where: { entityType: "site", entityId: String(site.id) }, orderBy: { id: "asc" } });
    expect(audit.map((a) => [a.action, a.actorId])).toEqual([["site.created", hoEditor.id], ["site.updated", hoEditor.id]]);
    expect(audit[1]!.before).toEqual({ name: body.name, addressLine2: "Westminster" });
  });

  it("takes ISO dates for the form's date fields, records the assessment's history and re-evaluates (audited as the page does)", async () => {
    const site = await createdSite({ sensitivity: "SENSITIVE", usedByMinisters: true, highestClassification: "SECRET", assessedBy: "Estates security", assessedOn: "2024-03-05", effectiveFrom: "2024-04-01" });
    expect(site).toMatchObject({ sensitivity: "SENSITIVE", usedByMinisters: true, assessedOn: "2024-03-05", sensitiveSince: "2024-04-01", highestClassification: "SECRET" });
    expect(site.sensitivityHistory).toEqual([expect.objectContaining({ sensitivity: "SENSITIVE", effectiveFrom: "2024-04-01", assessedOn: "2024-03-05" })]);

    // A change of name keeps the assessment and the date it became sensitive.
    const renamed = await patch(site.id, { name: `${site.name} (north)` }, { "If-Match": `"${site.version}"` });
    expect(renamed.status).toBe(200);
    expect(renamed.json).toMatchObject({ sensitiveSince: "2024-04-01", usedByMinisters: true, sensitivityHistory: [expect.anything()] });

    const reassessed = await patch(site.id, { sensitivity: "NOT_SENSITIVE", usedByMinisters: false, controlsExtended: true }, { "If-Match": `"${site.version + 1}"` });
    expect(reassessed.status, JSON.stringify(reassessed.json)).toBe(200);
    const after = reassessed.json as Site & { sensitivityHistory: unknown[] };
    expect(after).toMatchObject({ sensitivity: "NOT_SENSITIVE", sensitiveSince: null, controlsExtended: true });
    expect(after.sensitivityHistory).toHaveLength(2);
    expect(after.sensitivityHistory[0]).toMatchObject({ sensitivity: "NOT_SENSITIVE", effectiveFrom: todayInLondon() });
    const actions = await testDb().auditEvent.findMany({ where: { entityType: "site", entityId: String(site.id) }, orderBy: { id: "asc" }, select: { action: true, actorId: true } });
    expect(actions).toEqual([
      { action: "site.created", actorId: hoEditor.id },
      { action: "site.updated", actorId: hoEditor.id },
      { action: "site.sensitivity-changed", actorId: hoEditor.id },
    ]);

    // Sensitive "for as long as anyone knows".
    const always = await createdSite({ sensitivity: "SENSITIVE", socpaDesignated: true, alwaysSensitive: true });
    expect(always.sensitiveSince).toBeNull();
  });

  it("reads with the site page's status and counts, and 404 for an id that names no site", async () => {
    const seeded = await testDb().site.findFirstOrThrow({
      where: { organisationId: { in: hoEditor.scope.all ? [] : hoEditor.scope.organisationIds }, archivedAt: null, devices: { some: {} } },
      select: { id: true, compliance: { select: { status: true } } },
    });
    const response = await read(seeded.id);
    expect(response.status).toBe(200);
    const site = response.json as Site & { deviceCounts: unknown; cameraSystems: { id: number }[] };
    expect(site.status).toBe(seeded.compliance?.status ?? "NO_DATA");
    expect(site.deviceCounts).toEqual(await countSiteDevices(hoEditor, seeded.id));
    const systems = await testDb().cameraSystem.findMany({ where: { siteId: seeded.id }, select: { id: true } });
    expect(site.cameraSystems.map((s) => s.id).sort()).toEqual(systems.map((s) => s.id).sort());
    for (const id of ["0", "abc", "99999999", "1.5", "-3"]) {
      const missing = await callRoute(siteRoute.GET, { path: `/api/v1/sites/${id}`, token: editorToken, params: { id } });
      expect(missing.status).toBe(404);
    }
  });
});

describe("refusals write nothing", () => {
  it("422 names each invalid field by JSON pointer, in the form's words", async () => {
    const before = await snapshot();
    const response = await create(siteBody({ name: " ", postcode: "ZZ9 ZZZZ", uprn: "12ab", assessedOn: "2024-02-30", epimsId: "x".repeat(51), effectiveFrom: "2024-13-01" }));
    expect(response.status).toBe(422);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect(errorAt(response, "#/name")).toBe("Enter the site name");
    expect(errorAt(response, "#/postcode")).toBe("Enter a real postcode, like SW1A 2AA");
    expect(errorAt(response, "#/uprn")).toBe("UPRN must be a number of up to 12 digits");
    expect(errorAt(response, "#/assessedOn")).toBe("Assessment date must be a real date");
    expect(errorAt(response, "#/effectiveFrom")).toBe("Effective date must be a real date");
    expect(errorAt(response, "#/epimsId")).toBe("ePIMS ID must be 50 characters or fewer");
    expect((response.json as Problem).detail).toBe("The request has 6 problems: see errors.");

    const future = await create(siteBody({ assessedOn: "2099-01-01" }));
    expect(errorAt(future, "#/assessedOn")).toBe("Assessment date must be today or in the past");
    const missing = await create({ organisationId: ho });
    expect(pointers(missing).sort()).toEqual(["#/addressLine1", "#/name", "#/postcode", "#/sensitivity", "#/siteCode", "#/town"]);
    const noCriteria = await create(siteBody({ sensitivity: "SENSITIVE" }));
    expect(errorAt(noCriteria, "#/holdsSecretMaterial")).toBe("Select which of the criteria make the site sensitive");
    const meetsCriteria = await create(siteBody({ sensitivity: "NOT_SENSITIVE", hostsDvStaff: true }));
    expect(pointers(meetsCriteria)).toEqual(["#/sensitivity"]);
    expect(await snapshot()).toEqual(before);
  });

  it("refuses wrong JSON types and unknown fields, each named, rather than guessing", async () => {
    const before = await snapshot();
    const response = await create(siteBody({ name: 42, organisationId: String(ho), holdsSecretMaterial: "yes", assessedOn: "05/03/2024", highestClassification: "RESTRICTED", addressLine2: ["a"], colour: "blue", version: 3 }));
    expect(response.status).toBe(422);
    expect(pointers(response).sort()).toEqual(["#/addressLine2", "#/assessedOn", "#/colour", "#/highestClassification", "#/holdsSecretMaterial", "#/name", "#/organisationId", "#/version"].sort());
    expect(errorAt(response, "#/name")).toBe("name must be a string");
    expect(errorAt(response, "#/holdsSecretMaterial")).toBe("holdsSecretMaterial must be true or false");
    expect(errorAt(response, "#/colour")).toBe("colour is not a field of a site");
    expect(errorAt(response, "#/assessedOn")).toBe("assessedOn must be a date as YYYY-MM-DD, or null");
    const proto = await callRoute(sitesRoute.POST, { method: "POST", path: "/api/v1/sites", token: editorToken, rawBody: JSON.stringify(siteBody()).replace(/^\{/, '{"__proto__":{"x":1},'), headers: { "Content-Type": "application/json" } });
    expect(proto.status).toBe(422);
    expect(pointers(proto)).toEqual(["#/__proto__"]);
    expect(await snapshot()).toEqual(before);
  });

  it("refuses NUL bytes, bodies that are not one JSON object, the wrong media type and 2 MB", async () => {
    const before = await snapshot();
    const nul = await create(siteBody({ name: "Marsham\u0000Street", town: "Lon\u0000don" }));
    expect(nul.status).toBe(422);
    expect(pointers(nul).sort()).toEqual(["#/name", "#/town"]);
    const raw = (rawBody: string | Uint8Array, headers: Record<string, string> = { "Content-Type": "application/json" }) =>
      callRoute(sitesRoute.POST, { method: "POST", path: "/api/v1/sites", token: editorToken, rawBody, headers });
    expect((await raw("[1,2]")).status).toBe(400);
    expect((await raw("null")).status).toBe(400);
    expect((await raw("{\"name\":")).status).toBe(400);
    expect((await raw(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]))).status).toBe(400);
    expect((await raw(JSON.stringify(siteBody()), { "Content-Type": "text/plain" })).status).toBe(415);
    const huge = await raw(JSON.stringify(siteBody({ addressLine2: "x".repeat(2 * 1024 * 1024) })));
    expect(huge.status).toBe(413);
    const site = await createdSite();
    const beforePatch = await snapshot(site.id);
    const hugePatch = await callRoute(siteRoute.PATCH, {
      method: "PATCH", path: `/api/v1/sites/${site.id}`, token: editorToken, params: { id: String(site.id) },
      rawBody: JSON.stringify({ name: "y".repeat(2 * 1024 * 1024) }), headers: { "Content-Type": "application/json", "If-Match": `"${site.version}"` },
    });
    expect(hugePatch.status).toBe(413);
    expect(await snapshot(site.id)).toEqual(beforePatch);
    expect((await snapshot()).sites).toBe(before.sites + 1);
  });

  it("a replayed create is refused by the site code rule (422), and nothing is duplicated", async () => {
    const body = siteBody({ epimsId: `EP-${unique()}` });
    expect((await create(body)).status).toBe(201);
    const before = await snapshot();
    const replay = await create(body);
    expect(replay.status).toBe(422);
    expect(errorAt(replay, "#/siteCode")).toBe("A site with this code already exists in this organisation");
    expect(errorAt(replay, "#/epimsId")).toBe("Another site already has this ePIMS ID");
    expect(await testDb().site.count({ where: { siteCode: body.siteCode as string } })).toBe(1);
    expect(await snapshot()).toEqual(before);
  });

  it("another department's site is 404 to read, change and archive, and its organisation cannot be chosen", async () => {
    const before = await snapshot(mojSiteId);
    const version = before.site!.version;
    expect((await read(mojSiteId)).status).toBe(404);
    expect((await patch(mojSiteId, { name: "Taken over" }, { "If-Match": `"${version}"` })).status).toBe(404);
    expect((await archive(mojSiteId, { "If-Match": `"${version}"` })).status).toBe(404);
    const intoMoj = await create(siteBody({ organisationId: before.site!.organisationId }));
    expect(intoMoj.status).toBe(422);
    expect(errorAt(intoMoj, "#/organisationId")).toBe("Select an organisation from the list");
    expect(await snapshot(mojSiteId)).toEqual(before);
    // Their own editor sees it.
    expect((await read(mojSiteId, await tokenFor(mojEditor, "READ"))).status).toBe(200);
  });

  it("a site cannot move to another organisation by a change", async () => {
    const site = await createdSite();
    const other = hoEditor.scope.all ? [] : hoEditor.scope.organisationIds.filter((id) => id !== ho);
    const moved = await patch(site.id, { organisationId: other[0] ?? ho + 100000 }, { "If-Match": `"${site.version}"` });
    expect(moved.status).toBe(422);
    expect(pointers(moved)).toEqual(["#/organisationId"]);
  });

  it("a read-only token, a viewer's token and a token whose owner is no longer an editor are 403 on every change", async () => {
    const site = await createdSite();
    const tokens = [readOnlyToken, viewerToken, demotedToken, await tokenFor(cabinetOffice, "READ")];
    const ministerToken = await tokenFor(minister, "READ");
    const before = await snapshot(site.id);
    for (const token of tokens) {
      expect((await create(siteBody(), token)).status).toBe(403);
      expect((await patch(site.id, { name: "Changed" }, { "If-Match": `"${site.version}"` }, token)).status).toBe(403);
      expect((await archive(site.id, { "If-Match": `"${site.version}"` }, token)).status).toBe(403);
    }
    const demoted = await patch(site.id, { name: "Changed" }, { "If-Match": `"${site.version}"` }, demotedToken);
    expect((demoted.json as Problem).detail).toBe("The token's owner does not have permission to do that");
    expect(await snapshot(site.id)).toEqual(before);
    // They can still read, as on the pages; the minister's office cannot list sites at all.
    expect((await read(site.id, viewerToken)).status).toBe(200);
    expect((await read(site.id, readOnlyToken)).status).toBe(200);
    expect((await callRoute(sitesRoute.GET, { path: "/api/v1/sites", token: ministerToken })).status).toBe(403);
  });
});

describe("the site list", () => {
  it("walks every site in scope exactly once, in id order, a page at a time", async () => {
    const ids = await walk("");
    const expected = await testDb().site.findMany({
      where: { organisationId: { in: hoEditor.scope.all ? [] : hoEditor.scope.organisationIds }, archivedAt: null },
      select: { id: true },
      orderBy: { id: "asc" },
    });
    expect(ids).toEqual(expected.map((s) => s.id));
    expect(new Set(ids).size).toBe(ids.length);
    // A site added meanwhile appears at the end, shifting no page.
    const added = await createdSite();
    expect((await walk("")).at(-1)).toBe(added.id);
  });

  it.each([
    [{}],
    [{ sensitivity: "SENSITIVE" }],
    [{ sensitivity: "UNASSESSED" }],
    [{ status: "RED" }],
    [{ status: "NO_DATA" }],
    [{ q: "house" }],
    [{ q: "london depot" }],
    [{ lifecycle: "archived" }],
    [{ sensitivity: "NOT_SENSITIVE", status: "AMBER" }],
  ])("finds the same sites as the sites page for %j", async (query: Record<string, string>) => {
    const api = await walk(new URLSearchParams(query).toString(), editorToken, 200);
    const page = await pageIds(hoEditor, query);
    expect([...api].sort((a, b) => a - b)).toEqual([...page].sort((a, b) => a - b));
  });

  it("filters by organisation as the page does, and the Cabinet Office sees every department's", async () => {
    const agency = hoEditor.scope.all ? ho : (hoEditor.scope.organisationIds.find((id) => id !== ho) ?? ho);
    expect(await walk(`organisation=${agency}`, editorToken, 200)).toEqual((await pageIds(hoEditor, { organisation: String(agency) })).sort((a, b) => a - b));
    const co = await tokenFor(cabinetOffice, "READ");
    const mojOrg = (await testDb().site.findUniqueOrThrow({ where: { id: mojSiteId } })).organisationId;
    const mojSites = await walk(`organisation=${mojOrg}`, co, 500);
    expect(mojSites).toContain(mojSiteId);
    expect(mojSites).toEqual((await pageIds(cabinetOffice, { organisation: String(mojOrg) })).sort((a, b) => a - b));
    // Another department's organisation is simply empty for the HO editor, as on the page.
    expect(await walk(`organisation=${mojOrg}`)).toEqual([]);
  });

  it.each([
    ["sensitivity=secret", "sensitivity"], ["status=PURPLE", "status"], ["organisation=abc", "organisation"], ["organisation=0", "organisation"],
    ["lifecycle=deleted", "lifecycle"], [`q=${"x".repeat(101)}`, "q"], ["limit=0", "limit"], ["cursor=nonsense!", "cursor"], ["status=RED&status=AMBER", "status"],
  ])("refuses a bad query (%s) with 400 naming the parameter", async (query, parameter) => {
    const response = await callRoute(sitesRoute.GET, { path: `/api/v1/sites?${query}`, token: editorToken });
    expect(response.status).toBe(400);
    expect(pointers(response)).toContain(parameter);
  });

  it("takes a search with NUL bytes or odd characters without failing", async () => {
    for (const q of ["%00", "a%00b", "%25_%5C", "'%3B drop table sites"]) {
      const response = await callRoute(sitesRoute.GET, { path: `/api/v1/sites?q=${q}`, token: editorToken });
      expect(response.status).toBe(200);
    }
  });
});

describe("archiving a site", () => {
  it("is refused with the page's words while devices remain (409), and nothing changes", async () => {
    const site = await createdSite();
    await addDevice(site.id);
    const current = (await read(site.id)).json as Site;
    const before = await snapshot(site.id);
    const refused = await archive(site.id, { "If-Match": `"${current.version}"` });
    expect(refused.status).toBe(409);
    expect((refused.json as Problem).detail).toBe(archiveRefusal(1));
    expect(await snapshot(site.id)).toEqual(before);
  });

  it("archives an empty site with If-Match (audited), after which it cannot be changed or archived again", async () => {
    const site = await createdSite();
    expect((await archive(site.id)).status).toBe(428);
    expect((await archive(site.id, { "If-Match": `"${site.version + 5}"` })).status).toBe(412);
    const archived = await archive(site.id, { "If-Match": `"${site.version}"` });
    expect(archived.status, JSON.stringify(archived.json)).toBe(200);
    const after = archived.json as Site;
    expect(after).toMatchObject({ archived: true, version: site.version + 1 });
    expect(typeof after.archivedAt).toBe("string");
    expect(archived.headers.get("etag")).toBe(`"${site.version + 1}"`);
    const audit = await testDb().auditEvent.findFirstOrThrow({ where: { entityType: "site", entityId: String(site.id), action: "site.archived" } });
    expect(audit.actorId).toBe(hoEditor.id);

    const before = await snapshot(site.id);
    const again = await archive(site.id, { "If-Match": `"${after.version}"` });
    expect(again.status).toBe(409);
    expect((again.json as Problem).detail).toBe("This site is already archived");
    const changed = await patch(site.id, { name: "Too late" }, { "If-Match": `"${after.version}"` });
    expect(changed.status).toBe(409);
    expect((changed.json as Problem).detail).toBe("This site is archived: it can no longer be changed");
    expect(await snapshot(site.id)).toEqual(before);
    expect(await walk("lifecycle=archived", editorToken, 500)).toContain(site.id);
  });
});
