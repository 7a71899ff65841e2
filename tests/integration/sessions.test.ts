import { verify } from "@node-rs/argon2";
import { describe, expect, it } from "vitest";
import { actorFor, testDb } from "./helpers";
import type { SignedIn } from "@/lib/auth/actor";
import { setOwnPassword } from "@/lib/data/account";
import { createUser, setUserActive, updateUser } from "@/lib/data/admin-users";
import { createSession, loadSignedIn, revokeSession } from "@/lib/data/sessions";
import { changePasswordSchema, choosePasswordSchema } from "@/lib/validation/account";
import { DEMO_PASSWORD, DEMO_USERS } from "@/lib/seed/demo-users";
import { createUserSchema, updateUserSchema, userStatusSchema } from "@/lib/validation/user";

const ADMIN = "admin@register.example.gov.uk";
const GOOD_PASSWORD = "Zebra-Kettle-Orbit-58";

function unique(prefix: string): string {
  return `${prefix}.${Math.random().toString(36).slice(2, 10)}@test.example.gov.uk`;
}

async function hoId(): Promise<number> {
  return (await testDb().organisation.findUniqueOrThrow({ where: { acronym: "HO" }, select: { id: true } })).id;
}

/** A fresh account made as an administrator makes one, with the temporary password given. */
async function newAccount(role: "ORG_VIEWER" | "ESTATES_EDITOR" = "ORG_VIEWER", password = "Temporary-password-2026") {
  const admin = await actorFor(ADMIN);
  const email = unique("session");
  const created = await createUser(
    admin,
    createUserSchema.parse({ name: "Sam Session", email, role, organisationId: String(await hoId()), password }),
  );
  if (!created.ok) throw new Error(JSON.stringify(created.fieldErrors));
  return { id: created.value.id, email, password };
}

async function live(sessionId: string, userId: number): Promise<SignedIn | null> {
  return loadSignedIn(sessionId, userId);
}

async function sessionRow(id: string) {
  return testDb().session.findUniqueOrThrow({ where: { id } });
}

async function backdate(id: string, column: "last_seen_at" | "expires_at", minutes: number) {
  await testDb().$executeRawUnsafe(`UPDATE sessions SET ${column} = now() - make_interval(mins => $2) WHERE id = $1::uuid`, id, minutes);
}

async function version(userId: number): Promise<number> {
  return (await testDb().user.findUniqueOrThrow({ where: { id: userId }, select: { version: true } })).version;
}

