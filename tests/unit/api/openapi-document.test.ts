import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { describe, expect, it } from "vitest";
import { openApiDocument } from "@/lib/api/openapi/document";
import { can, ROLES, type Permission } from "@/lib/auth/permissions";
import officialSchema from "../../support/vendor/openapi-3.1-schema.json";
import { contractChecker, type OpenApiDocumentLike } from "../../support/openapi-contract";

// The API's OpenAPI document: valid OpenAPI 3.1 by the OpenAPI Initiative's own schema, every
// operation fully described, and the same set of operations as the route handlers on disk.

const document = openApiDocument();
const METHODS = ["get", "put", "post", "patch", "delete"] as const;
type Operation = Record<string, unknown> & { responses: Record<string, { content?: Record<string, unknown>; headers?: Record<string, unknown> }> };

const operations = Object.entries(document.paths ?? {}).flatMap(([path, item]) =>
  METHODS.filter((m) => item[m]).map((method) => ({ path, method, operation: item[method] as unknown as Operation })),
);

const API_ROOT = join(process.cwd(), "app", "api", "v1");
// The document itself is public (it names no data) and is not an operation of the API.
const NOT_OPERATIONS = new Set(["GET /api/v1/openapi.json"]);

function routeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return routeFiles(full);
    return name === "route.ts" ? [full] : [];
  });
}

/** "GET /api/v1/sites/{id}" for each method a route file exports. */
function handlersOnDisk(): string[] {
  return routeFiles(API_ROOT).flatMap((file) => {
    const folder = relative(join(process.cwd(), "app"), file).split(sep).slice(0, -1);
    const template = "/" + folder.map((part) => part.replace(/^\[(.+)\]$/, "{$1}")).join("/");
    const source = readFileSync(file, "utf8");
    const exported = [...source.matchAll(/export\s+(?:const|(?:async\s+)?function)\s+(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\b/g)].map((m) => m[1]!);
    const reexported = [...source.matchAll(/export\s*\{([^}]*)\}/g)].flatMap((m) => m[1]!.split(",").map((p) => p.trim().split(/\s+as\s+/).at(-1)!)).filter((n) => /^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)$/.test(n));
    return [...exported, ...reexported].map((method) => `${method} ${template}`);
  });
}

/**
 * The OAI's schema, compiled. Ajv honours $dynamicAnchor only at a schema's root, and the OAI's
 * sits in $defs/schema, so its $dynamicRef "#meta" is read as the plain $ref it means for the base
 * dialect (the anchor exists so other dialects can extend the Schema Object).
 */
function officialValidator() {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addFormat("media-range", /^[\w.+*-]+\/[\w.+*-]+(\s*;.*)?$/);
  const schema = JSON.parse(JSON.stringify(officialSchema).replaceAll('"$dynamicRef":"#meta"', '"$ref":"#/$defs/schema"')) as object;
  return ajv.compile(schema);
}

