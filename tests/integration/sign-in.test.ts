import { beforeEach, describe, expect, inject, it, vi } from "vitest";
import { actorFor, databaseUrl, testDb } from "./helpers";

// Every argon2 verification is counted (the real function still runs): "how many guesses had their
// password checked" is the figure that matters, and it cannot be read from timings reliably.
vi.mock("@node-rs/argon2", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@node-rs/argon2")>();
  return { ...actual, verify: vi.fn(actual.verify) };
});

import { verify } from "@node-rs/argon2";
import type { PrismaClient } from "@/generated/prisma/client";
import { secondsToWait, THROTTLE_POLICIES, type ThrottleKind } from "@/lib/auth/sign-in-throttle";
import { createPrismaClient } from "@/lib/db-client";
import { listUsers, setUserActive } from "@/lib/data/admin-users";
import { reserveAttempt } from "@/lib/data/sign-in-throttle";
import { checkCredentials } from "@/lib/data/users";
import { DEMO_PASSWORD } from "@/lib/seed/demo-users";

const verifyCalls = vi.mocked(verify);
const { account: ACCOUNT, address: ADDRESS } = THROTTLE_POLICIES;
const REFUSED = { ok: false, reason: "INVALID" };

async function passwordHashOf(email: string): Promise<string> {
  return (await testDb().user.findUniqueOrThrow({ where: { email }, select: { passwordHash: true } })).passwordHash;
}

/** Verifications since the last reset, against this hash (a real account's) or any. */
function verifications(hash?: string): number {
  return verifyCalls.mock.calls.filter(([h]) => hash === undefined || h === hash).length;
}

async function bucket(kind: ThrottleKind, subject: string) {
  const rows = await testDb().$queryRawUnsafe<{ failures: number; last_failure_at: Date | null }[]>(
    `SELECT failures, last_failure_at FROM sign_in_throttle WHERE kind = $1 AND subject = $2`, kind, subject,
  );
  return rows[0] ?? null;
}

/** Puts a bucket in a given state: `failures`, the last of them `secondsAgo`. */
async function setBucket(kind: ThrottleKind, subject: string, failures: number, secondsAgo: number): Promise<void> {
  await testDb().$executeRawUnsafe(
    `INSERT INTO sign_in_throttle (kind, subject, failures, last_failure_at)
     VALUES ($1, $2, $3, statement_timestamp() - $4::float8 * interval '1 second')
     ON CONFLICT (kind, subject) DO UPDATE SET failures = EXCLUDED.failures, last_failure_at = EXCLUDED.last_failure_at`,
    kind, subject, failures, secondsAgo,
  );
}

