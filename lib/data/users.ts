import "server-only";
import { verify } from "@node-rs/argon2";
import { db } from "@/lib/db";
import { poolOf } from "@/lib/db-client";
import type { Actor } from "@/lib/auth/actor";
import { afterFailure, isLocked } from "@/lib/auth/lockout";
import { isRole } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/data/audit";

export type SignInResult =
  | { ok: true; userId: number }
  | { ok: false; reason: "INVALID" | "LOCKED" };

// Verifying against a throwaway hash keeps the refusal of an unknown email about as slow as a wrong password.
const DUMMY_HASH = "$argon2id$v=19$m=19456,t=2,p=1$3pIsXXDBQtFbyhVgcSYDJQ$wfoCMoY8qB0pn7cTB3j3YEM3S5NuSDtuZYe+/lYd/h8";

export async function checkCredentials(email: string, password: string): Promise<SignInResult> {
  const now = new Date();
  const user = await db().user.findUnique({
    where: { email: email.trim().toLowerCase() },
    select: { id: true, email: true, passwordHash: true, active: true, failedAttempts: true, lockedUntil: true, organisationId: true },
  });
  if (!user || !user.active) {
    await verify(DUMMY_HASH, password).catch(() => false);
    return { ok: false, reason: "INVALID" };
  }
  if (isLocked(user.lockedUntil, now)) return { ok: false, reason: "LOCKED" };
  const valid = await verify(user.passwordHash, password).catch(() => false);
  if (!valid) {
    const next = afterFailure(user.failedAttempts, now);
    await db().user.update({ where: { id: user.id }, data: next, select: { id: true } });
    if (next.lockedUntil) {
      await recordAudit(db(), null, {
        action: "user.locked", entityType: "user", entityId: String(user.id), organisationId: user.organisationId,
        summary: `Account ${user.email} locked for repeated failed sign-ins`,
      });
    }
    return { ok: false, reason: next.lockedUntil ? "LOCKED" : "INVALID" };
  }
  await db().user.update({ where: { id: user.id }, data: { failedAttempts: 0, lockedUntil: null, lastSignInAt: now }, select: { id: true } });
  return { ok: true, userId: user.id };
}

/** Loads the acting user fresh on each request, so a deactivation or role change applies at once. */
export async function loadActor(userId: number): Promise<Actor | null> {
  // Asked on every request, so one query straight through the pool (Prisma's query engine costs
  // more than the lookup): the user, and the agencies under their organisation.
  const { rows } = await poolOf(db()).query<ActorRow>(
    `SELECT u.id, u.email, u.name, u.role::text AS role, u.active, u.organisation_id,
            COALESCE((SELECT array_agg(o.id ORDER BY o.id) FROM organisations o WHERE o.parent_id = u.organisation_id), '{}') AS children
     FROM users u WHERE u.id = $1`,
    [userId],
  );
  return actorFromRow(rows[0]);
}

/** The columns the actor is made from: a user row and the ids of the agencies under its organisation. */
export interface ActorRow {
  id: number; email: string; name: string; role: string; active: boolean; organisation_id: number | null; children: number[];
}

/** The actor a user row stands for, scoped to their organisations; null for an inactive account. */
export function actorFromRow(user: ActorRow | undefined): Actor | null {
  if (!user || !user.active || !isRole(user.role)) return null;
  const base = { id: user.id, email: user.email, name: user.name, role: user.role, organisationId: user.organisation_id };
  if (user.role === "CABINET_OFFICE" || user.role === "MINISTER_OFFICE" || user.role === "ADMIN") {
    return { ...base, scope: { all: true } };
  }
  if (user.organisation_id === null) return { ...base, scope: { all: false, organisationIds: [] } };
  // A department's people also cover the agencies under it.
  return { ...base, scope: { all: false, organisationIds: [user.organisation_id, ...user.children] } };
}
