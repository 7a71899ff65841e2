import { OpenApiGeneratorV31 } from "@asteasolutions/zod-to-openapi";
import { registry } from "@/lib/api/openapi/registry";
// Each resource registers its operations when its module is loaded.
import "@/lib/api/openapi/paths/organisations";
import "@/lib/api/openapi/paths/sites";
import "@/lib/api/openapi/paths/camera-systems";
import "@/lib/api/openapi/paths/devices";

type Document = ReturnType<OpenApiGeneratorV31["generateDocument"]>;

/** What each group of operations is for, in the order the reference lists them. */
export const TAG_DESCRIPTIONS: Record<string, string> = {
  Organisations: "Departments and agencies, with their compliance status and figures as on the dashboard.",
  Sites: "The places where cameras are installed: list, read, create, update and archive.",
  "Camera systems": "The systems (recorders, video management) on a site that devices belong to.",
  Devices: "Cameras and other devices: list, read, create, update, move, decommission, record removal or an exemption.",
  Findings: "What the compliance rules found about a device, with the action each one needs.",
  "Bulk upsert": "Create or update up to 10,000 devices in one request, checked as the import page checks them, all or nothing.",
};

// Headers the API's common ground sends with every answer, described once and referred to.
const HEADERS = {
  "RateLimit-Limit": { description: "Requests this token may make each minute", schema: { type: "integer" } },
  "RateLimit-Remaining": { description: "Requests this token has left this minute", schema: { type: "integer" } },
  "Retry-After": { description: "Seconds to wait before trying again", schema: { type: "integer" }, required: true },
  "WWW-Authenticate": { description: "How to authenticate: a bearer token", schema: { type: "string" }, required: true },
} as const;

const headerRef = (name: keyof typeof HEADERS) => ({ $ref: `#/components/headers/${name}` });

/**
 * Adds the headers the common handler sets (lib/api/handler.ts), so each operation need not: the
 * rate limit on every answer the handler reaches (always on a success, so required there),
 * Retry-After on 429 and WWW-Authenticate on 401.
 */
function withCommonHeaders(document: Document): Document {
  for (const item of Object.values(document.paths ?? {})) {
    for (const method of ["get", "put", "post", "patch", "delete"] as const) {
      const operation = item[method];
      if (!operation?.responses) continue;
      for (const [status, response] of Object.entries(operation.responses)) {
        if ("$ref" in response) continue;
        const headers: Record<string, unknown> = { ...(response.headers ?? {}) };
        if (status.startsWith("2")) {
          headers["RateLimit-Limit"] = { ...HEADERS["RateLimit-Limit"], required: true };
          headers["RateLimit-Remaining"] = { ...HEADERS["RateLimit-Remaining"], required: true };
        } else if (status === "429") {
          headers["Retry-After"] = headerRef("Retry-After");
          headers["RateLimit-Limit"] = headerRef("RateLimit-Limit");
          headers["RateLimit-Remaining"] = headerRef("RateLimit-Remaining");
        } else if (status === "401") {
          headers["WWW-Authenticate"] = headerRef("WWW-Authenticate");
        } else {
          headers["RateLimit-Limit"] ??= headerRef("RateLimit-Limit");
          headers["RateLimit-Remaining"] ??= headerRef("RateLimit-Remaining");
        }
        response.headers = headers as typeof response.headers;
      }
    }
  }
  const used = new Set(
    Object.values(document.paths ?? {}).flatMap((item) => ["get", "put", "post", "patch", "delete"].flatMap((m) => (item[m as "get"]?.tags ?? []))),
  );
  const known = Object.keys(TAG_DESCRIPTIONS);
  const names = [...known.filter((t) => used.has(t)), ...[...used].filter((t) => !known.includes(t)).sort()];
  // A tag missing from TAG_DESCRIPTIONS is listed without a description: the document test refuses it.
  document.tags = names.map((name) => (TAG_DESCRIPTIONS[name] ? { name, description: TAG_DESCRIPTIONS[name] } : { name }));
  document.components = { ...document.components, headers: { ...(document.components?.headers ?? {}), ...HEADERS } };
  return document;
}

let cached: Document | undefined;

/** The API's OpenAPI 3.1 document, made once per process from the registered zod schemas. */
export function openApiDocument(): Document {
  cached ??= withCommonHeaders(
    new OpenApiGeneratorV31(registry.definitions).generateDocument({
      openapi: "3.1.0",
      info: {
        title: "Estate Camera Register API",
        version: "1.0.0",
        description:
          "For departments' own systems: read organisations' compliance status, and keep sites, camera systems and devices in the register up to date. " +
          "Authenticate with an API token as a bearer token (Authorization: Bearer <token>); create one on your account's API tokens page. " +
          "Lists are pages in id order: pass nextCursor as cursor for the next page. A change to a record sends the ETag it read in If-Match; a stale one is refused with 412. " +
          "Errors are RFC 9457 problem details (application/problem+json) naming each invalid field. Each token may make a limited number of requests a minute (429 with Retry-After beyond it). " +
          "A readable reference with examples is at /developers/api on this service.",
        contact: { name: "Estate Camera Register team" },
      },
      servers: [{ url: "/", description: "This service" }],
    }),
  );
  return cached;
}
