import "server-only";
import type { Actor, SignInHold } from "@/lib/auth/actor";
import { AppError, forbidden } from "@/lib/auth/errors";
import { can, type Permission } from "@/lib/auth/permissions";
import { currentActor, currentSignIn } from "@/lib/auth/session";

const HOLD_MESSAGES: Record<SignInHold, string> = {
  "second-factor": "Enter the code from your authenticator app before you continue",
  "choose-password": "Choose a new password before you continue",
  "enrol-second-factor": "Set up an authenticator app before you continue",
};

/** For server actions and route handlers: the actor with the permission, or an AppError. */
export async function requireActor(permission: Permission): Promise<Actor> {
  const actor = await currentActor();
  if (!actor) {
    const hold = (await currentSignIn())?.hold;
    if (hold) throw new AppError("UNAUTHENTICATED", HOLD_MESSAGES[hold]);
    throw new AppError("UNAUTHENTICATED", "Sign in to continue");
  }
  if (!can(actor.role, permission)) throw forbidden();
  return actor;
}
