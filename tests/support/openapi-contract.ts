// Holds every API response a test sees to the OpenAPI document: the operation is found by method
// and path template, the status must be one it documents, the media type one documented for that
// status, the headers it marks required present, and the body valid against the response schema
// (JSON Schema 2020-12, with $refs to the document's components). Objects are checked closed: a
// property the document does not name is a failure too, so the document cannot fall behind.
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

type Json = Record<string, unknown>;

export interface OpenApiDocumentLike {
  paths?: Record<string, Record<string, unknown> | undefined>;
  components?: { schemas?: Record<string, unknown>; headers?: Record<string, unknown> };
}

export interface ObservedResponse {
  method: string;
  /** The request's path, with or without a query string or origin. */
  path: string;
  status: number;
  headers: Headers;
  /** The body as text ("" for none). */
  body: string;
}

export interface OperationFound {
  template: string;
  method: string;
  operation: Json;
}

export class ContractViolation extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ContractViolation";
  }
}

const METHODS = ["get", "put", "post", "patch", "delete"] as const;
const COMPONENTS_ID = "https://estate-camera-register.invalid/openapi/components";

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function templatePattern(template: string): RegExp {
  const parts = template.split(/(\{[^}]+\})/).map((part) => (/^\{[^}]+\}$/.test(part) ? "[^/]+" : escapeRegExp(part)));
  return new RegExp(`^${parts.join("")}$`);
}

/** Copies a schema with component $refs pointed at the shared components schema, and objects closed. */
function prepare(schema: unknown, open: ReadonlySet<string>, insideComposition = false): unknown {
  if (Array.isArray(schema)) return schema.map((s) => prepare(s, open, insideComposition));
  if (typeof schema !== "object" || schema === null) return schema;
  const source = schema as Json;
  const out: Json = {};
  for (const [key, value] of Object.entries(source)) {
    if (key === "$ref" && typeof value === "string" && value.startsWith("#/components/schemas/")) {
      out.$ref = `${COMPONENTS_ID}#/$defs/${value.slice("#/components/schemas/".length)}`;
    } else if (key === "properties" && typeof value === "object" && value !== null) {
      out.properties = Object.fromEntries(Object.entries(value).map(([name, s]) => [name, prepare(s, open)]));
    } else if (key === "allOf" || key === "anyOf" || key === "oneOf") {
      out[key] = prepare(value, open, key === "allOf");
    } else if (key === "example" || key === "examples" || key === "discriminator" || key === "xml" || key === "externalDocs" || key.startsWith("x-")) {
      continue;
    } else {
      out[key] = prepare(value, open);
    }
  }
  // A closed object: no properties but those documented. Parts of an allOf stay open (the whole is
  // closed instead, through unevaluatedProperties, which sees the parts' properties).
  const isObject = source.type === "object" || (Array.isArray(source.type) && source.type.includes("object"));
  if (!insideComposition && source.additionalProperties === undefined && source.unevaluatedProperties === undefined && (isObject || source.allOf)) {
    if (source.properties || source.allOf) out.unevaluatedProperties = false;
  }
  return out;
}

/** Components named directly in an allOf stay open, since the allOf around them adds properties. */
function componentsExtended(document: OpenApiDocumentLike): Set<string> {
  const names = new Set<string>();
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (typeof node !== "object" || node === null) return;
    const value = node as Json;
    if (Array.isArray(value.allOf)) {
      for (const part of value.allOf as Json[]) {
        if (typeof part.$ref === "string") names.add(part.$ref.replace("#/components/schemas/", ""));
      }
    }
    Object.values(value).forEach(walk);
  };
  walk(document);
  return names;
}

function mediaTypeOf(headers: Headers): string | null {
  const value = headers.get("content-type");
  return value === null ? null : value.split(";")[0]!.trim().toLowerCase();
}

export interface ContractChecker {
  /** The documented operation for a method and a concrete path, or null. */
  find(method: string, path: string): OperationFound | null;
  /** Throws a ContractViolation saying what is wrong; returns the parsed body otherwise. */
  check(response: ObservedResponse): unknown;
}

