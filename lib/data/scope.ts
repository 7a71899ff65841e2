import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { forbidden } from "@/lib/auth/errors";

// What every register module checks first: the actor's permission, and the organisations whose
// records a query may touch. Ids outside them are answered as not found by the callers.

/** Prisma `where` on organisation_id for what the actor may see. */
export function organisationScope(actor: Actor): { organisationId?: { in: number[] } } {
  return actor.scope.all ? {} : { organisationId: { in: actor.scope.organisationIds } };
}

export function assertCanWrite(actor: Actor): void {
  if (!can(actor.role, "register:write")) throw forbidden();
}

export function assertCanRead(actor: Actor): void {
  if (!can(actor.role, "register:read")) throw forbidden();
}
