import { beforeAll, describe, expect, it } from "vitest";
import { openApiDocument } from "@/lib/api/openapi/document";
import type { Actor } from "@/lib/auth/actor";
import { can, type Permission } from "@/lib/auth/permissions";
import { hashToken } from "@/lib/data/api-tokens";
import { createServiceAccount, serviceAccountActor } from "@/lib/data/service-accounts";
import { actorFor, testDb } from "./helpers";
import { callRoute, tokenFor } from "../support/api-call";
import { sampleOf } from "../support/openapi-sample";

// The authorisation matrix of the API: every operation IN THE DOCUMENT (so an operation added
// later is covered when its module is registered), for every role and both kinds of token. The
// answer expected comes from the operation's own x-access and x-permissions with the one role →
// permission matrix (lib/auth/permissions.ts): 403 when the token's access or the owner's
// permission refuses it, otherwise never 401 or 403; another department's record is 404. Every
// call leaves the register as it was (rows and versions of sites, devices, camera systems, and
// the audit trail): refusals by rule, and permitted changes because they are sent without If-Match
// or with an empty body on purpose, so the seeded register stays as other tests expect it.

const document = openApiDocument();
const METHODS = ["get", "put", "post", "patch", "delete"] as const;
type Operation = {
  operationId: string;
  "x-access": "read" | "write";
  "x-permissions": Permission[];
  parameters?: { in: string; name: string }[];
  requestBody?: { content?: Record<string, { schema?: unknown }> };
};
const operations = Object.entries(document.paths ?? {}).flatMap(([template, item]) =>
  METHODS.filter((m) => item[m]).map((method) => ({ template, method, operation: item[method] as unknown as Operation })),
);

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
const routeModules = import.meta.glob<Record<string, Handler>>("../../app/api/v1/**/route.ts");
/** The route file serving a path template; a folder's parameter may be named differently from the document's ([id] for {siteId}). */
async function handlerFor(template: string, method: string): Promise<{ handler: Handler; params: string[] }> {
  const shape = (path: string) => path.replace(/\{[^}]+\}|\[[^\]]+\]/g, "*");
  const file = Object.keys(routeModules).find((f) => shape(f) === shape(`../../app${template}/route.ts`)) ?? `../../app${template}/route.ts`;
  const load = routeModules[file];
  if (!load) throw new Error(`no route file ${file} for ${template}`);
  const handler = (await load())[method.toUpperCase()];
  if (!handler) throw new Error(`${file} exports no ${method.toUpperCase()}`);
  return { handler, params: [...file.matchAll(/\[([^\]]+)\]/g)].map((m) => m[1]!) };
}

interface Principal {
  label: string;
  actor: Actor;
  tokens: Record<"READ" | "READ_WRITE", string>;
}
const PEOPLE = [
  ["estates editor (Home Office)", "editor@ho.example.gov.uk"],
  ["organisation viewer (Home Office)", "viewer@ho.example.gov.uk"],
  ["estates editor (Ministry of Justice)", "editor@moj.example.gov.uk"],
  ["Cabinet Office", "analyst@cabinetoffice.example.gov.uk"],
  ["minister's office", "private.office@minister.example.gov.uk"],
] as const;
const SERVICE_ACCOUNT = "service account (Home Office, estates editor)";
const ADMINISTRATOR = "administrator";
const LABELS = [...PEOPLE.map(([label]) => label), SERVICE_ACCOUNT, ADMINISTRATOR];
const principals = new Map<string, Principal>();

/** A token of `access` for `actor`; one the owner's role could not be given is widened in the database, as if the role had been narrowed since. */
async function tokenOf(actor: Actor, access: "READ" | "READ_WRITE", creator: Actor = actor): Promise<string> {
  if (access === "READ" || can(actor.role, "register:write")) return tokenFor(actor, access, creator);
  const token = await tokenFor(actor, "READ", creator);
  await testDb().apiToken.update({ where: { tokenHash: hashToken(token) }, data: { access: "READ_WRITE" } });
  return token;
}

beforeAll(async () => {
  const admin = await actorFor("admin@register.example.gov.uk");
  for (const [label, email] of PEOPLE) {
    const actor = await actorFor(email);
    principals.set(label, { label, actor, tokens: { READ: await tokenOf(actor, "READ"), READ_WRITE: await tokenOf(actor, "READ_WRITE") } });
  }
  const editor = principals.get(PEOPLE[0][0])!.actor;
  const home = editor.organisationId!;
  const created = await createServiceAccount(admin, { name: `Matrix facilities system ${Date.now()}`, role: "ESTATES_EDITOR", organisationId: home });
  if (!created.ok) throw new Error(JSON.stringify(created.fieldErrors));
  const service = await serviceAccountActor(admin, created.value.id);
  principals.set(SERVICE_ACCOUNT, { label: SERVICE_ACCOUNT, actor: service, tokens: { READ: await tokenOf(service, "READ", admin), READ_WRITE: await tokenOf(service, "READ_WRITE", admin) } });
  // Administrators cannot be given tokens (the API uses none of their permissions); one moved to
  // an administrator in the database shows the handler refuses them all the same.
  const adminTokens = { READ: await tokenFor(editor, "READ"), READ_WRITE: await tokenFor(editor, "READ_WRITE") };
  for (const token of Object.values(adminTokens)) await testDb().apiToken.update({ where: { tokenHash: hashToken(token) }, data: { userId: admin.id } });
  principals.set(ADMINISTRATOR, { label: ADMINISTRATOR, actor: admin, tokens: adminTokens });
});

