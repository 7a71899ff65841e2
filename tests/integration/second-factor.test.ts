import { afterEach, describe, expect, it, vi } from "vitest";
import { Secret, TOTP } from "otpauth";
import { testDb } from "./helpers";
import type { SignedIn } from "@/lib/auth/actor";
import { AppError } from "@/lib/auth/errors";
import { deriveKey, openTotpSecret } from "@/lib/auth/second-factor-crypto";
import { authSecret } from "@/lib/env";
import {
  confirmEnrolment,
  giveSignInCode,
  pendingEnrolment,
  regenerateRecoveryCodes,
  secondFactorStatus,
  turnOffSecondFactor,
  WRONG_CODE,
} from "@/lib/data/second-factor";
import { createSession, loadSignedIn } from "@/lib/data/sessions";

// Codes are computed here from the shared secret with the otpauth library directly, as an
// authenticator app would, never with the service's own TOTP module.
const PERIOD_MS = 30_000;
const codeAt = (secret: string, atMs: number) =>
  TOTP.generate({ secret: Secret.fromBase32(secret), algorithm: "SHA1", digits: 6, period: 30, timestamp: atMs });

/** Moves the clock the service reads (Date only: timers and the database are left alone). */
function clockAt(ms: number): void {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(ms);
}

afterEach(() => {
  vi.useRealTimers();
});

type Role = "ESTATES_EDITOR" | "ADMIN";

async function newAccount(role: Role = "ESTATES_EDITOR") {
  const ho = await testDb().organisation.findUniqueOrThrow({ where: { acronym: "HO" }, select: { id: true } });
  const email = `mfa.${Math.random().toString(36).slice(2, 10)}@test.example.gov.uk`;
  const user = await testDb().user.create({
    data: { email, name: "Morgan Factor", passwordHash: "not-used-here", role, organisationId: role === "ADMIN" ? null : ho.id },
    select: { id: true },
  });
  return { id: user.id, email };
}

async function signIn(userId: number, method = "password"): Promise<SignedIn> {
  const sid = await createSession(userId, method);
  const signedIn = await loadSignedIn(sid, userId);
  if (!signedIn) throw new Error("no live session");
  return signedIn;
}

async function reload(signedIn: SignedIn): Promise<SignedIn | null> {
  return loadSignedIn(signedIn.sessionId, signedIn.actor.id);
}

/** An account with an authenticator app set up at `atMs`: its secret and recovery codes. */
async function enrolled(role: Role = "ESTATES_EDITOR", atMs = Date.now()) {
  const account = await newAccount(role);
  const session = await signIn(account.id);
  const secret = await pendingEnrolment(session);
  if (!secret) throw new Error("no enrolment");
  clockAt(atMs);
  const outcome = await confirmEnrolment(session, codeAt(secret, atMs));
  vi.useRealTimers();
  if (!outcome.ok) throw new Error(outcome.error);
  return { ...account, secret, recoveryCodes: outcome.recoveryCodes, session };
}

async function auditActions(userId: number): Promise<string[]> {
  const rows = await testDb().auditEvent.findMany({ where: { entityType: "user", entityId: String(userId) }, orderBy: { id: "asc" }, select: { action: true } });
  return rows.map((r) => r.action);
}

describe("setting up an authenticator app", () => {
  it("keeps one secret while it is begun, sealed in the database, and turns on only with a right code", async () => {
    const account = await newAccount();
    const session = await signIn(account.id);
    expect(session.hold).toBeNull();
    const secret = await pendingEnrolment(session);
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    // Reloading the page shows the same QR code.
    expect(await pendingEnrolment(session)).toBe(secret);
    const row = await testDb().user.findUniqueOrThrow({ where: { id: account.id } });
    expect(row.totpSecret).not.toContain(secret!);
    expect(openTotpSecret(deriveKey(authSecret(), "totp-seal"), account.id, row.totpSecret!)).toBe(secret);
    expect(row.totpEnabledAt).toBeNull();

    const now = Date.now();
    const wrong = String((Number(codeAt(secret!, now)) + 1) % 1_000_000).padStart(6, "0");
    const refused = await confirmEnrolment(session, wrong);
    expect(refused).toMatchObject({ ok: false });
    expect((await secondFactorStatus(session)).enabledAt).toBeNull();

    const confirmed = await confirmEnrolment(session, codeAt(secret!, now));
    if (!confirmed.ok) throw new Error(confirmed.error);
    expect(confirmed.recoveryCodes).toHaveLength(10);
    const status = await secondFactorStatus(session);
    expect(status.enabledAt).not.toBeNull();
    expect(status.recoveryCodesLeft).toBe(10);
    expect(status.required).toBe(false);
    // Stored hashed: no code is in the table.
    const stored = await testDb().recoveryCode.findMany({ where: { userId: account.id } });
    for (const code of confirmed.recoveryCodes) {
      expect(stored.some((r) => r.codeHash.includes(code.replace("-", "")))).toBe(false);
    }
    expect(await auditActions(account.id)).toContain("user.second-factor-enabled");
    // Once set up, the secret is never handed out again, and a second confirmation is refused.
    expect(await pendingEnrolment(session)).toBeNull();
    await expect(confirmEnrolment(session, codeAt(secret!, now))).rejects.toBeInstanceOf(AppError);
  });

  it("does not let the code that turned it on be used again to sign in", async () => {
    const now = Date.now();
    const account = await enrolled("ESTATES_EDITOR", now);
    const held = await signIn(account.id);
    expect(held.hold).toBe("second-factor");
    clockAt(now);
    expect(await giveSignInCode(held, codeAt(account.secret, now))).toEqual({ ok: false, error: WRONG_CODE });
  });
});

