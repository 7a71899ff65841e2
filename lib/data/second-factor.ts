import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import type { SignedIn } from "@/lib/auth/actor";
import { conflict } from "@/lib/auth/errors";
import { hashRecoveryCode, newRecoveryCodes, readRecoveryCode } from "@/lib/auth/recovery-codes";
import { deriveKey, openTotpSecret, sealTotpSecret } from "@/lib/auth/second-factor-crypto";
import { LONGEST_WAIT_MINUTES } from "@/lib/auth/sign-in-throttle";
import { matchingTotpStep, newTotpSecret, readTotpCode } from "@/lib/auth/totp";
import { db } from "@/lib/db";
import { poolOf } from "@/lib/db-client";
import { authSecret, env } from "@/lib/env";
import { recordAudit } from "@/lib/data/audit";
import { passSecondFactor } from "@/lib/data/sessions";
import { reserveAttempt, settleSuccess, storableText, type ThrottleKey } from "@/lib/data/sign-in-throttle";

// The second factor of a password account: an authenticator app (TOTP) and ten recovery codes.
// The shared secret is kept sealed and opened only here, to check a code; it is never logged and
// never sent back after enrolment. Each time step's code is accepted once: the step is recorded
// with a conditional UPDATE, so two requests with the same code cannot both pass.

export type CodeOutcome = { ok: true } | { ok: false; error: string };

/** The one message for a wrong, reused or slowed-down code, as the sign-in page has for passwords. */
export const WRONG_CODE =
  `Enter a correct code from your authenticator app, or an unused recovery code. After several failed attempts you may need to wait up to ${LONGEST_WAIT_MINUTES} minutes before trying again`;
const WRONG_APP_CODE =
  `Enter a correct code from your authenticator app. After several failed attempts you may need to wait up to ${LONGEST_WAIT_MINUTES} minutes before trying again`;

const sealKey = () => deriveKey(authSecret(), "totp-seal");
const recoveryKey = () => deriveKey(authSecret(), "recovery-codes");

// Codes are throttled like passwords, in the sign-in throttle's own table and with its policy: per
// account, and per client address when it is known. The account's subject cannot be an email
// address, so codes never share a bucket with password attempts; the address's bucket is the one
// password attempts count against too, so guessing codes for many accounts from one place is slowed.
function throttleKeys(userId: number, clientAddress: string | null): ThrottleKey[] {
  const keys: ThrottleKey[] = [{ kind: "account", subject: `second-factor:${userId}` }];
  if (clientAddress) keys.push({ kind: "address", subject: storableText(clientAddress.slice(0, 100)) });
  return keys;
}

export interface SecondFactorStatus {
  enabledAt: Date | null;
  recoveryCodesLeft: number;
  /** Whether the person's role means they may not turn it off. */
  required: boolean;
}

export function roleRequiresSecondFactor(role: string): boolean {
  const required: readonly string[] = env().MFA_REQUIRED_ROLES;
  return required.includes(role);
}

export async function secondFactorStatus(signedIn: SignedIn): Promise<SecondFactorStatus> {
  const userId = signedIn.actor.id;
  const user = await db().user.findUnique({ where: { id: userId }, select: { totpEnabledAt: true } });
  const left = await db().recoveryCode.count({ where: { userId, usedAt: null } });
  return { enabledAt: user?.totpEnabledAt ?? null, recoveryCodesLeft: left, required: roleRequiresSecondFactor(signedIn.actor.role) };
}

/**
 * The secret for someone setting up their app: the one already begun, so reloading the page keeps
 * the QR code they may have scanned, or a new one. Null once they have an app set up.
 */
export async function pendingEnrolment(signedIn: SignedIn): Promise<string | null> {
  const userId = signedIn.actor.id;
  const user = await db().user.findUnique({ where: { id: userId }, select: { totpSecret: true, totpEnabledAt: true } });
  if (!user || user.totpEnabledAt) return null;
  const begun = user.totpSecret ? openTotpSecret(sealKey(), userId, user.totpSecret) : null;
  if (begun) return begun;
  const secret = newTotpSecret();
  // Only over what was read: two pages opened at once keep one secret between them.
  const { count } = await db().user.updateMany({
    where: { id: userId, totpEnabledAt: null, totpSecret: user.totpSecret },
    data: { totpSecret: sealTotpSecret(sealKey(), userId, secret) },
  });
  if (count === 1) return secret;
  return pendingEnrolment(signedIn);
}

