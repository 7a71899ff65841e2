import "server-only";
import { verify } from "@node-rs/argon2";
import { db } from "@/lib/db";
import { poolOf } from "@/lib/db-client";
import type { Actor } from "@/lib/auth/actor";
import { isRole } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/data/audit";
import { reserveAttempt, settleSuccess, storableText, throttleKeys, type ThrottleKey } from "@/lib/data/sign-in-throttle";

export type SignInResult = { ok: true; userId: number } | { ok: false; reason: "INVALID" };

// A throwaway hash with the same parameters as real ones: when there is no password to check (no
// such account, a deactivated one, or an attempt the throttle refused) this is verified instead,
// so every refusal costs the same and answers the same.
const DUMMY_HASH = "$argon2id$v=19$m=19456,t=2,p=1$3pIsXXDBQtFbyhVgcSYDJQ$wfoCMoY8qB0pn7cTB3j3YEM3S5NuSDtuZYe+/lYd/h8";

/**
 * Checks an email and password. Every refusal is the same "INVALID", with one argon2 verification,
 * whether the account is unknown, the password wrong or the attempt throttled: nothing in the
 * answer or its timing says which. `clientAddress` is the address attempts are also throttled by
 * (see lib/auth/client-address.ts); null when it is not known.
 */
export async function checkCredentials(email: string, password: string, clientAddress: string | null = null): Promise<SignInResult> {
  const normalised = storableText(email.trim().toLowerCase());
  const keys = throttleKeys(normalised, clientAddress);
  const user = await db().user.findUnique({
    where: { email: normalised },
    select: { id: true, passwordHash: true, active: true, organisationId: true, serviceAccount: true },
  });
  // Counted before the password is checked, so parallel guesses cannot all slip through.
  const reservation = await reserveAttempt(db(), keys);
  // A service account never signs in: it only holds API tokens.
  const candidate = reservation.admitted && user?.active && !user.serviceAccount ? user : null;
  const matches = await verify(candidate?.passwordHash ?? DUMMY_HASH, password).catch(() => false);
  if (!candidate || !matches) {
    if (reservation.admitted) await auditRepeatedFailures(reservation.reachedDelay, user?.organisationId ?? null);
    return { ok: false, reason: "INVALID" };
  }
  await settleSuccess(db(), keys);
  await db().user.update({ where: { id: candidate.id }, data: { lastSignInAt: new Date() }, select: { id: true } });
  return { ok: true, userId: candidate.id };
}

/** An audit row when a run of failures starts slowing attempts down: written alike for unknown emails. */
async function auditRepeatedFailures(reached: ThrottleKey[], organisationId: number | null): Promise<void> {
  for (const key of reached) {
    await recordAudit(db(), null, {
      action: "sign-in.throttled",
      entityType: key.kind === "account" ? "sign-in email" : "sign-in address",
      entityId: key.subject,
      organisationId: key.kind === "account" ? organisationId : null,
      summary: key.kind === "account"
        ? `Repeated failed sign-ins as ${key.subject}: further attempts are slowed down`
        : `Repeated failed sign-ins from ${key.subject}: further attempts from there are slowed down`,
    });
  }
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