describe("signing in with a password and a code", () => {
  it("holds the session until a right code, accepts one step either side, and each step once only", async () => {
    const t0 = Date.now() - 10 * PERIOD_MS;
    const account = await enrolled("ESTATES_EDITOR", t0);

    const later = t0 + 5 * PERIOD_MS;
    clockAt(later);
    const first = await signIn(account.id);
    expect(first.hold).toBe("second-factor");
    expect(await giveSignInCode(first, "000000".replace(/0/g, () => "1"))).toMatchObject({ ok: false });
    // A code from the previous step (a phone's clock a little behind) is still accepted.
    expect(await giveSignInCode(first, codeAt(account.secret, later - PERIOD_MS))).toEqual({ ok: true });
    expect((await reload(first))?.hold).toBeNull();

    // The same code again, on another sign-in, is a replay: refused.
    const second = await signIn(account.id);
    expect(await giveSignInCode(second, codeAt(account.secret, later - PERIOD_MS))).toEqual({ ok: false, error: WRONG_CODE });
    expect((await reload(second))?.hold).toBe("second-factor");
    // So is the code of a step before the one used.
    expect(await giveSignInCode(second, codeAt(account.secret, later - 2 * PERIOD_MS))).toMatchObject({ ok: false });
    // Two steps ahead is outside the window.
    expect(await giveSignInCode(second, codeAt(account.secret, later + 2 * PERIOD_MS))).toMatchObject({ ok: false });
    // The current step's code and then the next one's (a phone a little ahead) each work once.
    expect(await giveSignInCode(second, codeAt(account.secret, later))).toEqual({ ok: true });
    const third = await signIn(account.id);
    expect(await giveSignInCode(third, codeAt(account.secret, later + PERIOD_MS))).toEqual({ ok: true });
    expect(await giveSignInCode(await signIn(account.id), codeAt(account.secret, later + PERIOD_MS))).toMatchObject({ ok: false });
  });

  it("lets two requests with the same code pass once between them", async () => {
    const t0 = Date.now() - 10 * PERIOD_MS;
    const account = await enrolled("ESTATES_EDITOR", t0);
    const at = t0 + 3 * PERIOD_MS;
    clockAt(at);
    const sessions = await Promise.all([signIn(account.id), signIn(account.id), signIn(account.id)]);
    const outcomes = await Promise.all(sessions.map((s) => giveSignInCode(s, codeAt(account.secret, at))));
    expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
  });

  it("does not hold a single sign-on session: the identity provider answers for its own checks", async () => {
    const account = await enrolled();
    expect((await signIn(account.id, "test-idp")).hold).toBeNull();
  });

  it("refuses hostile input as a wrong code", async () => {
    const account = await enrolled();
    const held = await signIn(account.id);
    for (const typed of ["", "\0\0\0\0\0\0", "1".repeat(100_000), "' OR 1=1 --", "１２３４５６", "abcde-fghjk\0"]) {
      expect(await giveSignInCode(held, typed)).toMatchObject({ ok: false });
    }
    expect((await reload(held))?.hold).toBe("second-factor");
  });

  it("slows down wrong codes per account like passwords, even for the right code, with an audit row", async () => {
    const account = await enrolled();
    const held = await signIn(account.id);
    const wrong = (n: number) => String(n).padStart(6, "0");
    // Five free failures (the password policy's), then every attempt waits, right or wrong.
    for (let i = 0; i < 5; i++) {
      const typed = wrong(i);
      if (typed === codeAt(account.secret, Date.now())) continue;
      expect(await giveSignInCode(held, typed, "203.0.113.7")).toMatchObject({ ok: false });
    }
    expect(await auditActions(account.id)).toContain("sign-in.second-factor-throttled");
    const right = await giveSignInCode(held, codeAt(account.secret, Date.now() + PERIOD_MS), "203.0.113.7");
    expect(right).toEqual({ ok: false, error: WRONG_CODE });
    expect(WRONG_CODE).toMatch(/wait up to \d+ minutes/);
    expect((await reload(held))?.hold).toBe("second-factor");
    // The client address is counted too, in the bucket password attempts from there count against.
    const address = await testDb().$queryRawUnsafe<{ failures: number }[]>(
      `SELECT failures FROM sign_in_throttle WHERE kind = 'address' AND subject = '203.0.113.7'`,
    );
    expect(address[0]?.failures).toBeGreaterThanOrEqual(5);
  });
});

