import "server-only";
import { getServerSession } from "next-auth";
import { forbidden, notFound, redirect } from "next/navigation";
import { cache } from "react";
import type { Actor, SignedIn } from "@/lib/auth/actor";
import { authOptions } from "@/lib/auth/options";
import { can, type Permission } from "@/lib/auth/permissions";
import { loadSignedIn } from "@/lib/data/sessions";
import { setRequestUser } from "@/lib/platform/request-context";

/** Where someone whose account was made by an administrator is held until they choose a password. */
export const CHOOSE_PASSWORD_PATH = "/account/new-password";

/**
 * The live sign-in behind this request, or null. The session record and the user are read afresh
 * on every request, so sign-out, revocation, idle expiry and deactivation take effect at once;
 * within one request (the layout and the page both ask) they are read once.
 */
export const currentSignIn = cache(async (): Promise<SignedIn | null> => {
  const session = (await getServerSession(authOptions)) as { uid?: number | null; sid?: string | null } | null;
  if (!session?.uid || !session.sid) return null;
  const signedIn = await loadSignedIn(session.sid, session.uid);
  if (signedIn) setRequestUser(signedIn.actor.id); // for the request's log line
  return signedIn;
});

/**
 * The signed-in person who may use the service, or null. Someone who must first choose a new
 * password is no actor yet: every page, action and route refuses them.
 */
export const currentActor = cache(async (): Promise<Actor | null> => {
  const signedIn = await currentSignIn();
  return signedIn && !signedIn.mustChangePassword ? signedIn.actor : null;
});

/** For pages open to anyone signed in: signed out → sign-in page; a password to choose → that page. */
export async function requireSignedIn(returnTo: string): Promise<Actor> {
  const actor = await currentActor();
  if (actor) return actor;
  if ((await currentSignIn())?.mustChangePassword) redirect(CHOOSE_PASSWORD_PATH);
  redirect(`/login?callbackUrl=${encodeURIComponent(returnTo)}`);
}

/** For pages: signed out → sign-in page; missing permission → the 403 page. */
export async function requirePagePermission(permission: Permission, returnTo: string): Promise<Actor> {
  const actor = await requireSignedIn(returnTo);
  if (!can(actor.role, permission)) forbidden();
  return actor;
}

/** For pages that reveal a record: out of scope answers 404, as if it did not exist. */
export function notFoundUnless(condition: boolean): asserts condition {
  if (!condition) notFound();
}