describe("sessions", () => {
  it("a signed-out session opens nothing, though its cookie would still be valid", async () => {
    const user = await newAccount();
    const sid = await createSession(user.id);
    expect((await live(sid, user.id))?.actor.email).toBe(user.email);
    await revokeSession(sid, "SIGNED_OUT");
    expect(await live(sid, user.id)).toBeNull();
    expect(await sessionRow(sid)).toMatchObject({ revokedReason: "SIGNED_OUT" });
  });

  it("ends after the idle timeout, and activity keeps it alive", async () => {
    const user = await newAccount();
    const sid = await createSession(user.id);
    // 29 minutes idle (the default timeout is 30): still live, and the visit is recorded.
    await backdate(sid, "last_seen_at", 29);
    expect(await live(sid, user.id)).not.toBeNull();
    const seen = (await sessionRow(sid)).lastSeenAt.getTime();
    expect(Date.now() - seen).toBeLessThan(60_000);
    // Within a minute of the last record, a request writes nothing.
    await live(sid, user.id);
    expect((await sessionRow(sid)).lastSeenAt.getTime()).toBe(seen);
    await backdate(sid, "last_seen_at", 31);
    expect(await live(sid, user.id)).toBeNull();
  });

  it("ends at its absolute expiry however active it is", async () => {
    const user = await newAccount();
    const sid = await createSession(user.id);
    const row = await sessionRow(sid);
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBe(8 * 60 * 60 * 1000);
    await backdate(sid, "expires_at", 1);
    expect(await live(sid, user.id)).toBeNull();
    // The next sign-in clears rows that can never be used again.
    await createSession(user.id);
    expect(await testDb().session.count({ where: { id: sid } })).toBe(0);
  });

  it("refuses tampered session ids and another person's session without a database error", async () => {
    const user = await newAccount();
    const other = await newAccount();
    const sid = await createSession(user.id);
    expect(await live(sid, other.id)).toBeNull();
    for (const bad of ["", "not-a-uuid", `${sid}\u0000`, "'; DROP TABLE sessions; --", sid.toUpperCase().replace(/-/g, ""), "x".repeat(10_000)]) {
      expect(await live(bad, user.id)).toBeNull();
      await revokeSession(bad, "SIGNED_OUT");
    }
    expect(await live(sid, Number.NaN)).toBeNull();
    expect(await live(sid, 2 ** 60)).toBeNull();
    expect(await live(sid, user.id)).not.toBeNull();
  });

  it("deactivation ends every session of that person at once, and no one else's", async () => {
    const admin = await actorFor(ADMIN);
    const user = await newAccount();
    const bystander = await newAccount();
    const [a, b, c] = [await createSession(user.id), await createSession(user.id), await createSession(bystander.id)];
    await setUserActive(admin, userStatusSchema.parse({ id: String(user.id), version: String(await version(user.id)), active: "false" }));
    expect(await live(a, user.id)).toBeNull();
    expect(await live(b, user.id)).toBeNull();
    expect((await sessionRow(a)).revokedReason).toBe("DEACTIVATED");
    expect(await live(c, bystander.id)).not.toBeNull();
    // Reactivation does not bring old sessions back: the person signs in again.
    await setUserActive(admin, userStatusSchema.parse({ id: String(user.id), version: String(await version(user.id)), active: "true" }));
    expect(await live(a, user.id)).toBeNull();
  });

  it("a role or organisation change ends the person's sessions; a new name does not", async () => {
    const admin = await actorFor(ADMIN);
    const user = await newAccount("ESTATES_EDITOR");
    const ho = await hoId();
    const update = async (fields: { name: string; role: string; organisationId: string }) =>
      updateUser(admin, updateUserSchema.parse({ id: String(user.id), version: String(await version(user.id)), ...fields }));

    const renamed = await createSession(user.id);
    expect((await update({ name: "Sam Renamed", role: "ESTATES_EDITOR", organisationId: String(ho) })).ok).toBe(true);
    expect(await live(renamed, user.id)).not.toBeNull();

    expect((await update({ name: "Sam Renamed", role: "ORG_VIEWER", organisationId: String(ho) })).ok).toBe(true);
    expect(await live(renamed, user.id)).toBeNull();
    expect((await sessionRow(renamed)).revokedReason).toBe("ACCESS_CHANGED");

    const moved = await createSession(user.id);
    const moj = (await testDb().organisation.findUniqueOrThrow({ where: { acronym: "MoJ" }, select: { id: true } })).id;
    expect((await update({ name: "Sam Renamed", role: "ORG_VIEWER", organisationId: String(moj) })).ok).toBe(true);
    expect(await live(moved, user.id)).toBeNull();
  });

  it("a refused change ends nothing", async () => {
    const admin = await actorFor(ADMIN);
    const user = await newAccount();
    const sid = await createSession(user.id);
    // A stale version is refused before anything is written.
    await expect(
      updateUser(admin, updateUserSchema.parse({ id: String(user.id), version: "999", name: "X", role: "ADMIN", organisationId: "" })),
    ).rejects.toThrow(/changed by someone else/);
    expect(await live(sid, user.id)).not.toBeNull();
  });
});

