import { beforeAll, describe, expect, it } from "vitest";
import * as organisations from "@/app/api/v1/organisations/route";
import type { Actor } from "@/lib/auth/actor";
import { AppError } from "@/lib/auth/errors";
import { authenticateApiToken, createApiTokenFor, getApiToken, listApiTokens, revokeApiToken } from "@/lib/data/api-tokens";
import { createServiceAccount, deactivateServiceAccount, getServiceAccount, listServiceAccounts, serviceAccountActor } from "@/lib/data/service-accounts";
import { checkCredentials, loadActor } from "@/lib/data/users";
import { listUsers } from "@/lib/data/admin-users";
import { todayInLondon } from "@/lib/platform/today";
import { addDays, latestTokenExpiry } from "@/lib/validation/api-token";
import { createServiceAccountSchema } from "@/lib/validation/service-account";
import { actorFor, testDb } from "./helpers";
import { callRoute } from "../support/api-call";

// Tokens as people and administrators manage them: each person lists and revokes only their own,
// administrators make and revoke tokens only for service accounts, which never sign in and whose
// tokens stop with them; every change audited, every refusal writing nothing.

let hoEditor: Actor;
let hoViewer: Actor;
let mojEditor: Actor;
let admin: Actor;
let homeOffice: number;

const inAMonth = () => addDays(todayInLondon(), 30);

async function make(owner: Actor, name: string, access: "READ" | "READ_WRITE" = "READ", creator: Actor = owner) {
  const made = await createApiTokenFor(creator, owner, { name, access, expiresOn: inAMonth() });
  if (!made.ok) throw new Error(JSON.stringify(made.fieldErrors));
  return made.value;
}