/** Rows and versions of what the API can change, and the audit trail's length. */
async function registerState(): Promise<unknown> {
  return testDb().$queryRaw`SELECT
    (SELECT count(*) FROM sites)::int AS sites, (SELECT coalesce(sum(version), 0) FROM sites)::int AS site_versions,
    (SELECT count(*) FROM devices)::int AS devices, (SELECT coalesce(sum(version), 0) FROM devices)::int AS device_versions,
    (SELECT count(*) FROM camera_systems)::int AS systems, (SELECT coalesce(sum(version), 0) FROM camera_systems)::int AS system_versions,
    (SELECT count(*) FROM audit_events)::int AS audit_events`;
}

type Resource = "organisations" | "sites" | "camera-systems" | "devices";
interface RecordRef { id: number; version: number }

/** A record of the resource the path names, inside (or outside) the organisations `actor` may see. */
async function recordFor(resource: string, actor: Actor, inside: boolean): Promise<RecordRef | null> {
  const orgIds = actor.scope.all ? null : actor.scope.organisationIds;
  if (!inside && orgIds === null) return null;
  const org = orgIds === null ? {} : inside ? { in: orgIds } : { notIn: orgIds };
  const select = { id: true, version: true } as const;
  switch (resource as Resource) {
    case "organisations":
      return testDb().organisation.findFirst({ where: { id: org }, select, orderBy: { id: "asc" } });
    case "sites":
      return testDb().site.findFirst({ where: { organisationId: org, archivedAt: null, devices: { some: {} } }, select, orderBy: { id: "asc" } });
    case "camera-systems":
      return testDb().cameraSystem.findFirst({ where: { site: { organisationId: org, archivedAt: null } }, select, orderBy: { id: "asc" } });
    case "devices":
      return testDb().device.findFirst({ where: { organisationId: org, site: { archivedAt: null } }, select, orderBy: { id: "asc" } });
    default:
      throw new Error(`the matrix does not know how to find a record for /api/v1/${resource}: add it to recordFor`);
  }
}

/** The path with the record's id, and the params as the route's folders name them. */
function pathOf(template: string, record: RecordRef | null, names: string[]): { path: string; params: Record<string, string> } {
  const params: Record<string, string> = {};
  let index = 0;
  const path = template.replace(/\{([^}]+)\}/g, () => {
    const value = String(record?.id ?? 1);
    params[names[index++]!] = value;
    return value;
  });
  return { path, params };
}

function validBody(operation: Operation): unknown {
  const schema = operation.requestBody?.content?.["application/json"]?.schema;
  return schema === undefined ? undefined : sampleOf(schema, document);
}

const takesIfMatch = (operation: Operation) => (operation.parameters ?? []).some((p) => p.in === "header" && p.name.toLowerCase() === "if-match");

describe.each(operations.map((o) => [`${o.method.toUpperCase()} ${o.template} (${o.operation.operationId})`, o] as const))("%s", (_, { template, method, operation }) => {
  const resource = template.split("/")[3]!;
  const hasId = template.includes("{");

  it.each(LABELS.flatMap((label) => (["READ", "READ_WRITE"] as const).map((access) => [label, access] as const)))("as the %s, with a %s token", async (label, access) => {
    const principal = principals.get(label)!;
    const { handler, params: names } = await handlerFor(template, method);
    const refusedByAccess = operation["x-access"] === "write" && access === "READ";
    const permitted = operation["x-permissions"].some((p) => can(principal.actor.role, p));
    const who = `${principal.label}, ${access} token, ${method.toUpperCase()} ${template}`;
    const token = principal.tokens[access];
    const inside = hasId ? await recordFor(resource, principal.actor, true) : null;
    if (hasId && !inside) throw new Error(`no ${resource} record found for ${who}`);

    const before = await registerState();
    if (refusedByAccess || !permitted) {
      // A request that would otherwise be accepted: the right version and a body the document accepts.
      const { path, params } = pathOf(template, inside, names);
      const headers: Record<string, string> = takesIfMatch(operation) && inside ? { "If-Match": `"${inside.version}"` } : {};
      const response = await callRoute(handler, { method: method.toUpperCase(), path, params, token, headers, body: validBody(operation) });
      expect(response.status, `${who} should be refused`).toBe(403);
      expect((response.json as { detail: string }).detail, who).toMatch(refusedByAccess ? /can only read/ : /permission/);
    } else {
      // Permitted: in scope the answer is never 401 or 403 (a read is 200; a change, sent without
      // If-Match or with an empty body on purpose, is refused for that and nothing else).
      const { path, params } = pathOf(template, inside, names);
      const response = await callRoute(handler, { method: method.toUpperCase(), path, params, token, body: method === "get" ? undefined : {} });
      expect([401, 403], `${who} answered ${response.status}: ${JSON.stringify(response.json)}`).not.toContain(response.status);
      if (method === "get") expect(response.status, `${who}: ${JSON.stringify(response.json)}`).toBe(200);
      else expect([400, 409, 422, 428], `${who}: ${JSON.stringify(response.json)}`).toContain(response.status);

      // Another department's record is not found, whatever is asked of it.
      const outside = hasId ? await recordFor(resource, principal.actor, false) : null;
      if (outside) {
        const other = pathOf(template, outside, names);
        const headers: Record<string, string> = takesIfMatch(operation) ? { "If-Match": `"${outside.version}"` } : {};
        const refused = await callRoute(handler, { method: method.toUpperCase(), path: other.path, params: other.params, token, headers, body: validBody(operation) });
        expect(refused.status, `${who}, another department's record: ${JSON.stringify(refused.json)}`).toBe(404);
      }
    }
    expect(await registerState(), `${who} changed the register`).toEqual(before);
  });
});

it("covers every operation in the document", () => {
  expect(operations.length).toBeGreaterThanOrEqual(2);
  expect([...principals.keys()]).toEqual(LABELS);
});
