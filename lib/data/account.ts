import "server-only";
import { hash, verify } from "@node-rs/argon2";
import type { SignedIn } from "@/lib/auth/actor";
import { conflict } from "@/lib/auth/errors";
import { db } from "@/lib/db";
import type { Outcome } from "@/lib/data/admin-users";
import { recordAudit } from "@/lib/data/audit";
import { revokeUserSessions } from "@/lib/data/sessions";
import { reserveAttempt, settleSuccess, throttleKeys } from "@/lib/data/sign-in-throttle";

export interface NewPassword {
  /** Null when choosing a password at first sign-in, just after typing the temporary one. */
  currentPassword: string | null;
  newPassword: string;
}

/**
 * A person sets their own password (already judged by the password policy). Every other session
 * of theirs ends in the same transaction; the one making the change is kept, since it was opened
 * with the old password by the person who has just changed it, and next-auth cannot re-issue its
 * cookie from a server action.
 */
export async function setOwnPassword(signedIn: SignedIn, input: NewPassword): Promise<Outcome<null>> {
  const userId = signedIn.actor.id;
  const user = await db().user.findUnique({ where: { id: userId }, select: { passwordHash: true, organisationId: true, email: true } });
  if (!user) throw conflict("Your account could not be found: sign in again");
  const matches = (password: string) => verify(user.passwordHash, password).catch(() => false);
  if (input.currentPassword !== null) {
    // Guesses at the current password share the account's sign-in throttle: a session left open
    // must not become a way to guess the password at full speed.
    const keys = throttleKeys(user.email.trim().toLowerCase(), null);
    const reservation = await reserveAttempt(db(), keys);
    if (!reservation.admitted) {
      const minutes = Math.max(1, Math.ceil(reservation.retryAfterSeconds / 60));
      return {
        ok: false,
        fieldErrors: { currentPassword: `Too many wrong passwords: wait ${minutes} ${minutes === 1 ? "minute" : "minutes"} and try again` },
      };
    }
    if (!(await matches(input.currentPassword))) {
      return { ok: false, fieldErrors: { currentPassword: "Your current password is not correct" } };
    }
    await settleSuccess(db(), keys);
  }
  if (await matches(input.newPassword)) {
    const which = signedIn.mustChangePassword ? "the temporary password you were given" : "your current password";
    return { ok: false, fieldErrors: { newPassword: `Choose a new password that is different from ${which}` } };
  }
  // Hashed before the transaction: it is deliberately slow and must not hold the only connection
  // in embedded mode.
  const passwordHash = await hash(input.newPassword);
  return db().$transaction(async (tx): Promise<Outcome<null>> => {
    // Only over the hash just checked: a change made meanwhile (another session) is not overwritten.
    const { count } = await tx.user.updateMany({
      where: { id: userId, passwordHash: user.passwordHash, active: true },
      data: { passwordHash, mustChangePassword: false, passwordChangedAt: new Date(), version: { increment: 1 } },
    });
    if (count === 0) throw conflict("Your password was changed somewhere else at the same time: sign in again");
    const ended = await revokeUserSessions(tx, userId, "PASSWORD_CHANGED", signedIn.sessionId);
    await recordAudit(tx, signedIn.actor, {
      action: signedIn.mustChangePassword ? "user.password_chosen" : "user.password_changed",
      entityType: "user",
      entityId: String(userId),
      organisationId: user.organisationId,
      summary: `${signedIn.mustChangePassword ? "Chose a password at first sign-in" : "Changed their password"} for ${user.email}${
        ended ? `; ${ended} other ${ended === 1 ? "session" : "sessions"} ended` : ""
      }`,
    });
    return { ok: true, value: null };
  });
}