async function failed(signedIn: SignedIn, reservationReached: boolean, organisationId: number | null): Promise<void> {
  if (!reservationReached) return;
  await recordAudit(db(), signedIn.actor, {
    action: "sign-in.second-factor-throttled",
    entityType: "user",
    entityId: String(signedIn.actor.id),
    organisationId,
    summary: `Repeated wrong codes for ${signedIn.actor.email}: further attempts are slowed down`,
  });
}

/**
 * Checks an app code against the account's enabled secret and records its step, once: a code of
 * a step already used, or of one before it, is refused.
 */
async function acceptAppCode(userId: number, code: string): Promise<boolean> {
  const user = await db().user.findUnique({ where: { id: userId }, select: { totpSecret: true, totpEnabledAt: true } });
  if (!user?.totpSecret || !user.totpEnabledAt) return false;
  const secret = openTotpSecret(sealKey(), userId, user.totpSecret);
  if (!secret) return false;
  const step = matchingTotpStep(secret, code);
  if (step === null) return false;
  const { rowCount } = await poolOf(db()).query(
    `UPDATE users SET totp_last_step = $2 WHERE id = $1 AND totp_enabled_at IS NOT NULL AND totp_secret = $3
       AND (totp_last_step IS NULL OR totp_last_step < $2)`,
    [userId, step, user.totpSecret],
  );
  return rowCount === 1;
}

/** Marks a recovery code used, once; returns how many are left, or null when it was not one. */
async function spendRecoveryCode(signedIn: SignedIn, typed: string, organisationId: number | null): Promise<number | null> {
  const code = readRecoveryCode(typed);
  if (!code) return null;
  const userId = signedIn.actor.id;
  return db().$transaction(async (tx) => {
    const used = await tx.recoveryCode.updateMany({
      where: { userId, codeHash: hashRecoveryCode(recoveryKey(), userId, code), usedAt: null, user: { totpEnabledAt: { not: null } } },
      data: { usedAt: new Date() },
    });
    if (used.count !== 1) return null;
    const left = await tx.recoveryCode.count({ where: { userId, usedAt: null } });
    await recordAudit(tx, signedIn.actor, {
      action: "user.recovery-code-used",
      entityType: "user",
      entityId: String(userId),
      organisationId,
      summary: `Signed in with a recovery code; ${left} left`,
      after: { recoveryCodesLeft: left },
    });
    return left;
  });
}

async function organisationOf(userId: number): Promise<number | null> {
  return (await db().user.findUnique({ where: { id: userId }, select: { organisationId: true } }))?.organisationId ?? null;
}

/**
 * The second step of a password sign-in: a code from the app, or a recovery code. On success the
 * session waiting for it opens. Wrong codes count against the account's throttle.
 */
export async function giveSignInCode(
  signedIn: SignedIn,
  typed: string,
  clientAddress: string | null = null,
): Promise<CodeOutcome & { recoveryCodesLeft?: number }> {
  if (signedIn.hold !== "second-factor") return { ok: true };
  const userId = signedIn.actor.id;
  const organisationId = await organisationOf(userId);
  const keys = throttleKeys(userId, clientAddress);
  const reservation = await reserveAttempt(db(), keys);
  if (!reservation.admitted) return { ok: false, error: WRONG_CODE };
  let recoveryCodesLeft: number | undefined;
  let passed = false;
  if (readTotpCode(typed)) passed = await acceptAppCode(userId, typed);
  else {
    const left = await spendRecoveryCode(signedIn, typed, organisationId);
    if (left !== null) {
      passed = true;
      recoveryCodesLeft = left;
    }
  }
  if (!passed) {
    await failed(signedIn, reservation.reachedDelay.length > 0, organisationId);
    return { ok: false, error: WRONG_CODE };
  }
  await settleSuccess(db(), keys);
  await passSecondFactor(signedIn.sessionId, userId);
  return recoveryCodesLeft === undefined ? { ok: true } : { ok: true, recoveryCodesLeft };
}

/** A current app code, asked before the second factor's settings change. Throttled like sign-in. */
async function checkCurrentCode(signedIn: SignedIn, typed: string, organisationId: number | null, clientAddress: string | null): Promise<CodeOutcome> {
  const userId = signedIn.actor.id;
  const keys = throttleKeys(userId, clientAddress);
  const reservation = await reserveAttempt(db(), keys);
  if (!reservation.admitted) return { ok: false, error: WRONG_APP_CODE };
  if (!readTotpCode(typed) || !(await acceptAppCode(userId, typed))) {
    await failed(signedIn, reservation.reachedDelay.length > 0, organisationId);
    return { ok: false, error: WRONG_APP_CODE };
  }
  await settleSuccess(db(), keys);
  return { ok: true };
}

