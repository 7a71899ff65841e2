import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { AppError, forbidden } from "@/lib/auth/errors";
import { can, type Permission } from "@/lib/auth/permissions";
import { currentActor, currentSignIn } from "@/lib/auth/session";

/** For server actions and route handlers: the actor with the permission, or an AppError. */
export async function requireActor(permission: Permission): Promise<Actor> {
  const actor = await currentActor();
  if (!actor) {
    if ((await currentSignIn())?.mustChangePassword) throw new AppError("UNAUTHENTICATED", "Choose a new password before you continue");
    throw new AppError("UNAUTHENTICATED", "Sign in to continue");
  }
  if (!can(actor.role, permission)) throw forbidden();
  return actor;
}