async function refusal(work: Promise<unknown>): Promise<string> {
  try {
    await work;
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
  return "ALLOWED";
}

const counts = async () => ({
  tokens: await testDb().apiToken.count(),
  users: await testDb().user.count(),
  audit: await testDb().auditEvent.count(),
});

async function serviceAccount(name: string, role: "ESTATES_EDITOR" | "ORG_VIEWER" = "ESTATES_EDITOR"): Promise<number> {
  const input = createServiceAccountSchema.parse({ name, organisationId: String(homeOffice), role });
  const made = await createServiceAccount(admin, input);
  if (!made.ok) throw new Error(JSON.stringify(made.fieldErrors));
  return made.value.id;
}

beforeAll(async () => {
  hoEditor = await actorFor("editor@ho.example.gov.uk");
  hoViewer = await actorFor("viewer@ho.example.gov.uk");
  mojEditor = await actorFor("editor@moj.example.gov.uk");
  admin = await actorFor("admin@register.example.gov.uk");
  homeOffice = hoEditor.organisationId!;
});

describe("a person's own tokens", () => {
  it("are listed for their owner only, newest first, never with the secret", async () => {
    const first = await make(hoEditor, "Listed one");
    const second = await make(hoEditor, "Listed two", "READ_WRITE");
    const mine = await listApiTokens(hoEditor);
    expect(mine.map((t) => t.id)).toEqual(expect.arrayContaining([first.id, second.id]));
    expect(mine.findIndex((t) => t.id === second.id)).toBeLessThan(mine.findIndex((t) => t.id === first.id));
    expect(mine.every((t) => t.ownerId === hoEditor.id)).toBe(true);
    expect(JSON.stringify(mine)).not.toContain(first.token);
    const theirs = await listApiTokens(mojEditor);
    expect(theirs.some((t) => t.id === first.id || t.id === second.id)).toBe(false);
    const row = mine.find((t) => t.id === second.id)!;
    expect(row).toMatchObject({ name: "Listed two", access: "READ_WRITE", expiresOn: inAMonth(), state: "active", lastUsedAt: null, revokedAt: null });
    expect(first.token.startsWith(row.prefix.slice(0, 4))).toBe(true);
  });

  it("show when they were last used", async () => {
    const made = await make(hoEditor, "Used once");
    expect((await authenticateApiToken(made.token))?.actor.id).toBe(hoEditor.id);
    const row = (await listApiTokens(hoEditor)).find((t) => t.id === made.id)!;
    expect(row.lastUsedAt).not.toBeNull();
  });

  it("cannot be revoked or seen by anyone else: 404 and nothing changes", async () => {
    const made = await make(hoEditor, "Someone else's target");
    const before = await counts();
    expect(await refusal(revokeApiToken(mojEditor, made.id))).toBe("NOT_FOUND");
    expect(await refusal(revokeApiToken(hoViewer, made.id))).toBe("NOT_FOUND");
    expect(await refusal(getApiToken(mojEditor, made.id))).toBe("NOT_FOUND");
    // Administrators manage service accounts' tokens, not people's.
    expect(await refusal(revokeApiToken(admin, made.id))).toBe("NOT_FOUND");
    expect(await refusal(revokeApiToken(hoEditor, 2_000_000_000))).toBe("NOT_FOUND");
    // The owner's own token, asked for as someone else's (a forged owner in the URL), is not found either.
    expect(await refusal(revokeApiToken(hoEditor, made.id, mojEditor.id))).toBe("NOT_FOUND");
    expect(await refusal(getApiToken(hoEditor, made.id, mojEditor.id))).toBe("NOT_FOUND");
    expect(await counts()).toEqual(before);
    expect(await authenticateApiToken(made.token)).not.toBeNull();
  });

  it("stop at once when revoked by their owner: the next API request is 401; revoked once, audited once", async () => {
    const made = await make(hoEditor, "Revoke me", "READ_WRITE");
    const ok = await callRoute(organisations.GET, { path: "/api/v1/organisations", token: made.token });
    expect(ok.status).toBe(200);
    const auditBefore = await testDb().auditEvent.count({ where: { action: "api-token.revoked" } });
    expect(await revokeApiToken(hoEditor, made.id)).toEqual({ id: made.id, name: "Revoke me", revoked: true });
    const refused = await callRoute(organisations.GET, { path: "/api/v1/organisations", token: made.token });
    expect(refused.status).toBe(401);
    // Again (a replayed form): nothing more happens.
    expect(await revokeApiToken(hoEditor, made.id)).toEqual({ id: made.id, name: "Revoke me", revoked: false });
    expect(await testDb().auditEvent.count({ where: { action: "api-token.revoked" } })).toBe(auditBefore + 1);
    const row = (await listApiTokens(hoEditor)).find((t) => t.id === made.id)!;
    expect(row.state).toBe("revoked");
    const event = await testDb().auditEvent.findFirst({ where: { action: "api-token.revoked" }, orderBy: { id: "desc" } });
    expect(event).toMatchObject({ actorId: hoEditor.id, entityType: "user", entityId: String(hoEditor.id) });
    expect(JSON.stringify({ summary: event?.summary, before: event?.before, after: event?.after })).not.toContain(made.token.slice(12));
  });

  it("are audited when created, without the secret", async () => {
    const made = await make(hoViewer, "Audited token");
    const event = await testDb().auditEvent.findFirst({ where: { action: "api-token.created" }, orderBy: { id: "desc" } });
    expect(event).toMatchObject({ actorId: hoViewer.id, entityType: "user", entityId: String(hoViewer.id), organisationId: hoViewer.organisationId });
    expect(event?.after).toMatchObject({ tokenId: made.id, name: "Audited token", access: "READ" });
    expect(JSON.stringify({ summary: event?.summary, before: event?.before, after: event?.after })).not.toContain(made.token.slice(12));
  });

  it("refuse NUL bytes, invisible characters, oversized names and a name already in use, writing nothing", async () => {
    await make(hoEditor, "Taken name");
    const before = await counts();
    const attempt = (fields: Record<string, unknown>) => createApiTokenFor(hoEditor, hoEditor, { name: "Fine", access: "READ", expiresOn: inAMonth(), ...fields });
    expect(await attempt({ name: "bad\u0000name" })).toEqual({ ok: false, fieldErrors: { name: "Token name must not contain control characters, such as a null byte" } });
    expect(await attempt({ name: "zero\u200Bwidth" })).toMatchObject({ ok: false, fieldErrors: { name: expect.stringMatching(/invisible/) } });
    expect(await attempt({ name: "x".repeat(101) })).toEqual({ ok: false, fieldErrors: { name: "Token name must be 100 characters or fewer" } });
    expect(await attempt({ name: "x".repeat(1_000_000) })).toMatchObject({ ok: false });
    expect(await attempt({ name: "  taken NAME " })).toMatchObject({ ok: false, fieldErrors: { name: expect.stringMatching(/already in use/) } });
    expect(await attempt({ name: { toString: "x" } })).toMatchObject({ ok: false, fieldErrors: { name: expect.any(String) } });
    expect(await attempt({ access: "ADMIN" })).toEqual({ ok: false, fieldErrors: { access: "Select what the token may do" } });
    expect(await attempt({ access: ["READ"] })).toMatchObject({ ok: false, fieldErrors: { access: expect.any(String) } });
    expect(await attempt({ "expiresOn-day": "1\u0000", "expiresOn-month": "1", "expiresOn-year": "2027" })).toMatchObject({ ok: false, fieldErrors: { expiresOn: expect.any(String) } });
    expect(await counts()).toEqual(before);
  });

  it("expire from tomorrow to a year from today, no earlier and no later, from the three date fields or one ISO date", async () => {
    const today = todayInLondon();
    const latest = latestTokenExpiry(today);
    const parts = (iso: string): Record<string, string> => ({
      "expiresOn-day": String(Number(iso.slice(8, 10))),
      "expiresOn-month": String(Number(iso.slice(5, 7))),
      "expiresOn-year": iso.slice(0, 4),
    });
    const attempt = (name: string, date: Record<string, string>) => createApiTokenFor(hoEditor, hoEditor, { name, access: "READ", ...date });
    expect(await attempt("Edge today", { expiresOn: today })).toEqual({ ok: false, fieldErrors: { expiresOn: "Expiry date must be in the future" } });
    expect(await attempt("Edge yesterday", parts(addDays(today, -1)))).toEqual({ ok: false, fieldErrors: { expiresOn: "Expiry date must be in the future" } });
    expect(await attempt("Edge too late", parts(addDays(latest, 1)))).toEqual({ ok: false, fieldErrors: { expiresOn: "Expiry date must be within a year of today" } });
    expect(await attempt("Edge 31 Feb", { "expiresOn-day": "31", "expiresOn-month": "2", "expiresOn-year": today.slice(0, 4) })).toEqual({ ok: false, fieldErrors: { expiresOn: "Expiry date must be a real date" } });
    expect(await attempt("Edge missing", {})).toEqual({ ok: false, fieldErrors: { expiresOn: "Enter the date the token expires" } });
    expect(await attempt("Edge part", { "expiresOn-day": "1", "expiresOn-month": "", "expiresOn-year": "2027" })).toEqual({ ok: false, fieldErrors: { expiresOn: "Expiry date must include a month" } });
    const tomorrow = await attempt("Edge tomorrow", parts(addDays(today, 1)));
    expect(tomorrow).toMatchObject({ ok: true, value: { expiresOn: addDays(today, 1) } });
    const lastDay = await attempt("Edge last day", parts(latest));
    expect(lastDay).toMatchObject({ ok: true, value: { expiresOn: latest } });
    // It works to the end of its last day.
    const stored = await testDb().apiToken.findUniqueOrThrow({ where: { id: lastDay.ok ? lastDay.value.id : 0 }, select: { expiresAt: true } });
    expect(stored.expiresAt.toISOString()).toBe(`${latest}T23:59:59.999Z`);
  });

  it("of a viewer can only read", async () => {
    const refused = await createApiTokenFor(hoViewer, hoViewer, { name: "Viewer write", access: "READ_WRITE", expiresOn: inAMonth() });
    expect(refused).toEqual({ ok: false, fieldErrors: { access: "This account can only read the register, so its tokens can only read" } });
  });

  it("cannot be made by one person for another, nor by an administrator for a person or for themselves", async () => {
    const before = await counts();
    expect(await refusal(createApiTokenFor(mojEditor, hoEditor, { name: "For someone else", access: "READ", expiresOn: inAMonth() }))).toBe("FORBIDDEN");
    expect(await refusal(createApiTokenFor(admin, hoEditor, { name: "Admin for a person", access: "READ", expiresOn: inAMonth() }))).toBe("FORBIDDEN");
    expect(await refusal(createApiTokenFor(admin, admin, { name: "Admin own", access: "READ", expiresOn: inAMonth() }))).toBe("FORBIDDEN");
    expect(await counts()).toEqual(before);
  });
});

describe("service accounts", () => {
  it("are made by administrators only, audited, listed apart from people, and refuse a second of the same name", async () => {
    const before = await counts();
    const input = createServiceAccountSchema.parse({ name: "CAFM nightly export", organisationId: String(homeOffice), role: "ESTATES_EDITOR" });
    expect(await refusal(createServiceAccount(hoEditor, input))).toBe("FORBIDDEN");
    expect(await counts()).toEqual(before);
    const made = await createServiceAccount(admin, input);
    expect(made.ok).toBe(true);
    const id = made.ok ? made.value.id : 0;
    const row = await testDb().user.findUniqueOrThrow({ where: { id }, select: { serviceAccount: true, email: true, role: true, organisationId: true, mustChangePassword: true } });
    expect(row).toMatchObject({ serviceAccount: true, role: "ESTATES_EDITOR", organisationId: homeOffice, mustChangePassword: false });
    expect(row.email).toMatch(/^svc-cafm-nightly-export-[0-9a-f]{8}@service-accounts\.invalid$/);
    expect(await createServiceAccount(admin, { ...input, name: "cafm NIGHTLY export" })).toEqual({ ok: false, fieldErrors: { name: "This organisation already has a service account with this name" } });
    expect((await listServiceAccounts(admin)).find((s) => s.id === id)).toMatchObject({ name: "CAFM nightly export", organisationName: expect.any(String), liveTokens: 0 });
    expect((await listUsers(admin)).some((u) => u.id === id)).toBe(false);
    expect(await refusal(listServiceAccounts(hoEditor))).toBe("FORBIDDEN");
    const event = await testDb().auditEvent.findFirst({ where: { action: "service-account.created", entityId: String(id) } });
    expect(event).toMatchObject({ actorId: admin.id, entityType: "service-account", organisationId: homeOffice });
  });

  it("refuse an unknown organisation, a role beyond one organisation, NUL bytes and long names", () => {
    const parse = (fields: Record<string, unknown>) => createServiceAccountSchema.safeParse({ name: "System", organisationId: "1", role: "ORG_VIEWER", ...fields });
    expect(parse({ role: "ADMIN" }).success).toBe(false);
    expect(parse({ role: "CABINET_OFFICE" }).success).toBe(false);
    expect(parse({ name: "a\u0000b" }).success).toBe(false);
    expect(parse({ name: "x".repeat(101) }).success).toBe(false);
    expect(parse({ organisationId: "-1" }).success).toBe(false);
    expect(parse({ organisationId: "1 OR 1=1" }).success).toBe(false);
  });

  it("never sign in with a password, even the one an attacker might guess", async () => {
    const id = await serviceAccount("Cannot sign in");
    const { email, passwordHash } = await testDb().user.findUniqueOrThrow({ where: { id }, select: { email: true, passwordHash: true } });
    expect(await checkCredentials(email, passwordHash)).toEqual({ ok: false, reason: "INVALID" });
    expect(await checkCredentials(email, "Demo-password-2026")).toEqual({ ok: false, reason: "INVALID" });
  });

  it("hold tokens made by an administrator (who is audited), which act with their role and organisation", async () => {
    const id = await serviceAccount("Reader system", "ORG_VIEWER");
    const owner = await serviceAccountActor(admin, id);
    expect(await createApiTokenFor(admin, owner, { name: "Too wide", access: "READ_WRITE", expiresOn: inAMonth() })).toMatchObject({ ok: false, fieldErrors: { access: expect.any(String) } });
    const made = await make(owner, "Reader token", "READ", admin);
    const holder = await authenticateApiToken(made.token);
    expect(holder?.actor).toMatchObject({ id, role: "ORG_VIEWER", organisationId: homeOffice, scope: { all: false } });
    const event = await testDb().auditEvent.findFirst({ where: { action: "api-token.created" }, orderBy: { id: "desc" } });
    expect(event).toMatchObject({ actorId: admin.id, entityType: "service-account", entityId: String(id) });
    const stored = await testDb().apiToken.findUniqueOrThrow({ where: { id: made.id }, select: { createdById: true, userId: true } });
    expect(stored).toEqual({ createdById: admin.id, userId: id });
    const page = await getServiceAccount(admin, id);
    expect(page.tokens.map((t) => t.id)).toEqual([made.id]);
    // The service account's list is the administrator's to see; the token is not theirs to list as their own.
    expect((await listApiTokens(admin)).some((t) => t.id === made.id)).toBe(false);
    // Only an administrator may make one; a person cannot, even for a service account of their organisation.
    expect(await refusal(createApiTokenFor(hoEditor, owner, { name: "Sneaky", access: "READ", expiresOn: inAMonth() }))).toBe("FORBIDDEN");
    expect(await refusal(getServiceAccount(hoEditor, id))).toBe("FORBIDDEN");
    // Revoked by an administrator; a person of the same organisation cannot.
    const second = await make(owner, "Second reader", "READ", admin);
    expect(await refusal(revokeApiToken(hoEditor, second.id))).toBe("NOT_FOUND");
    // From another service account's page (its id in the URL), the token is not found.
    const other = await serviceAccount("Other system");
    const before = await counts();
    expect(await refusal(revokeApiToken(admin, second.id, other))).toBe("NOT_FOUND");
    expect(await refusal(getApiToken(admin, second.id, other))).toBe("NOT_FOUND");
    expect(await refusal(revokeApiToken(admin, second.id, hoEditor.id))).toBe("NOT_FOUND");
    expect(await counts()).toEqual(before);
    expect((await revokeApiToken(admin, second.id, id)).revoked).toBe(true);
    expect(await authenticateApiToken(second.token)).toBeNull();
  });

  it("stop every token when deactivated, at once, audited once", async () => {
    const id = await serviceAccount("Retired system");
    const owner = await serviceAccountActor(admin, id);
    const one = await make(owner, "One", "READ_WRITE", admin);
    const two = await make(owner, "Two", "READ", admin);
    expect((await callRoute(organisations.GET, { path: "/api/v1/organisations", token: one.token })).status).toBe(200);
    expect(await refusal(deactivateServiceAccount(hoEditor, id))).toBe("FORBIDDEN");
    expect(await deactivateServiceAccount(admin, id)).toEqual({ id, revokedTokens: 2, changed: true });
    expect((await callRoute(organisations.GET, { path: "/api/v1/organisations", token: one.token })).status).toBe(401);
    expect(await authenticateApiToken(two.token)).toBeNull();
    expect(await loadActor(id)).toBeNull();
    expect(await deactivateServiceAccount(admin, id)).toEqual({ id, revokedTokens: 0, changed: false });
    expect(await testDb().auditEvent.count({ where: { action: "service-account.deactivated", entityId: String(id) } })).toBe(1);
    expect(await refusal(serviceAccountActor(admin, id))).toBe("NOT_FOUND");
  });

  it("are not people: a person's id is not a service account, and a service account is not a person", async () => {
    expect(await refusal(getServiceAccount(admin, hoEditor.id))).toBe("NOT_FOUND");
    expect(await refusal(serviceAccountActor(admin, hoEditor.id))).toBe("NOT_FOUND");
    expect(await refusal(deactivateServiceAccount(admin, hoEditor.id))).toBe("NOT_FOUND");
    expect((await loadActor(hoEditor.id))).not.toBeNull();
  });
});