describe("recovery codes", () => {
  it("each signs in once, however it is typed, and is recorded", async () => {
    const account = await enrolled();
    const [code, other] = account.recoveryCodes;
    const held = await signIn(account.id);
    expect(await giveSignInCode(held, ` ${code!.toUpperCase().replace("-", " ")} `)).toEqual({ ok: true, recoveryCodesLeft: 9 });
    expect((await reload(held))?.hold).toBeNull();
    const again = await signIn(account.id);
    expect(await giveSignInCode(again, code!)).toEqual({ ok: false, error: WRONG_CODE });
    expect(await giveSignInCode(again, other!)).toEqual({ ok: true, recoveryCodesLeft: 8 });
    expect(await auditActions(account.id)).toContain("user.recovery-code-used");
    // Another account's code opens nothing here.
    const stranger = await enrolled();
    expect(await giveSignInCode(await signIn(account.id), stranger.recoveryCodes[0]!)).toMatchObject({ ok: false });
  });

  it("can be made anew with a current code, and the old ones stop working", async () => {
    const t0 = Date.now() - 10 * PERIOD_MS;
    const account = await enrolled("ESTATES_EDITOR", t0);
    const signedIn = (await reload(account.session))!;
    expect(await regenerateRecoveryCodes(signedIn, "123456")).toMatchObject({ ok: false });
    clockAt(t0 + 2 * PERIOD_MS);
    const made = await regenerateRecoveryCodes(signedIn, codeAt(account.secret, t0 + 2 * PERIOD_MS));
    vi.useRealTimers();
    if (!made.ok) throw new Error(made.error);
    expect(made.recoveryCodes).toHaveLength(10);
    expect(made.recoveryCodes.some((c) => account.recoveryCodes.includes(c))).toBe(false);
    expect(await giveSignInCode(await signIn(account.id), account.recoveryCodes[0]!)).toMatchObject({ ok: false });
    expect(await giveSignInCode(await signIn(account.id), made.recoveryCodes[0]!)).toEqual({ ok: true, recoveryCodesLeft: 9 });
    expect(await auditActions(account.id)).toContain("user.recovery-codes-regenerated");
  });
});

describe("turning the app off", () => {
  it("needs a current code, removes the secret and recovery codes, and password sign-in is no longer held", async () => {
    const t0 = Date.now() - 10 * PERIOD_MS;
    const account = await enrolled("ESTATES_EDITOR", t0);
    const signedIn = (await reload(account.session))!;
    expect(await turnOffSecondFactor(signedIn, "123456")).toMatchObject({ ok: false });
    clockAt(t0 + PERIOD_MS);
    expect(await turnOffSecondFactor(signedIn, codeAt(account.secret, t0 + PERIOD_MS))).toEqual({ ok: true });
    vi.useRealTimers();
    const row = await testDb().user.findUniqueOrThrow({ where: { id: account.id } });
    expect([row.totpSecret, row.totpEnabledAt, row.totpLastStep]).toEqual([null, null, null]);
    expect(await testDb().recoveryCode.count({ where: { userId: account.id } })).toBe(0);
    expect((await signIn(account.id)).hold).toBeNull();
    expect(await auditActions(account.id)).toContain("user.second-factor-disabled");
  });

  it("is refused for an administrator, whose role requires it", async () => {
    const t0 = Date.now() - 10 * PERIOD_MS;
    const account = await enrolled("ADMIN", t0);
    const signedIn = (await reload(account.session))!;
    expect((await secondFactorStatus(signedIn)).required).toBe(true);
    clockAt(t0 + PERIOD_MS);
    await expect(turnOffSecondFactor(signedIn, codeAt(account.secret, t0 + PERIOD_MS))).rejects.toMatchObject({ code: "CONFLICT" });
    vi.useRealTimers();
    const row = await testDb().user.findUniqueOrThrow({ where: { id: account.id } });
    expect(row.totpEnabledAt).not.toBeNull();
    expect(await auditActions(account.id)).not.toContain("user.second-factor-disabled");
  });
});

describe("roles that require an authenticator app", () => {
  it("holds an administrator's password sign-in at setting one up, but not a single sign-on", async () => {
    const admin = await newAccount("ADMIN");
    const session = await signIn(admin.id);
    expect(session.hold).toBe("enrol-second-factor");
    expect((await signIn(admin.id, "test-idp")).hold).toBeNull();
    const secret = await pendingEnrolment(session);
    const confirmed = await confirmEnrolment(session, codeAt(secret!, Date.now()));
    expect(confirmed.ok).toBe(true);
    // The session that set it up is let in; the next password sign-in is asked for a code.
    expect((await reload(session))?.hold).toBeNull();
    expect((await signIn(admin.id)).hold).toBe("second-factor");
  });

  it("asks for the code before a temporary password is changed", async () => {
    const account = await enrolled();
    await testDb().user.update({ where: { id: account.id }, data: { mustChangePassword: true } });
    const held = await signIn(account.id);
    expect(held.hold).toBe("second-factor");
    expect(await giveSignInCode(held, account.recoveryCodes[0]!)).toMatchObject({ ok: true });
    expect((await reload(held))?.hold).toBe("choose-password");
  });
});
