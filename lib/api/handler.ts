import "server-only";
import type { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { AppError } from "@/lib/auth/errors";
import { can, type Permission } from "@/lib/auth/permissions";
import type { ApiRouteOptions } from "@/lib/api/route-options";
import { takeApiRequest } from "@/lib/data/api-rate-limit";
import { authenticateApiToken, type TokenHolder } from "@/lib/data/api-tokens";
import { env } from "@/lib/env";
import { logger } from "@/lib/platform/log";
import { setRequestUser } from "@/lib/platform/request-context";
import { readIfMatch } from "@/lib/api/etag";
import { problem } from "@/lib/api/problem";
import { ApiRefusal } from "@/lib/api/refusal";
import { BodyProblem } from "@/lib/api/request-body";

// The one way to write an API route handler. The API authenticates by bearer token only, never by
// the session cookie, so a page on another site cannot make a signed-in person's browser call it
// (and the proxy's same-origin rule, which exists for cookies, does not apply here). Then, in this
// order: the rate limit (before anything costly), the token's access (read only or read and
// change), the owner's permission, the handler. Refusals are RFC 9457 problems; out of scope is
// 404, as on the pages.

export interface ApiContext<P> {
  request: Request;
  actor: Actor;
  token: TokenHolder["token"];
  params: P;
}

const REALM = 'Bearer realm="Estate Camera Register API"';

function bearerToken(request: Request): string | null {
  const header = request.headers.get("authorization");
  if (!header) return null;
  const match = /^Bearer +([^\s]+) *$/i.exec(header);
  return match?.[1] ?? "";
}

export function apiRoute<P = Record<string, string>>(options: ApiRouteOptions, handler: (context: ApiContext<P>) => Promise<Response>) {
  const permissions: readonly Permission[] = typeof options.permission === "string" ? [options.permission] : options.permission;
  return async (request: Request, context: { params: Promise<P> }): Promise<Response> => {
    const token = bearerToken(request);
    if (token === null) {
      return problem(401, "Send an API token in the Authorization header: Authorization: Bearer <token>", { headers: { "WWW-Authenticate": REALM } });
    }
    try {
      const holder = token === "" ? null : await authenticateApiToken(token);
      if (!holder) {
        return problem(401, "The API token is not valid: it may be mistyped, expired or revoked, or its owner's account closed", {
          headers: { "WWW-Authenticate": `${REALM}, error="invalid_token"` },
        });
      }
      setRequestUser(holder.actor.id);
      const limit = env().API_RATE_LIMIT_PER_MINUTE;
      const rate = await takeApiRequest(holder.token.id, limit);
      if (!rate.ok) {
        return problem(429, `This token has made more than ${limit} requests this minute. Wait ${rate.retryAfterSeconds} seconds and try again.`, {
          headers: { "Retry-After": String(rate.retryAfterSeconds), "RateLimit-Limit": String(limit), "RateLimit-Remaining": "0" },
        });
      }
      if (options.access === "write" && holder.token.access !== "READ_WRITE") {
        return problem(403, "This token can only read: create a token with read and change access to make changes");
      }
      if (!permissions.some((p) => can(holder.actor.role, p))) {
        return problem(403, "The token's owner does not have permission to do that");
      }
      const response = await handler({ request, actor: holder.actor, token: holder.token, params: await context.params });
      response.headers.set("RateLimit-Limit", String(limit));
      response.headers.set("RateLimit-Remaining", String(rate.remaining));
      if (!response.headers.has("Cache-Control")) response.headers.set("Cache-Control", "no-store");
      return response;
    } catch (error) {
      if (error instanceof ApiRefusal) return problem(error.status, error.message, { headers: error.headers, errors: error.errors });
      if (error instanceof BodyProblem) return problem(error.status, error.message);
      if (error instanceof AppError) {
        // A stale version named by If-Match is a failed precondition, not a general conflict.
        if (error.code === "CONFLICT" && readIfMatch(request).kind === "version") return problem(412, error.message);
        return problem(error.status, error.message);
      }
      logger().error({ err: error }, "API request failed");
      return problem(500, "Something went wrong on our side. Nothing was changed. Try again later.");
    }
  };
}

/** The version a change is based on, from If-Match; refuses a change that names none (428). */
export function requiredVersion(request: Request): number {
  const ifMatch = readIfMatch(request);
  if (ifMatch.kind === "version") return ifMatch.version;
  if (ifMatch.kind === "missing" || ifMatch.kind === "any") {
    throw new ApiRefusal(428, 'Send the record\'s ETag in an If-Match header (for example If-Match: "3"), so that a change made meanwhile is not overwritten');
  }
  throw new ApiRefusal(400, 'If-Match must be one ETag from this API, such as "3"');
}

/** A positive whole-number id from the path, or 404: /sites/abc names no site. */
export function pathId(value: string | undefined, what: string): number {
  if (value === undefined || !/^[1-9]\d{0,9}$/.test(value) || Number(value) > 2_147_483_647) throw new ApiRefusal(404, `${what} not found`);
  return Number(value);
}

/** The query string read with `schema`; each bad parameter is named in a 400. */
export function readQuery<T extends z.ZodType>(request: Request, schema: T): z.infer<T> {
  const params = new URL(request.url).searchParams;
  const values: Record<string, string> = {};
  for (const key of params.keys()) {
    const all = params.getAll(key);
    if (all.length > 1) throw new ApiRefusal(400, `Give ${key} once only`, undefined, [{ parameter: key, detail: `Give ${key} once only` }]);
    values[key] = all[0]!;
  }
  const parsed = schema.safeParse(values);
  if (parsed.success) return parsed.data;
  const errors = parsed.error.issues.map((issue) => ({ parameter: issue.path.map(String).join(".") || "query", detail: issue.message }));
  throw new ApiRefusal(400, errors.length === 1 ? errors[0]!.detail : `The query has ${errors.length} problems: see errors.`, undefined, errors);
}