async function throttledAudits(subject: string): Promise<number> {
  return testDb().auditEvent.count({ where: { action: "sign-in.throttled", entityId: subject } });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

beforeEach(async () => {
  await testDb().$executeRawUnsafe(`DELETE FROM sign_in_throttle`);
  verifyCalls.mockClear();
});

describe("sign-in", () => {
  it("accepts the right password, whatever the case of the email", async () => {
    const result = await checkCredentials("Viewer@HO.example.gov.uk", DEMO_PASSWORD, "192.0.2.1");
    expect(result.ok).toBe(true);
  });

  it("refuses an unknown email, a wrong password and a deactivated account the same way, with one verification each", async () => {
    const deactivated = "analyst@cabinetoffice.example.gov.uk";
    await testDb().user.update({ where: { email: deactivated }, data: { active: false } });
    try {
      for (const [email, password] of [
        ["nobody@example.gov.uk", DEMO_PASSWORD],
        ["viewer@ho.example.gov.uk", "wrong"],
        [deactivated, DEMO_PASSWORD],
      ] as const) {
        verifyCalls.mockClear();
        expect(await checkCredentials(email, password, "192.0.2.2")).toEqual(REFUSED);
        expect(verifications()).toBe(1);
      }
    } finally {
      await testDb().user.update({ where: { email: deactivated }, data: { active: true } });
    }
  });

  it("never fails on hostile input: NUL bytes, very long emails, odd client addresses", async () => {
    for (const email of ["viewer\u0000@ho.example.gov.uk", `${"x".repeat(10_000)}@example.gov.uk`, "\u0000", "viewer@ho.example.gov.uk\ud800"]) {
      expect(await checkCredentials(email, DEMO_PASSWORD, "192.0.2.3")).toEqual(REFUSED);
    }
    for (const address of ["a\u0000b", "x".repeat(5_000), "\ud800"]) {
      expect((await checkCredentials("viewer@ho.example.gov.uk", DEMO_PASSWORD, address)).ok).toBe(true);
    }
    const subjects = await testDb().$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM sign_in_throttle WHERE length(subject) > 320`);
    expect(subjects[0]!.n).toBe(0);
  });
});

describe("sign-in throttling", () => {
  it("checks at most the free failures of 40 wrong passwords sent at once, then refuses the right one alike", async () => {
    const email = "editor@moj.example.gov.uk";
    const realHash = await passwordHashOf(email);
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => checkCredentials(email, `wrong-${i}`, "198.51.100.40")));
    expect(results.every((r) => !r.ok && r.reason === "INVALID")).toBe(true);
    // Only the free failures were checked against the real hash; every attempt did one verification.
    expect(verifications(realHash)).toBe(ACCOUNT.freeFailures);
    expect(verifications()).toBe(40);
    expect((await bucket("account", email))?.failures).toBe(ACCOUNT.freeFailures);

    // The right password while the delay runs (its first seconds may have passed during the burst on
    // a slow machine, so it is started afresh): the same answer, and its password is not checked.
    await setBucket("account", email, ACCOUNT.freeFailures, 0);
    expect(await checkCredentials(email, DEMO_PASSWORD, "198.51.100.41")).toEqual(REFUSED);
    expect(verifications(realHash)).toBe(ACCOUNT.freeFailures);
    expect(verifications()).toBe(41);
    expect(await throttledAudits(email)).toBe(1);

    // Once the delay has passed, the right password works and the account starts afresh.
    await setBucket("account", email, ACCOUNT.freeFailures, ACCOUNT.firstDelaySeconds + 1);
    expect((await checkCredentials(email, DEMO_PASSWORD, "198.51.100.41")).ok).toBe(true);
    expect(await bucket("account", email)).toBeNull();
  });

  it("treats an email with no account exactly like a real one", async () => {
    const known = "viewer@ho.example.gov.uk";
    const unknown = "no.such.person@ho.example.gov.uk";
    const run = (email: string) => Promise.all(Array.from({ length: 40 }, (_, i) => checkCredentials(email, `wrong-${i}`, null)));
    const [knownResults, unknownResults] = [await run(known), await run(unknown)];
    expect(unknownResults).toEqual(knownResults);
    expect((await bucket("account", unknown))?.failures).toBe((await bucket("account", known))?.failures);
    expect(await throttledAudits(unknown)).toBe(await throttledAudits(known));
    await setBucket("account", known, ACCOUNT.freeFailures, 0);
    await setBucket("account", unknown, ACCOUNT.freeFailures, 0);
    expect(await checkCredentials(unknown, DEMO_PASSWORD, null)).toEqual(await checkCredentials(known, DEMO_PASSWORD, null));
  });

  it("grows the delay with each further failure instead of locking the account", async () => {
    const email = "editor@ho.example.gov.uk";
    const realHash = await passwordHashOf(email);
    for (let i = 0; i < ACCOUNT.freeFailures; i++) await checkCredentials(email, `wrong-${i}`, null);
    expect(verifications(realHash)).toBe(ACCOUNT.freeFailures);
    let expectedDelay = ACCOUNT.firstDelaySeconds;
    for (let extra = 0; extra < 4; extra++) {
      const failures = ACCOUNT.freeFailures + extra;
      const checked = verifications(realHash);
      // Just before the delay is over: refused unchecked. Just after: checked, and counted.
      await setBucket("account", email, failures, expectedDelay - 0.5);
      await checkCredentials(email, "wrong-again", null);
      expect(verifications(realHash)).toBe(checked);
      await setBucket("account", email, failures, expectedDelay + 0.5);
      await checkCredentials(email, "wrong-again", null);
      expect(verifications(realHash)).toBe(checked + 1);
      expect((await bucket("account", email))?.failures).toBe(failures + 1);
      expectedDelay *= 2;
    }
  });

  it("decides in SQL exactly as the pure policy does", async () => {
    for (const kind of ["account", "address"] as const) {
      const policy = THROTTLE_POLICIES[kind];
      for (const failures of [0, 1, policy.freeFailures - 1, policy.freeFailures, policy.freeFailures + 1, policy.freeFailures + 3, policy.freeFailures + 40]) {
        for (const secondsAgo of [0, 1.5, 3.5, 9, 70, 650, policy.forgetAfterSeconds + 5]) {
          const subject = `policy-${failures}-${secondsAgo}@example.gov.uk`;
          await setBucket(kind, subject, failures, secondsAgo);
          const before = await testDb().$queryRawUnsafe<{ failures: number; last_failure_at: Date; now: Date }[]>(
            `SELECT failures, last_failure_at, statement_timestamp() AS now FROM sign_in_throttle WHERE kind = $1 AND subject = $2`, kind, subject,
          );
          const expected = secondsToWait({ failures: before[0]!.failures, lastFailureAt: before[0]!.last_failure_at }, policy, before[0]!.now) === 0;
          const reservation = await reserveAttempt(testDb(), [{ kind, subject }]);
          expect({ kind, failures, secondsAgo, admitted: reservation.admitted }).toEqual({ kind, failures, secondsAgo, admitted: expected });
        }
      }
    }
  });

  it("slows down one client address guessing across many accounts (password spraying)", async () => {
    const sprayer = "203.0.113.77";
    const viewerHash = await passwordHashOf("viewer@ho.example.gov.uk");
    const emails = Array.from({ length: ADDRESS.freeFailures + 10 }, (_, i) => `sprayed.${i}@ho.example.gov.uk`);
    const results = await Promise.all(emails.map((email) => checkCredentials(email, "Summer2026!", sprayer)));
    expect(results.every((r) => !r.ok)).toBe(true);
    expect((await bucket("address", sprayer))?.failures).toBe(ADDRESS.freeFailures);
    // A real account's right password from that address is refused unchecked while the delay runs…
    await setBucket("address", sprayer, ADDRESS.freeFailures, 0);
    expect(await checkCredentials("viewer@ho.example.gov.uk", DEMO_PASSWORD, sprayer)).toEqual(REFUSED);
    expect(verifications(viewerHash)).toBe(0);
    // …and accepted from anywhere else.
    expect((await checkCredentials("viewer@ho.example.gov.uk", DEMO_PASSWORD, "203.0.113.78")).ok).toBe(true);
    expect(await throttledAudits(sprayer)).toBe(1);
  });

  it("gives a client address its attempt back when the password was right", async () => {
    const office = "203.0.113.80";
    for (const email of ["viewer@ho.example.gov.uk", "editor@ho.example.gov.uk", "viewer@ho.example.gov.uk"]) {
      expect((await checkCredentials(email, DEMO_PASSWORD, office)).ok).toBe(true);
    }
    expect((await bucket("address", office))?.failures).toBe(0);
  });

  it("holds across two separate connection pools, as two server processes would share it", async () => {
    // Embedded PGlite serves one session to one process (the data directory is locked to it), so
    // there the two "processes" are one pool; against a server they are two pools of their own.
    const embedded = inject("embedded");
    const pools: PrismaClient[] = embedded ? [testDb(), testDb()] : [createPrismaClient(databaseUrl(), 4), createPrismaClient(databaseUrl(), 4)];
    try {
      const keys = [{ kind: "account" as const, subject: "two.processes@example.gov.uk" }, { kind: "address" as const, subject: "198.51.100.90" }];
      const reservations = await Promise.all(Array.from({ length: 40 }, (_, i) => reserveAttempt(pools[i % 2]!, keys)));
      expect(reservations.filter((r) => r.admitted)).toHaveLength(ACCOUNT.freeFailures);
      expect(reservations.filter((r) => !r.admitted).every((r) => r.retryAfterSeconds >= 1)).toBe(true);
      expect((await bucket("account", "two.processes@example.gov.uk"))?.failures).toBe(ACCOUNT.freeFailures);
    } finally {
      if (!embedded) await Promise.all(pools.map((p) => p.$disconnect()));
    }
  });

  it("does the same work for unknown, known and throttled accounts", async () => {
    const known = "editor@ho.example.gov.uk";
    const unknown = "not.an.account@ho.example.gov.uk";
    const throttled = "viewer@ho.example.gov.uk";
    const knownHash = await passwordHashOf(known);
    const times: Record<"unknown" | "known" | "throttled", number[]> = { unknown: [], known: [], throttled: [] };
    const paths = [
      ["unknown", unknown, 0],
      ["known", known, 0],
      ["throttled", throttled, 40],
    ] as const;
    for (let round = 0; round < 33; round++) {
      for (const [name, email, failures] of paths) {
        // Every path meets an existing bucket: fresh for the first two, deep in its delay for the last.
        await setBucket("account", email, failures, 0);
        verifyCalls.mockClear();
        const started = performance.now();
        const result = await checkCredentials(email, "a wrong password", null);
        const elapsed = performance.now() - started;
        expect(result).toEqual(REFUSED);
        // Exactly one argon2 verification on every path; the real hash only for the known account.
        expect(verifications()).toBe(1);
        expect(verifications(knownHash)).toBe(name === "known" ? 1 : 0);
        if (round >= 3) times[name].push(elapsed); // the first rounds warm up
      }
    }
    const medians = Object.values(times).map(median);
    // Loose on purpose (the machine is shared): the old code's locked path took 3.4 ms against
    // 11.9 ms for a known account, far outside this.
    expect(Math.max(...medians)).toBeLessThan(Math.min(...medians) * 1.5 + 2);
  });

  it("shows administrators whose sign-in is being delayed, and reactivating an account clears it", async () => {
    const email = "analyst@cabinetoffice.example.gov.uk";
    const admin = await actorFor("admin@register.example.gov.uk");
    await setBucket("account", email, ACCOUNT.freeFailures + 3, 0);
    const row = (await listUsers(admin)).find((u) => u.email === email)!;
    expect(row.signInDelayed).toBe(true);
    const off = await setUserActive(admin, { id: row.id, active: false, version: row.version });
    expect(off.active).toBe(false);
    await setUserActive(admin, { id: row.id, active: true, version: row.version + 1 });
    expect(await bucket("account", email)).toBeNull();
    expect((await checkCredentials(email, DEMO_PASSWORD, null)).ok).toBe(true);
  });
});