export function contractChecker(document: OpenApiDocumentLike): ContractChecker {
  const open = componentsExtended(document);
  const ajv = new Ajv2020({ strict: true, allErrors: true, allowUnionTypes: true });
  addFormats(ajv);
  // OpenAPI's own integer formats, which ajv-formats does not know.
  ajv.addFormat("int32", { type: "number", validate: (n: number) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31 });
  ajv.addFormat("int64", { type: "number", validate: (n: number) => Number.isSafeInteger(n) });
  const defs = Object.fromEntries(
    Object.entries(document.components?.schemas ?? {}).map(([name, schema]) => {
      const prepared = prepare(schema, open) as Json;
      if (open.has(name)) delete prepared.unevaluatedProperties;
      return [name, prepared];
    }),
  );
  ajv.addSchema({ $id: COMPONENTS_ID, $defs: defs });

  // Literal paths before templated ones, so /devices/bulk is not taken for /devices/{id}.
  const templates = Object.keys(document.paths ?? {})
    .map((template) => ({ template, pattern: templatePattern(template), params: (template.match(/\{/g) ?? []).length }))
    .sort((a, b) => a.params - b.params);
  const validators = new Map<string, ValidateFunction>();

  function find(method: string, path: string): OperationFound | null {
    const pathname = new URL(path, "http://contract.invalid").pathname;
    const lower = method.toLowerCase();
    for (const { template, pattern } of templates) {
      if (!pattern.test(pathname)) continue;
      const operation = document.paths?.[template]?.[lower];
      if (operation) return { template, method: lower, operation: operation as Json };
    }
    return null;
  }

  function resolveHeader(header: unknown): Json {
    const value = header as Json;
    if (typeof value.$ref === "string") {
      const name = value.$ref.replace("#/components/headers/", "");
      return (document.components?.headers?.[name] ?? {}) as Json;
    }
    return value;
  }

  function check(response: ObservedResponse): unknown {
    const { method, path, status, headers, body } = response;
    const where = `${method.toUpperCase()} ${path} answered ${status}`;
    const found = find(method, path);
    if (!found) {
      const methods = templates.filter((t) => t.pattern.test(new URL(path, "http://contract.invalid").pathname)).flatMap((t) => METHODS.filter((m) => document.paths?.[t.template]?.[m]));
      throw new ContractViolation(`${where}, but the OpenAPI document has no operation for ${method.toUpperCase()} ${path}${methods.length ? ` (it documents ${methods.join(", ").toUpperCase()} there)` : ""}`);
    }
    const name = `${(found.operation.operationId as string | undefined) ?? found.template} (${found.method.toUpperCase()} ${found.template})`;
    const responses = (found.operation.responses ?? {}) as Record<string, Json>;
    const documented = responses[String(status)] ?? responses[`${String(status)[0]}XX`] ?? responses.default;
    if (!documented) {
      throw new ContractViolation(`${where}: ${name} documents only ${Object.keys(responses).join(", ")}${body ? `. Body: ${body.slice(0, 300)}` : ""}`);
    }
    for (const [header, spec] of Object.entries((documented.headers ?? {}) as Record<string, unknown>)) {
      if (resolveHeader(spec).required === true && !headers.has(header)) {
        throw new ContractViolation(`${where}: ${name} documents the header ${header} as required for ${status}, and it is missing`);
      }
    }
    const content = (documented.content ?? {}) as Record<string, Json>;
    const types = Object.keys(content);
    const mediaType = mediaTypeOf(headers);
    if (types.length === 0) {
      if (body !== "") throw new ContractViolation(`${where}: ${name} documents no body for ${status}, but one came (${mediaType ?? "no Content-Type"})`);
      return null;
    }
    if (mediaType === null || !types.includes(mediaType)) {
      throw new ContractViolation(`${where}: Content-Type is ${mediaType ?? "missing"}, but ${name} documents ${types.join(" or ")} for ${status}`);
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(body) as unknown;
    } catch {
      throw new ContractViolation(`${where}: the body is not JSON, though ${mediaType} was declared: ${body.slice(0, 200)}`);
    }
    const key = `${found.method} ${found.template} ${status} ${mediaType}`;
    let validate = validators.get(key);
    if (!validate) {
      validate = ajv.compile(prepare(content[mediaType]!.schema ?? {}, open) as Json);
      validators.set(key, validate);
    }
    if (!validate(parsed)) {
      const problems = (validate.errors ?? []).slice(0, 10).map((e) => {
        const at = e.instancePath === "" ? "the body" : e.instancePath;
        if (e.keyword === "unevaluatedProperties") return `${at} has a property the document does not name: ${String((e.params as { unevaluatedProperty?: string }).unevaluatedProperty)}`;
        if (e.keyword === "required") return `${at} lacks the required property ${String((e.params as { missingProperty?: string }).missingProperty)}`;
        return `${at} ${e.message ?? e.keyword}`;
      });
      throw new ContractViolation(`${where}: the body does not match ${name}'s schema for ${status}:\n  - ${problems.join("\n  - ")}\nBody: ${body.slice(0, 500)}`);
    }
    return parsed;
  }

  return { find, check };
}