describe("passwords", () => {
  it("an account an administrator creates must choose its own password before anything else", async () => {
    const user = await newAccount();
    const sid = await createSession(user.id);
    const signedIn = await live(sid, user.id);
    expect(signedIn?.mustChangePassword).toBe(true);
    // The seeded demo accounts are not held.
    const demo = await actorFor("editor@ho.example.gov.uk");
    expect((await live(await createSession(demo.id), demo.id))?.mustChangePassword).toBe(false);
  });

  it("choosing a password clears the hold, keeps this session and ends the others", async () => {
    const user = await newAccount();
    const here = await createSession(user.id);
    const elsewhere = await createSession(user.id);
    const signedIn = (await live(here, user.id))!;
    const sameAgain = await setOwnPassword(signedIn, { currentPassword: null, newPassword: user.password });
    expect(sameAgain).toEqual({ ok: false, fieldErrors: { newPassword: "Choose a new password that is different from the temporary password you were given" } });
    expect(await live(elsewhere, user.id)).not.toBeNull();

    expect(await setOwnPassword(signedIn, { currentPassword: null, newPassword: GOOD_PASSWORD })).toEqual({ ok: true, value: null });
    const stored = await testDb().user.findUniqueOrThrow({ where: { id: user.id }, select: { passwordHash: true, mustChangePassword: true, passwordChangedAt: true } });
    expect(await verify(stored.passwordHash, GOOD_PASSWORD)).toBe(true);
    expect(stored.mustChangePassword).toBe(false);
    expect(stored.passwordChangedAt).not.toBeNull();
    expect((await live(here, user.id))?.mustChangePassword).toBe(false);
    expect(await live(elsewhere, user.id)).toBeNull();
    expect((await sessionRow(elsewhere)).revokedReason).toBe("PASSWORD_CHANGED");
    const audit = await testDb().auditEvent.findMany({ where: { entityType: "user", entityId: String(user.id), action: "user.password_chosen" } });
    expect(audit).toHaveLength(1);
    expect(audit[0]!.summary).toContain("1 other session ended");
    expect(JSON.stringify([audit[0]!.summary, audit[0]!.before, audit[0]!.after])).not.toContain(GOOD_PASSWORD);
  });

  it("changing a password needs the current one, and a wrong one changes nothing", async () => {
    const user = await newAccount();
    const here = await createSession(user.id);
    await setOwnPassword((await live(here, user.id))!, { currentPassword: null, newPassword: GOOD_PASSWORD });
    const elsewhere = await createSession(user.id);
    const signedIn = (await live(here, user.id))!;
    const before = await testDb().user.findUniqueOrThrow({ where: { id: user.id }, select: { passwordHash: true, version: true } });

    const wrong = await setOwnPassword(signedIn, { currentPassword: "Not-the-password-58", newPassword: "Another-Orbit-Kettle-77" });
    expect(wrong).toEqual({ ok: false, fieldErrors: { currentPassword: "Your current password is not correct" } });
    expect(await testDb().user.findUniqueOrThrow({ where: { id: user.id }, select: { passwordHash: true, version: true } })).toEqual(before);
    expect(await live(elsewhere, user.id)).not.toBeNull();

    expect(await setOwnPassword(signedIn, { currentPassword: GOOD_PASSWORD, newPassword: "Another-Orbit-Kettle-77" })).toEqual({ ok: true, value: null });
    expect(await live(here, user.id)).not.toBeNull();
    expect(await live(elsewhere, user.id)).toBeNull();
  });

  it("guesses at the current password are throttled like sign-ins, even from an open session", async () => {
    const user = await newAccount();
    const here = await createSession(user.id);
    await setOwnPassword((await live(here, user.id))!, { currentPassword: null, newPassword: GOOD_PASSWORD });
    const signedIn = (await live(here, user.id))!;
    const guesses = await Promise.all(
      Array.from({ length: 20 }, (_, i) => setOwnPassword(signedIn, { currentPassword: `Wrong-guess-${i}-Orbit`, newPassword: "Another-Orbit-Kettle-77" })),
    );
    const checked = guesses.filter((g) => !g.ok && g.fieldErrors.currentPassword === "Your current password is not correct");
    const delayed = guesses.filter((g) => !g.ok && /^Too many wrong passwords: wait \d+ minutes? and try again$/.test(g.fieldErrors.currentPassword ?? ""));
    expect(checked.length).toBeLessThanOrEqual(5);
    expect(checked.length + delayed.length).toBe(20);
    // The right password is refused too while the delay lasts: nothing is changed.
    const during = await setOwnPassword(signedIn, { currentPassword: GOOD_PASSWORD, newPassword: "Another-Orbit-Kettle-77" });
    expect(during.ok).toBe(false);
    await testDb().$executeRawUnsafe(`DELETE FROM sign_in_throttle WHERE kind = 'account' AND subject = $1`, user.email.toLowerCase());
  });

  it("the forms refuse weak passwords, every reason at once, before anything is written", () => {
    const context = { email: "pat.tester@ho.example.gov.uk", name: "Pat Tester" };
    const weak = ["aaaaaaaaaaaa", "password1234", "123456789012", "            ", context.email, "Zebra-Kettle\u0000-Orbit-58"];
    for (const password of weak) {
      const parsed = changePasswordSchema(context).safeParse({ currentPassword: "x", newPassword: password, confirmPassword: password });
      expect(parsed.success, JSON.stringify(password)).toBe(false);
      expect(parsed.error?.issues.map((i) => i.path.join("."))).toEqual(["newPassword"]);
      const created = createUserSchema.safeParse({ name: "Pat Tester", email: context.email, role: "ADMIN", organisationId: "", password });
      expect(created.success, JSON.stringify(password)).toBe(false);
      expect(created.error?.issues.map((i) => i.path.join("."))).toEqual(["password"]);
    }
    const everything = changePasswordSchema(context).safeParse({ currentPassword: "", newPassword: "short", confirmPassword: "other" });
    expect(everything.error?.issues.map((i) => `${i.path.join(".")}: ${i.message}`)).toEqual([
      "currentPassword: Enter your current password",
      "newPassword: Password must be 12 characters or more",
      "confirmPassword: The passwords do not match: enter the same new password twice",
    ]);
    const chosen = choosePasswordSchema(context).safeParse({ newPassword: "", confirmPassword: "" });
    expect(chosen.error?.issues.map((i) => i.message)).toEqual(["Enter a new password", "Confirm your new password"]);
    // Anything but text, as a replayed request might send, is refused rather than thrown on.
    expect(choosePasswordSchema(context).safeParse({ newPassword: 42, confirmPassword: ["x"] }).success).toBe(false);
    expect(choosePasswordSchema(context).safeParse({ newPassword: GOOD_PASSWORD, confirmPassword: GOOD_PASSWORD }).success).toBe(true);
  });

  it("the demo accounts' password meets the policy", () => {
    for (const user of DEMO_USERS) {
      const parsed = createUserSchema.safeParse({ name: user.name, email: user.email, role: "ADMIN", organisationId: "", password: DEMO_PASSWORD });
      expect(parsed.success, user.email).toBe(true);
    }
  });
});