/** Replaces every recovery code of the account with ten new ones, in the caller's transaction. */
async function replaceRecoveryCodes(tx: Prisma.TransactionClient, userId: number): Promise<string[]> {
  const codes = newRecoveryCodes();
  const key = recoveryKey();
  await tx.recoveryCode.deleteMany({ where: { userId } });
  await tx.recoveryCode.createMany({
    data: codes.map((code) => ({ userId, codeHash: hashRecoveryCode(key, userId, readRecoveryCode(code) ?? code) })),
  });
  return codes;
}

/**
 * Finishes setting up the app with its first code; returns the recovery codes, shown once. The
 * first code's step is recorded, so it cannot be used again to sign in.
 */
export async function confirmEnrolment(signedIn: SignedIn, typed: string, clientAddress: string | null = null): Promise<{ ok: true; recoveryCodes: string[] } | { ok: false; error: string }> {
  const userId = signedIn.actor.id;
  const organisationId = await organisationOf(userId);
  const user = await db().user.findUnique({ where: { id: userId }, select: { totpSecret: true, totpEnabledAt: true } });
  if (user?.totpEnabledAt) throw conflict("An authenticator app is already set up for your account");
  const keys = throttleKeys(userId, clientAddress);
  const gate = await reserveAttempt(db(), keys);
  if (!gate.admitted) return { ok: false, error: WRONG_APP_CODE };
  const secret = user?.totpSecret ? openTotpSecret(sealKey(), userId, user.totpSecret) : null;
  const step = secret ? matchingTotpStep(secret, typed) : null;
  if (!user?.totpSecret || step === null) {
    await failed(signedIn, gate.reachedDelay.length > 0, organisationId);
    return { ok: false, error: WRONG_APP_CODE };
  }
  const sealed = user.totpSecret;
  const codes = await db().$transaction(async (tx) => {
    const { count } = await tx.user.updateMany({
      where: { id: userId, totpEnabledAt: null, totpSecret: sealed },
      data: { totpEnabledAt: new Date(), totpLastStep: BigInt(step), version: { increment: 1 } },
    });
    if (count !== 1) throw conflict("Your authenticator app was set up somewhere else at the same time: reload the page");
    const recoveryCodes = await replaceRecoveryCodes(tx, userId);
    await recordAudit(tx, signedIn.actor, {
      action: "user.second-factor-enabled",
      entityType: "user",
      entityId: String(userId),
      organisationId,
      summary: `Set up an authenticator app for ${signedIn.actor.email}, with ${recoveryCodes.length} recovery codes`,
    });
    return recoveryCodes;
  });
  await settleSuccess(db(), keys);
  return { ok: true, recoveryCodes: codes };
}

/** Ten new recovery codes in place of the old ones, after a current app code; shown once. */
export async function regenerateRecoveryCodes(signedIn: SignedIn, typed: string, clientAddress: string | null = null): Promise<{ ok: true; recoveryCodes: string[] } | { ok: false; error: string }> {
  const userId = signedIn.actor.id;
  const organisationId = await organisationOf(userId);
  const check = await checkCurrentCode(signedIn, typed, organisationId, clientAddress);
  if (!check.ok) return check;
  const codes = await db().$transaction(async (tx) => {
    const recoveryCodes = await replaceRecoveryCodes(tx, userId);
    await recordAudit(tx, signedIn.actor, {
      action: "user.recovery-codes-regenerated",
      entityType: "user",
      entityId: String(userId),
      organisationId,
      summary: `New recovery codes for ${signedIn.actor.email}; the old ones no longer work`,
    });
    return recoveryCodes;
  });
  return { ok: true, recoveryCodes: codes };
}

/** Turns the second factor off, after a current app code; refused for a role that requires it. */
export async function turnOffSecondFactor(signedIn: SignedIn, typed: string, clientAddress: string | null = null): Promise<CodeOutcome> {
  if (roleRequiresSecondFactor(signedIn.actor.role)) throw conflict("Your role must use an authenticator app: it cannot be turned off");
  const userId = signedIn.actor.id;
  const organisationId = await organisationOf(userId);
  const check = await checkCurrentCode(signedIn, typed, organisationId, clientAddress);
  if (!check.ok) return check;
  await db().$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { totpSecret: null, totpEnabledAt: null, totpLastStep: null, version: { increment: 1 } } });
    await tx.recoveryCode.deleteMany({ where: { userId } });
    await recordAudit(tx, signedIn.actor, {
      action: "user.second-factor-disabled",
      entityType: "user",
      entityId: String(userId),
      organisationId,
      summary: `Turned off the authenticator app for ${signedIn.actor.email}; its recovery codes were removed`,
    });
  });
  return { ok: true };
}
