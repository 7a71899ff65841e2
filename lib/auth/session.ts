import "server-only";
import { getServerSession } from "next-auth";
import { forbidden, notFound, redirect } from "next/navigation";
import { cache } from "react";
import type { Actor, SignedIn, SignInHold } from "@/lib/auth/actor";
import { authOptions } from "@/lib/auth/options";
import { can, type Permission } from "@/lib/auth/permissions";
import { loadSignedIn } from "@/lib/data/sessions";
import { setRequestUser } from "@/lib/platform/request-context";

/** Where someone whose account was made by an administrator is held until they choose a password. */
export const CHOOSE_PASSWORD_PATH = "/account/new-password";
/** Where a password sign-in of an account with an authenticator app gives its code. */
export const SECOND_FACTOR_PATH = "/login/code";
/** Where people set up their authenticator app; a role that requires one is held here until they do. */
export const SECURITY_PATH = "/account/security";

const HOLD_PATHS: Record<SignInHold, string> = {
  "second-factor": SECOND_FACTOR_PATH,
  "choose-password": CHOOSE_PASSWORD_PATH,
  "enrol-second-factor": SECURITY_PATH,
};

/**
 * The one page someone held by their sign-in may use, or null when nothing holds them. The page
 * asked for is kept for the code page, so a sign-in that began at a link still ends there.
 */
export function holdPath(signedIn: SignedIn | null, returnTo?: string): string | null {
  if (!signedIn?.hold) return null;
  const path = HOLD_PATHS[signedIn.hold];
  return signedIn.hold === "second-factor" && returnTo && returnTo !== "/" ? `${path}?callbackUrl=${encodeURIComponent(returnTo)}` : path;
}

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
 * The signed-in person who may use the service, or null. Someone held by their sign-in (a code to
 * give, a password to choose, an authenticator app to set up) is no actor yet: every page, action
 * and route refuses them.
 */
export const currentActor = cache(async (): Promise<Actor | null> => {
  const signedIn = await currentSignIn();
  return signedIn && signedIn.hold === null ? signedIn.actor : null;
});

/** For pages open to anyone signed in: signed out → sign-in page; held by their sign-in → that one page. */
export async function requireSignedIn(returnTo: string): Promise<Actor> {
  const actor = await currentActor();
  if (actor) return actor;
  const held = holdPath(await currentSignIn(), returnTo);
  if (held) redirect(held);
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
