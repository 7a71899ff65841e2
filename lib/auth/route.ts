import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { AppError } from "@/lib/auth/errors";
import { requireActor } from "@/lib/auth/guard";
import type { Permission } from "@/lib/auth/permissions";
import { checkOrigin } from "@/lib/auth/same-origin";
import { publicOrigin } from "@/lib/env";

type Handler<P> = (request: Request, actor: Actor, params: P) => Promise<Response>;

/**
 * The one way to write a route handler: the request must come from our own pages (see
 * same-origin.ts), then the permission is checked, and AppErrors are mapped to statuses.
 */
export function route<P = Record<string, string>>(permission: Permission, handler: Handler<P>) {
  return async (request: Request, context: { params: Promise<P> }): Promise<Response> => {
    const origin = checkOrigin(request, publicOrigin());
    if (!origin.ok) return Response.json({ error: origin.message }, { status: 403, headers: { "Cache-Control": "no-store" } });
    try {
      const actor = await requireActor(permission);
      return await handler(request, actor, await context.params);
    } catch (error) {
      if (error instanceof AppError) {
        return Response.json({ error: error.message }, { status: error.status, headers: { "Cache-Control": "no-store" } });
      }
      throw error;
    }
  };
}
