// Calling the API's route handlers in-process, as Next.js would: a Request and the route's params.
// Every response is held to the OpenAPI document on the way back (see openapi-contract.ts), so a
// test that gets an undocumented status, media type, header or body fails, whatever it asserts.
import { openApiDocument } from "@/lib/api/openapi/document";
import type { Actor } from "@/lib/auth/actor";
import { createApiTokenFor } from "@/lib/data/api-tokens";
import { contractChecker, type ContractChecker, type OpenApiDocumentLike } from "./openapi-contract";

type RouteHandler<P> = (request: Request, context: { params: Promise<P> }) => Promise<Response>;

export interface ApiCall {
  method?: string;
  /** Path and query, such as /api/v1/organisations?limit=2 */
  path: string;
  token?: string | null;
  body?: unknown;
  /** A raw body (a string or bytes) sent as is, for hostile input. */
  rawBody?: string | Uint8Array;
  headers?: Record<string, string>;
  params?: Record<string, string>;
}

export const API_ORIGIN = "http://localhost:3000";

export function apiRequest(call: ApiCall): Request {
  const headers = new Headers(call.headers);
  if (call.token) headers.set("Authorization", `Bearer ${call.token}`);
  let body: BodyInit | undefined;
  if (call.rawBody !== undefined) body = call.rawBody as BodyInit;
  else if (call.body !== undefined) {
    body = JSON.stringify(call.body);
    if (!headers.has("Content-Type")) headers.set("Content-Type", "application/json");
  }
  return new Request(`${API_ORIGIN}${call.path}`, { method: call.method ?? "GET", headers, body });
}

let checker: ContractChecker | undefined;

/** The checker for this process's OpenAPI document (the one served at /api/v1/openapi.json). */
export function apiContract(): ContractChecker {
  checker ??= contractChecker(openApiDocument() as OpenApiDocumentLike);
  return checker;
}

export async function callRoute<P = Record<string, string>>(handler: RouteHandler<P>, call: ApiCall): Promise<{ status: number; headers: Headers; json: unknown }> {
  const response = await handler(apiRequest(call), { params: Promise.resolve((call.params ?? {}) as P) });
  const text = await response.text();
  apiContract().check({ method: call.method ?? "GET", path: call.path, status: response.status, headers: response.headers, body: text });
  return { status: response.status, headers: response.headers, json: text === "" ? null : (JSON.parse(text) as unknown) };
}

/** A fresh token for `owner`, made by the owner themselves unless `creator` is given. */
export async function tokenFor(owner: Actor, access: "READ" | "READ_WRITE" = "READ_WRITE", creator: Actor = owner): Promise<string> {
  const expires = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  const created = await createApiTokenFor(creator, owner, { name: `test token ${Math.random().toString(36).slice(2, 8)}`, access, expiresOn: expires });
  if (!created.ok) throw new Error(`token refused: ${JSON.stringify(created.fieldErrors)}`);
  return created.value.token;
}
