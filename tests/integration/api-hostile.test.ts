import { gzipSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { openApiDocument } from "@/lib/api/openapi/document";
import type { Actor } from "@/lib/auth/actor";
import { actorFor, testDb } from "./helpers";
import { callRoute, tokenFor, type ApiCall } from "../support/api-call";
import { sampleOf } from "../support/openapi-sample";

// Hostile input to every operation in the OpenAPI document, as an estates editor with a token that
// can change: never a 500 (callRoute's contract check refuses any undocumented status), every
// refusal a problem, and the register unchanged.

const document = openApiDocument();
const METHODS = ["get", "put", "post", "patch", "delete"] as const;
type Operation = { operationId: string; requestBody?: { content?: Record<string, { schema?: unknown }> } };
const operations = Object.entries(document.paths ?? {}).flatMap(([template, item]) =>
  METHODS.filter((m) => item[m]).map((method) => ({ template, method, operation: item[method] as unknown as Operation })),
);

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
const routeModules = import.meta.glob<Record<string, Handler>>("../../app/api/v1/**/route.ts");
async function routeFor(template: string, method: string): Promise<{ handler: Handler; params: string[] }> {
  const shape = (path: string) => path.replace(/\{[^}]+\}|\[[^\]]+\]/g, "*");
  const file = Object.keys(routeModules).find((f) => shape(f) === shape(`../../app${template}/route.ts`));
  if (!file) throw new Error(`no route file for ${template}`);
  const handler = (await routeModules[file]!())[method.toUpperCase()];
  if (!handler) throw new Error(`${file} exports no ${method.toUpperCase()}`);
  return { handler, params: [...file.matchAll(/\[([^\]]+)\]/g)].map((m) => m[1]!) };
}

let editor: Actor;
let token: string;
const ids: Record<string, number> = {};

beforeAll(async () => {
  editor = await actorFor("editor@ho.example.gov.uk");
  token = await tokenFor(editor, "READ_WRITE");
  const orgs = editor.scope.all ? {} : { in: editor.scope.organisationIds };
  ids.organisations = (await testDb().organisation.findFirstOrThrow({ where: { id: orgs }, select: { id: true } })).id;
  ids.sites = (await testDb().site.findFirstOrThrow({ where: { organisationId: orgs, archivedAt: null }, select: { id: true } })).id;
  ids["camera-systems"] = (await testDb().cameraSystem.findFirstOrThrow({ where: { site: { organisationId: orgs, archivedAt: null } }, select: { id: true } })).id;
  ids.devices = (await testDb().device.findFirstOrThrow({ where: { organisationId: orgs }, select: { id: true } })).id;
});

async function registerState(): Promise<unknown> {
  return testDb().$queryRaw`SELECT
    (SELECT count(*) FROM sites)::int AS sites, (SELECT coalesce(sum(version), 0) FROM sites)::int AS site_versions,
    (SELECT count(*) FROM devices)::int AS devices, (SELECT coalesce(sum(version), 0) FROM devices)::int AS device_versions,
    (SELECT count(*) FROM camera_systems)::int AS systems, (SELECT coalesce(sum(version), 0) FROM camera_systems)::int AS system_versions,
    (SELECT count(*) FROM audit_events)::int AS audit_events`;
}

function withNul(value: unknown): unknown {
  if (typeof value === "string") return `${value}\u0000`;
  if (Array.isArray(value)) return value.map(withNul);
  if (typeof value === "object" && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withNul(v)]));
  return value;
}

function withHugeNumbers(value: unknown): unknown {
  if (typeof value === "number") return 1e308;
  if (Array.isArray(value)) return value.map(withHugeNumbers);
  if (typeof value === "object" && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withHugeNumbers(v)]));
  return value;
}

// 5,000 levels deep, written as text (JSON.stringify itself would overflow the stack).
const nested = `${'{"a":'.repeat(5000)}{}${"}".repeat(5000)}`;

describe.each(operations.map((o) => [`${o.method.toUpperCase()} ${o.template} (${o.operation.operationId})`, o] as const))("%s", (_, { template, method, operation }) => {
  const resource = template.split("/")[3]!;
  const writes = method !== "get";
  const bodySchema = operation.requestBody?.content?.["application/json"]?.schema;

  async function send(call: Omit<ApiCall, "path" | "params">, id?: number): Promise<{ status: number; json: unknown }> {
    const { handler, params: names } = await routeFor(template, method);
    const params: Record<string, string> = {};
    let index = 0;
    const path = template.replace(/\{[^}]+\}/g, () => {
      const value = String(id ?? ids[resource] ?? 1);
      params[names[index++]!] = value;
      return value;
    });
    const before = await registerState();
    const response = await callRoute(handler, { method: method.toUpperCase(), path, params, ...call });
    expect(response.status, `${method.toUpperCase()} ${path}: ${JSON.stringify(response.json)}`).toBeLessThan(500);
    if (response.status >= 400) expect((response.json as { status: number }).status).toBe(response.status);
    expect(await registerState(), `${method.toUpperCase()} ${path} changed the register`).toEqual(before);
    return response;
  }

  it("refuses no token, and a token with NUL bytes, with 401", async () => {
    expect((await send({ token: null })).status).toBe(401);
    expect((await send({ headers: { Authorization: `Bearer ${token.slice(0, 10)}\u0000${token.slice(10)}` } }).catch(() => ({ status: 401 }))).status).toBe(401);
  });

  it.runIf(template.includes("{"))("answers 404 for an id of 2^40, never 500", async () => {
    const response = await send({ token, ...(writes ? { body: {}, headers: { "If-Match": '"1"' } } : {}) }, 2 ** 40);
    expect(response.status).toBe(404);
  });

  it.runIf(writes && bodySchema !== undefined)("refuses a body that is not JSON (400), gzip (415), 2 MB (413), an array, deep nesting, NUL bytes and huge numbers", async () => {
    const headers = { "Content-Type": "application/json", "If-Match": '"1"' };
    expect([400, 428]).toContain((await send({ token, rawBody: "{not json", headers })).status);
    const gzip = await send({ token, rawBody: new Uint8Array(gzipSync(JSON.stringify({}))), headers: { ...headers, "Content-Encoding": "gzip" } });
    expect([415, 428]).toContain(gzip.status);
    const big = await send({ token, rawBody: JSON.stringify({ name: "x".repeat(2 * 1024 * 1024) }), headers });
    // The bulk upsert reads up to its own, larger limit: 2 MB of one name is then an invalid body.
    expect(template.endsWith("/bulk") ? [413, 422] : [413, 428]).toContain(big.status);
    const array = await send({ token, rawBody: "[]", headers });
    expect([400, 422, 428]).toContain(array.status);
    const deep = await send({ token, rawBody: nested, headers });
    expect([400, 422, 428]).toContain(deep.status);
    const sample = sampleOf(bodySchema, document);
    const nul = await send({ token, body: withNul(sample), headers: { "If-Match": '"1"' } });
    expect([404, 409, 412, 422, 428]).toContain(nul.status);
    // Only a body with numbers in it can carry huge ones (another would be a valid request).
    if (JSON.stringify(withHugeNumbers(sample)) !== JSON.stringify(sample)) {
      const huge = await send({ token, body: withHugeNumbers(sample), headers: { "If-Match": '"1"' } });
      expect([404, 409, 412, 422, 428]).toContain(huge.status);
    }
  });
});
