import "server-only";
import { getServerSession } from "next-auth";
import { forbidden, notFound, redirect } from "next/navigation";
import { cache } from "react";
import type { Actor } from "@/lib/auth/actor";
import { authOptions } from "@/lib/auth/options";
import { can, type Permission } from "@/lib/auth/permissions";
import { loadActor } from "@/lib/data/users";

/**
 * The signed-in person, or null. Reads the user afresh on every request so deactivation takes
 * effect at once; within one request (the layout and the page both ask) it is read once.
 */
export const currentActor = cache(async (): Promise<Actor | null> => {
  const session = (await getServerSession(authOptions)) as { uid?: number | null } | null;
  if (!session?.uid) return null;
  return loadActor(session.uid);
});

/** For pages: signed out → sign-in page; missing permission → the 403 page. */
export async function requirePagePermission(permission: Permission, returnTo: string): Promise<Actor> {
  const actor = await currentActor();
  if (!actor) redirect(`/login?callbackUrl=${encodeURIComponent(returnTo)}`);
  if (!can(actor.role, permission)) forbidden();
  return actor;
}

/** For pages that reveal a record: out of scope answers 404, as if it did not exist. */
export function notFoundUnless(condition: boolean): asserts condition {
  if (!condition) notFound();
}
