import "server-only";
import { randomUUID } from "node:crypto";
import type { Prisma } from "@/generated/prisma/client";
import type { SignedIn, SignInHold } from "@/lib/auth/actor";
import { db } from "@/lib/db";
import { poolOf } from "@/lib/db-client";
import { env } from "@/lib/env";
import { actorFromRow, type ActorRow } from "@/lib/data/users";

// Server-side session records. The signed cookie only names a row here, and every request checks
// the row: a session ends the moment the row is revoked, sits idle too long or reaches its
// absolute expiry, whatever the cookie says.

/** Why a session was ended early, kept on the row for anyone investigating an account. */
export type RevokeReason = "SIGNED_OUT" | "DEACTIVATED" | "ACCESS_CHANGED" | "PASSWORD_CHANGED";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Starts a session for someone who has just proved who they are; returns its id for the cookie.
 * `method` is "password" or the single sign-on provider's id. A password sign-in of an account
 * with a second factor waits for its code before anything opens; a sign-in through a department's
 * identity provider is not asked, as that provider answers for how its people sign in.
 */
export async function createSession(userId: number, method: string = "password"): Promise<string> {
  const id = randomUUID();
  const pool = poolOf(db());
  // Rows past their absolute expiry can never be used again: clearing the person's own keeps the
  // table as small as the sessions that could still be live.
  await pool.query(`DELETE FROM sessions WHERE user_id = $1 AND expires_at <= now()`, [userId]);
  await pool.query(
    `INSERT INTO sessions (id, user_id, expires_at, method, awaiting_second_factor)
     SELECT $1, u.id, now() + make_interval(hours => $3), $4, ($4 = 'password' AND u.totp_enabled_at IS NOT NULL)
     FROM users u WHERE u.id = $2`,
    [id, userId, env().SESSION_MAX_AGE_HOURS, method],
  );
  return id;
}

/**
 * The person behind a live session, or null when it was revoked, expired or left idle, or the
 * account is inactive. Asked on every request, so one statement straight through the pool; it
 * also records the activity, at most once a minute so a busy page does not write on every request.
 */
export async function loadSignedIn(sessionId: string, userId: number): Promise<SignedIn | null> {
  if (!UUID.test(sessionId) || !Number.isSafeInteger(userId)) return null;
  const { rows } = await poolOf(db()).query<ActorRow & HoldRow>(
    `WITH live AS (
       SELECT s.id, s.user_id, s.last_seen_at, s.awaiting_second_factor, s.method FROM sessions s
       WHERE s.id = $1 AND s.user_id = $2 AND s.revoked_at IS NULL AND s.expires_at > now()
         AND s.last_seen_at > now() - make_interval(mins => $3)
     ), touched AS (
       UPDATE sessions t SET last_seen_at = now() FROM live
       WHERE t.id = live.id AND live.last_seen_at < now() - interval '1 minute'
       RETURNING t.id
     )
     SELECT u.id, u.email, u.name, u.role::text AS role, u.active, u.organisation_id, u.must_change_password,
            live.awaiting_second_factor, live.method, u.totp_enabled_at IS NOT NULL AS totp_enabled,
            COALESCE((SELECT array_agg(o.id ORDER BY o.id) FROM organisations o WHERE o.parent_id = u.organisation_id), '{}') AS children
     FROM live JOIN users u ON u.id = live.user_id`,
    [sessionId, userId, env().SESSION_IDLE_MINUTES],
  );
  const row = rows[0];
  const actor = actorFromRow(row);
  if (!row || !actor) return null;
  return { sessionId, actor, mustChangePassword: row.must_change_password, hold: holdOf(row), method: row.method };
}

interface HoldRow {
  must_change_password: boolean;
  awaiting_second_factor: boolean;
  method: string;
  totp_enabled: boolean;
}

function holdOf(row: ActorRow & HoldRow): SignInHold | null {
  // A code is only asked while the account still has an authenticator app: once it is turned off,
  // a password alone is how this account signs in.
  if (row.awaiting_second_factor && row.totp_enabled) return "second-factor";
  if (row.must_change_password) return "choose-password";
  // Single sign-on leaves the second factor to the department's identity provider.
  const required: readonly string[] = env().MFA_REQUIRED_ROLES;
  if (row.method === "password" && !row.totp_enabled && required.includes(row.role)) return "enrol-second-factor";
  return null;
}

/** Lets a session waiting for its second factor in, once the code has been accepted. */
export async function passSecondFactor(sessionId: string, userId: number): Promise<void> {
  if (!UUID.test(sessionId)) return;
  await poolOf(db()).query(
    `UPDATE sessions SET awaiting_second_factor = false WHERE id = $1 AND user_id = $2 AND revoked_at IS NULL`,
    [sessionId, userId],
  );
}

/** Ends one session (signing out). An unknown or already ended session is left as it is. */
export async function revokeSession(sessionId: string, reason: RevokeReason): Promise<void> {
  if (!UUID.test(sessionId)) return;
  await poolOf(db()).query(
    `UPDATE sessions SET revoked_at = now(), revoked_reason = $2 WHERE id = $1 AND revoked_at IS NULL`,
    [sessionId, reason],
  );
}

/**
 * Ends every live session of a person, in the caller's transaction so it happens with the change
 * that calls for it; `keep` spares the session making a change to its own account.
 */
export async function revokeUserSessions(
  tx: Prisma.TransactionClient,
  userId: number,
  reason: RevokeReason,
  keep?: string,
): Promise<number> {
  const { count } = await tx.session.updateMany({
    where: { userId, revokedAt: null, ...(keep ? { id: { not: keep } } : {}) },
    data: { revokedAt: new Date(), revokedReason: reason },
  });
  return count;
}
