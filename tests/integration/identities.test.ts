import { afterAll, describe, expect, it } from "vitest";
import { testDb } from "./helpers";
import { linkedUserId, resolveIdentity, type IdentityClaims } from "@/lib/data/identities";

// Single sign-on against the real database: an identity links to a provisioned account once, by a
// verified email, and is found by its subject afterwards; every refusal writes an audit row and no
// identity. Each test uses its own provider id, so the run's shared database keeps them apart.

const DUMMY_HASH = "$argon2id$v=19$m=19456,t=2,p=1$3pIsXXDBQtFbyhVgcSYDJQ$wfoCMoY8qB0pn7cTB3j3YEM3S5NuSDtuZYe+/lYd/h8";
const made: number[] = [];

async function account(email: string, extra: { active?: boolean; serviceAccount?: boolean } = {}): Promise<number> {
  const user = await testDb().user.create({
    data: { email, name: `Test ${email}`, passwordHash: DUMMY_HASH, role: "ORG_VIEWER", ...extra },
    select: { id: true },
  });
  made.push(user.id);
  return user.id;
}

function claims(provider: string, subject: string, email: string | null, emailVerified = true): IdentityClaims {
  return { provider, providerName: `Provider ${provider}`, subject, email, emailVerified };
}

async function identities(provider: string) {
  return testDb().userIdentity.findMany({ where: { provider }, select: { userId: true, subject: true, email: true } });
}

async function audits(action: string, provider: string) {
  const rows = await testDb().auditEvent.findMany({
    where: { action },
    select: { actorId: true, actorEmail: true, entityType: true, entityId: true, summary: true, after: true },
    orderBy: { id: "asc" },
  });
  return rows.filter((r) => (r.after as { provider?: string } | null)?.provider === provider);
}

afterAll(async () => {
  await testDb().userIdentity.deleteMany({ where: { userId: { in: made } } });
  await testDb().session.deleteMany({ where: { userId: { in: made } } });
  await testDb().user.updateMany({ where: { id: { in: made } }, data: { active: false } });
});

