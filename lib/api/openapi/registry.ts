// The API's OpenAPI 3.1 document is generated from the same zod schemas the handlers use: each
// resource's module (lib/api/openapi/paths/*.ts) registers its operations here, and document.ts
// turns the registry into the document served at /api/v1/openapi.json.
import { OpenAPIRegistry, type RouteConfig } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import type { ApiRouteOptions } from "@/lib/api/route-options";
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from "@/lib/api/pagination";

export const registry = new OpenAPIRegistry();

export const bearerAuth = registry.registerComponent("securitySchemes", "bearerAuth", {
  type: "http",
  scheme: "bearer",
  description: "An API token from your account's \"API tokens\" page, sent as Authorization: Bearer <token>.",
});

// Schemas with a meta id become named components of the document.
export const ProblemSchema = z
    .object({
      type: z.string().meta({ example: "about:blank" }),
      title: z.string().meta({ example: "Unprocessable content" }),
      status: z.number().int().meta({ example: 422 }),
      detail: z.string().meta({ example: "The request has 1 problem: see errors." }),
      errors: z
        .array(
          z.object({
            pointer: z.string().optional().meta({ description: "JSON pointer to the field in the request body", example: "#/name" }),
            parameter: z.string().optional().meta({ description: "The query parameter at fault", example: "limit" }),
            detail: z.string().meta({ example: "Enter the site name" }),
          }),
        )
        .optional(),
    })
    .meta({ id: "Problem", description: "An error, as RFC 9457 problem details (media type application/problem+json)." });

const problemContent = { "application/problem+json": { schema: ProblemSchema } };

/** The refusals every operation can give, keyed by status. */
export function problemResponses(...statuses: number[]) {
  const words: Record<number, string> = {
    400: "The request is malformed (a query parameter, the JSON, or an If-Match header)",
    401: "No API token, or one that is not valid",
    403: "The token or its owner may not do this",
    404: "Not found, or outside the organisations the token's owner may see",
    412: "The record has changed since the ETag sent in If-Match",
    413: "The body is too large",
    415: "The body is not uncompressed JSON",
    422: "The record is not valid: each problem is named in errors",
    428: "A change must send If-Match",
    429: "Too many requests from this token: wait for the seconds in Retry-After",
  };
  const all = [...new Set([401, 403, 429, ...statuses])].sort();
  return Object.fromEntries(all.map((s) => [String(s), { description: words[s] ?? "Refused", content: problemContent }]));
}

export const pageQuery = z.object({
  limit: z.number().int().min(1).max(MAX_PAGE_SIZE).optional().meta({ description: `Records per page (default ${DEFAULT_PAGE_SIZE}, at most ${MAX_PAGE_SIZE})` }),
  cursor: z.string().optional().meta({ description: "The nextCursor of the page before; omit for the first page" }),
});

/** A page of records of `item`, with the cursor for the next page. */
export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    nextCursor: z.string().nullable().meta({ description: "Pass as cursor for the next page; null on the last page" }),
  });
}

export const ETagHeader = z.string().meta({ description: "The record's version, to send back in If-Match when changing it", example: '"3"' });
export const IfMatchHeader = z.string().meta({ description: "The ETag the change is based on", example: '"3"' });
export const LocationHeader = z.string().meta({ description: "The new record's address in this API", example: "/api/v1/sites/42" });

/**
 * Documents an operation and returns what its route handler must check: the route passes the
 * result to apiRoute, so no operation runs undocumented, and the access and permissions the
 * document states (x-access, x-permissions: the authorisation matrix tests read them) are the
 * ones enforced.
 */
export function registerOperation(config: Omit<RouteConfig, "security"> & ApiRouteOptions): ApiRouteOptions {
  const { access, permission, ...route } = config;
  const permissions = typeof permission === "string" ? [permission] : [...permission];
  registry.registerPath({
    ...route,
    security: [{ [bearerAuth.name]: [] }],
    "x-access": access,
    "x-permissions": permissions,
  });
  return { access, permission: permissions };
}