describe("the OpenAPI document", () => {
  it("is valid OpenAPI 3.1 by the OpenAPI Initiative's schema", () => {
    const validate = officialValidator();
    const valid = validate(JSON.parse(JSON.stringify(document)));
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    expect(document.openapi).toMatch(/^3\.1\.\d+$/);
  });

  it("is refused by that schema when broken, so the check above can fail", () => {
    const validate = officialValidator();
    const broken = JSON.parse(JSON.stringify(document)) as { info: Record<string, unknown>; paths: Record<string, Record<string, { responses: unknown }>> };
    delete broken.info.title;
    expect(validate(broken)).toBe(false);
    const badResponses = JSON.parse(JSON.stringify(document)) as typeof broken;
    const [first] = Object.values(badResponses.paths);
    first!.get!.responses = { "200": { content: {} } }; // a response without a description
    expect(validate(badResponses)).toBe(false);
  });

  it("has every schema valid JSON Schema 2020-12 (strict), so responses can be checked against it", () => {
    const checker = contractChecker(document as OpenApiDocumentLike);
    expect(checker.find("GET", "/api/v1/organisations")).not.toBeNull();
    const ajv = new Ajv2020({ strict: true, allowUnionTypes: true });
    addFormats(ajv);
    ajv.addKeyword("example");
    ajv.addFormat("int32", true).addFormat("int64", true);
    const components = JSON.parse(JSON.stringify(document.components?.schemas ?? {}).replaceAll('"#/components/schemas/', '"https://register.invalid/c#/$defs/')) as Record<string, object>;
    ajv.addSchema({ $id: "https://register.invalid/c", $defs: components });
    for (const name of Object.keys(components)) expect(() => ajv.getSchema(`https://register.invalid/c#/$defs/${name}`), name).not.toThrow();
  });

  it("says who it is for, where it is served, and how to authenticate", () => {
    expect(document.info.title).toBe("Estate Camera Register API");
    expect(document.info.description).toMatch(/bearer token/);
    expect(document.servers?.length).toBeGreaterThan(0);
    expect(document.components?.securitySchemes?.bearerAuth).toMatchObject({ type: "http", scheme: "bearer" });
    expect(document.components?.schemas?.Problem).toBeDefined();
  });

  it("describes each tag it uses, and uses each tag it describes", () => {
    const used = new Set(operations.flatMap(({ operation }) => (operation.tags as string[] | undefined) ?? []));
    const described = document.tags ?? [];
    expect(described.map((t) => t.name).sort()).toEqual([...used].sort());
    for (const tag of described) expect(tag.description, `tag ${tag.name}`).toMatch(/\w{3,}/);
  });

  it.each(operations.map((o) => [`${o.method.toUpperCase()} ${o.path}`, o] as const))("%s is fully described", (_, { operation, method, path }) => {
    const where = `${method.toUpperCase()} ${path}`;
    expect(operation.operationId, where).toMatch(/^[a-z][A-Za-z]+$/);
    expect(operation.summary, where).toMatch(/^[A-Z].{5,}/);
    expect((operation.tags as string[] | undefined)?.length, where).toBeGreaterThan(0);
    expect(operation.security, where).toEqual([{ bearerAuth: [] }]);
    const access = operation["x-access"];
    expect(["read", "write"], where).toContain(access);
    if (method !== "get") expect(access, `${where} changes data, so needs a token that can change`).toBe("write");
    const permissions = operation["x-permissions"] as Permission[];
    expect(permissions.length, where).toBeGreaterThan(0);
    // Each permission is one some role holds: a typo would refuse everyone.
    for (const p of permissions) expect(ROLES.some((role) => can(role, p)), `${where}: ${p}`).toBe(true);
    for (const status of ["401", "403", "429"]) {
      expect(operation.responses[status]?.content, `${where} ${status}`).toHaveProperty(["application/problem+json"]);
    }
    expect(operation.responses["429"]?.headers, where).toHaveProperty(["Retry-After"]);
    expect(operation.responses["401"]?.headers, where).toHaveProperty(["WWW-Authenticate"]);
    const successes = Object.keys(operation.responses).filter((s) => s.startsWith("2"));
    expect(successes.length, where).toBeGreaterThan(0);
    for (const status of successes) expect(operation.responses[status]?.headers, `${where} ${status}`).toHaveProperty(["RateLimit-Remaining"]);
    if (successes.includes("201")) expect(operation.responses["201"]?.headers, `${where} creates, so says where`).toHaveProperty(["Location"]);
    // Path parameters are declared, each one.
    for (const name of path.match(/\{([^}]+)\}/g)?.map((p) => p.slice(1, -1)) ?? []) {
      const declared = ((operation.parameters as { in: string; name: string }[] | undefined) ?? []).some((p) => p.in === "path" && p.name === name);
      expect(declared, `${where} declares {${name}}`).toBe(true);
    }
    if (method === "get" && path.endsWith("}")) expect(operation.responses["404"], `${where} reads one record, so can be out of scope`).toBeDefined();
    if (method === "put" || method === "patch") {
      for (const status of ["412", "428"]) expect(operation.responses[status], `${where} needs If-Match`).toBeDefined();
    }
    if (operation.requestBody) expect(operation.responses["422"], `${where} takes a body, so can refuse one`).toBeDefined();
  });

  it("has unique operation ids", () => {
    const ids = operations.map((o) => o.operation.operationId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("documents exactly the handlers under app/api/v1, and no more", () => {
    // A folder's parameter may be named differently from the document's ([id] holds {siteId} where
    // a sibling is [id]): compare the paths' shapes.
    const shape = (h: string) => h.replace(/\{[^}]+\}/g, "{}");
    const onDisk = handlersOnDisk().filter((h) => !NOT_OPERATIONS.has(h)).map(shape).sort();
    const documented = operations.map((o) => shape(`${o.method.toUpperCase()} ${o.path}`)).sort();
    expect(onDisk).toEqual(documented);
    expect(onDisk.length).toBeGreaterThanOrEqual(2);
  });
});