describe("resolveIdentity", () => {
  it("links a verified, provisioned email at the first sign-in (any case), then finds the account by subject", async () => {
    const id = await account("sso.link@test.example.gov.uk");
    const first = await resolveIdentity(claims("it-link", "sub-1", "SSO.Link@Test.Example.gov.uk"));
    expect(first).toEqual({ ok: true, userId: id, linked: true });
    expect(await identities("it-link")).toEqual([{ userId: id, subject: "sub-1", email: "sso.link@test.example.gov.uk" }]);
    const linked = await audits("user.identity-linked", "it-link");
    expect(linked).toHaveLength(1);
    expect(linked[0]).toMatchObject({ actorId: id, actorEmail: "sso.link@test.example.gov.uk", entityType: "user", entityId: String(id) });
    expect(JSON.stringify(linked[0])).not.toMatch(/token/i);

    // The second sign-in matches by subject, even when the provider now sends another address.
    const second = await resolveIdentity(claims("it-link", "sub-1", "renamed@elsewhere.example", false));
    expect(second).toEqual({ ok: true, userId: id, linked: false });
    expect(await identities("it-link")).toHaveLength(1);
    expect(await audits("user.identity-linked", "it-link")).toHaveLength(1);
    expect(await linkedUserId("it-link", "sub-1")).toBe(id);
    const used = await testDb().userIdentity.findFirstOrThrow({ where: { provider: "it-link" }, select: { lastUsedAt: true } });
    expect(used.lastUsedAt).not.toBeNull();
  });

  it.each([
    ["an unknown email", "nobody.here@test.example.gov.uk", true, "unknown-email"],
    ["an unverified email", "sso.unverified@test.example.gov.uk", false, "unverified-email"],
    ["no email", null, true, "missing-details"],
    ["an oversized email", `${"a".repeat(400)}@test.example.gov.uk`, true, "missing-details"],
  ] as const)("refuses %s: an audit row without an actor, and no identity", async (_label, email, verified, reason) => {
    await account("sso.unverified@test.example.gov.uk").catch(() => 0);
    const provider = `it-${reason}-${email === null ? "none" : email.length}`;
    expect(await resolveIdentity(claims(provider, "sub-x", email, verified))).toEqual({ ok: false, reason });
    expect(await identities(provider)).toEqual([]);
    const refused = await audits("sign-in.refused", provider);
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatchObject({ actorId: null, actorEmail: "system", entityType: "sign-in email", after: { provider, reason } });
  });

  it("refuses a deactivated account and a service account, even one already linked", async () => {
    const gone = await account("sso.gone@test.example.gov.uk", { active: false });
    const robot = await account("sso.robot@test.example.gov.uk", { serviceAccount: true });
    expect(await resolveIdentity(claims("it-closed", "sub-gone", "sso.gone@test.example.gov.uk"))).toEqual({ ok: false, reason: "inactive" });
    expect(await resolveIdentity(claims("it-closed", "sub-robot", "sso.robot@test.example.gov.uk"))).toEqual({ ok: false, reason: "service-account" });
    expect(await identities("it-closed")).toEqual([]);

    const later = await account("sso.later@test.example.gov.uk");
    expect(await resolveIdentity(claims("it-closed", "sub-later", "sso.later@test.example.gov.uk"))).toMatchObject({ ok: true, linked: true });
    await testDb().user.update({ where: { id: later }, data: { active: false } });
    expect(await resolveIdentity(claims("it-closed", "sub-later", "sso.later@test.example.gov.uk"))).toEqual({ ok: false, reason: "inactive" });
    expect(await linkedUserId("it-closed", "sub-later")).toBeNull();
    expect((await audits("sign-in.refused", "it-closed")).map((r) => (r.after as { reason: string }).reason)).toEqual(["inactive", "service-account", "inactive"]);
    expect([gone, robot]).toHaveLength(2);
  });

  it("refuses a second identity at the same provider for an account already linked", async () => {
    const id = await account("sso.twice@test.example.gov.uk");
    expect(await resolveIdentity(claims("it-twice", "sub-a", "sso.twice@test.example.gov.uk"))).toEqual({ ok: true, userId: id, linked: true });
    expect(await resolveIdentity(claims("it-twice", "sub-b", "sso.twice@test.example.gov.uk"))).toEqual({ ok: false, reason: "linked-elsewhere" });
    expect(await identities("it-twice")).toEqual([{ userId: id, subject: "sub-a", email: "sso.twice@test.example.gov.uk" }]);
    // Another provider is a separate identity.
    expect(await resolveIdentity(claims("it-twice-other", "sub-b", "sso.twice@test.example.gov.uk"))).toEqual({ ok: true, userId: id, linked: true });
  });

  it("two first sign-ins at once make one identity and one audit row", async () => {
    const id = await account("sso.race@test.example.gov.uk");
    const results = await Promise.all(Array.from({ length: 4 }, () => resolveIdentity(claims("it-race", "sub-race", "sso.race@test.example.gov.uk"))));
    expect(results.every((r) => r.ok && r.userId === id)).toBe(true);
    expect(results.filter((r) => r.ok && r.linked)).toHaveLength(1);
    expect(await identities("it-race")).toHaveLength(1);
    expect(await audits("user.identity-linked", "it-race")).toHaveLength(1);
  });

  it("hostile claims write nothing they should not: NUL bytes, an empty or oversized subject", async () => {
    await account("sso.hostile@test.example.gov.uk");
    expect(await resolveIdentity(claims("it-hostile", "", "sso.hostile@test.example.gov.uk"))).toEqual({ ok: false, reason: "missing-details" });
    expect(await resolveIdentity(claims("it-hostile", "x".repeat(300), "sso.hostile@test.example.gov.uk"))).toEqual({ ok: false, reason: "missing-details" });
    expect(await resolveIdentity(claims("it-hostile", "sub\0nul", "sso.hostile@test.example.gov.uk"))).toEqual({ ok: false, reason: "missing-details" });
    expect(await resolveIdentity(claims("it-hostile", "sub-ok", "sso.hostile@test.example.gov.uk\0"))).toEqual({ ok: false, reason: "unknown-email" });
    expect(await identities("it-hostile")).toEqual([]);
    expect(await linkedUserId("it-hostile", "x".repeat(300))).toBeNull();
  });
});
