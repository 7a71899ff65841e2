import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMailCapture, type MailCapture } from "../support/mail-capture";
import { actorFor, testDb } from "./helpers";
import type { Actor } from "@/lib/auth/actor";
import { getUser, updateUser } from "@/lib/data/admin-users";
import { acceptInvitation, invitationState, inviteUser, resendInvitation, tokenHash } from "@/lib/data/invitations";
import { checkCredentials } from "@/lib/data/users";
import { sendPendingEmails } from "@/lib/jobs/notifications";
import { createMailer, type Mailer } from "@/lib/mail/transport";
import { acceptInvitationSchema, inviteUserSchema } from "@/lib/validation/invitation";
import { updateUserSchema } from "@/lib/validation/user";

// Invitations by email on the real database and a real SMTP server: the link works once, for 7
// days; only the token's SHA-256 is stored; forged, replayed, expired and malformed links get a
// plain answer, never an error.

const ADMIN = "admin@register.example.gov.uk";
const PASSWORD = "violet kettle harbour 58";

let smtp: MailCapture;
let mailer: Mailer;
let admin: Actor;
let ho = 0;

function form(values: Record<string, string>) {
  return inviteUserSchema.safeParse(values);
}

function linkIn(text: string): string {
  const m = /https?:\/\/\S+\/invitation\/([A-Za-z0-9_-]+)/.exec(text);
  if (!m) throw new Error(`no invitation link in: ${text}`);
  return m[1]!;
}

async function invite(email: string, name = "Ina Invited", extra: Record<string, string> = {}) {
  const parsed = form({ name, email, role: "ESTATES_EDITOR", organisationId: String(ho), ...extra });
  if (!parsed.success) throw new Error(JSON.stringify(parsed.error.issues));
  const before = smtp.messages.length;
  const outcome = await inviteUser(admin, parsed.data, mailer);
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.fieldErrors));
  const [mail] = (await smtp.waitFor(before + 1)).slice(before);
  return { outcome: outcome.value, mail: mail!, token: linkIn(mail!.text) };
}

beforeAll(async () => {
  smtp = await startMailCapture();
  mailer = createMailer({ host: "127.0.0.1", port: smtp.port, secure: false, requireTls: false, from: "noreply@register.example.gov.uk" });
  admin = await actorFor(ADMIN);
  ho = (await testDb().organisation.findFirstOrThrow({ where: { acronym: "HO" }, select: { id: true } })).id;
});

afterAll(async () => {
  mailer?.close();
  await smtp?.close();
});

describe("inviting someone by email", () => {
  it("creates the account with no usable password and emails a link that works once", async () => {
    const { outcome, mail, token } = await invite("ina.invited@ho.example.gov.uk", "Ina Invited", { accountableOfficial: "yes" });
    expect(outcome.emailed).toBe(true);
    expect(mail.envelopeTo).toEqual(["ina.invited@ho.example.gov.uk"]);
    expect(mail.subject).toBe("You have been invited to the Estate Camera Register");
    expect(mail.text).toContain("Dear Ina Invited,");
    expect(mail.text).toMatch(/The link works once, until \d{1,2} [A-Z][a-z]+ \d{4}\./);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(mail.html).toContain(`/invitation/${token}`);

    // Only the hash is stored, nowhere the token itself.
    const stored = await testDb().invitation.findFirstOrThrow({ where: { userId: outcome.id }, select: { tokenHash: true, expiresAt: true } });
    expect(stored.tokenHash).toBe(tokenHash(token));
    expect(stored.tokenHash).not.toContain(token);
    const days = (stored.expiresAt.getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.9);
    expect(days).toBeLessThanOrEqual(7);
    const leaks = await testDb().$queryRawUnsafe<unknown[]>(`SELECT 1 FROM notifications WHERE body LIKE $1 OR link LIKE $1 OR subject LIKE $1`, `%${token}%`);
    expect(leaks).toEqual([]);

    // The email row is claimed at once: no pass of the sender sends it again.
    const row = await testDb().notification.findFirstOrThrow({ where: { userId: outcome.id, kind: "invitation" } });
    expect(row.emailClaimedAt).not.toBeNull();
    expect(row.emailedAt).not.toBeNull();
    const count = smtp.messages.length;
    await sendPendingEmails(testDb(), mailer, "http://localhost:3000");
    expect(smtp.messages.filter((m) => m.envelopeTo.includes("ina.invited@ho.example.gov.uk"))).toHaveLength(1);
    expect(smtp.messages.length).toBeGreaterThanOrEqual(count);

    const user = await getUser(admin, outcome.id);
    expect(user.invitationPending).toBe(true);
    expect(user.accountableOfficial).toBe(true);
    // No password signs in before the person chooses one.
    expect((await checkCredentials("ina.invited@ho.example.gov.uk", PASSWORD)).ok).toBe(false);
    expect((await checkCredentials("ina.invited@ho.example.gov.uk", "!invited: no password yet")).ok).toBe(false);

    expect(await invitationState(token)).toEqual({ status: "open", name: "Ina Invited", email: "ina.invited@ho.example.gov.uk" });
    const parsed = acceptInvitationSchema({ email: "ina.invited@ho.example.gov.uk", name: "Ina Invited" }).parse({ newPassword: PASSWORD, confirmPassword: PASSWORD });
    expect(await acceptInvitation(token, parsed.newPassword)).toBe("accepted");
    expect((await checkCredentials("ina.invited@ho.example.gov.uk", PASSWORD)).ok).toBe(true);

    // The link no longer works, and a replay changes nothing.
    expect(await invitationState(token)).toEqual({ status: "used" });
    expect(await acceptInvitation(token, "another long passphrase 77")).toBe("used");
    expect((await checkCredentials("ina.invited@ho.example.gov.uk", PASSWORD)).ok).toBe(true);

    const actions = await testDb().auditEvent.findMany({ where: { entityType: "user", entityId: String(outcome.id) }, select: { action: true }, orderBy: { id: "asc" } });
    expect(actions.map((a) => a.action)).toEqual(["user.invited", "user.accountable_official_changed", "user.invitation_accepted"]);
  });

  it("spends a link once when two people submit it at the same time", async () => {
    const { token } = await invite("race@ho.example.gov.uk", "Rae Race");
    const results = await Promise.all([acceptInvitation(token, "first racing passphrase 1"), acceptInvitation(token, "second racing passphrase 2")]);
    expect(results.filter((r) => r === "accepted")).toHaveLength(1);
    expect(results.filter((r) => r === "used")).toHaveLength(1);
  });

  it("an expired link gets a plain answer, and a new invitation replaces the old link", async () => {
    const { outcome, token } = await invite("late@ho.example.gov.uk", "Lee Late");
    await testDb().invitation.updateMany({ where: { userId: outcome.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await invitationState(token)).toEqual({ status: "expired" });
    expect(await acceptInvitation(token, PASSWORD)).toBe("expired");

    const before = smtp.messages.length;
    const resent = await resendInvitation(admin, outcome.id, mailer);
    expect(resent.emailed).toBe(true);
    const [mail] = (await smtp.waitFor(before + 1)).slice(before);
    const fresh = linkIn(mail!.text);
    expect(fresh).not.toBe(token);
    expect(await invitationState(token)).toEqual({ status: "expired" });
    expect(await invitationState(fresh)).toMatchObject({ status: "open" });
    // A second resend stops the first fresh link from working.
    await resendInvitation(admin, outcome.id, mailer);
    await smtp.waitFor(before + 2);
    expect(await invitationState(fresh)).toEqual({ status: "expired" });
  });

  it("forged, malformed and hostile links are unknown, never an error", async () => {
    const forged = randomBytes(32).toString("base64url");
    for (const token of [forged, "", "a", "x".repeat(43) + "\u0000", "../../etc/passwd", "%00".repeat(20), "A".repeat(10_000), "ä".repeat(43), null, 42, { token: forged }]) {
      expect(await invitationState(token)).toEqual({ status: "unknown" });
    }
    expect(await acceptInvitation(forged, PASSWORD)).toBe("unknown");
    expect(await acceptInvitation("x\r\n", PASSWORD)).toBe("unknown");
  });

  it("refuses hostile and oversized details before anything is written, and a taken address", async () => {
    expect(form({ name: "Evil\r\nBcc: attacker@evil.example", email: "evil@ho.example.gov.uk", role: "ORG_VIEWER", organisationId: String(ho) }).success).toBe(false);
    expect(form({ name: "Nul\u0000Byte", email: "nul@ho.example.gov.uk", role: "ORG_VIEWER", organisationId: String(ho) }).success).toBe(false);
    expect(form({ name: "x".repeat(201), email: "long@ho.example.gov.uk", role: "ORG_VIEWER", organisationId: String(ho) }).success).toBe(false);
    expect(form({ name: "Ok", email: "a@b.gov.uk\r\nBcc: attacker@evil.example", role: "ORG_VIEWER", organisationId: String(ho) }).success).toBe(false);
    expect(form({ name: "Ok", email: `${"a".repeat(250)}@ho.gov.uk`, role: "ORG_VIEWER", organisationId: String(ho) }).success).toBe(false);

    // Even past the form, a name with line breaks reaches no header: the address alone is used.
    const before = smtp.messages.length;
    const outcome = await inviteUser(admin, { name: "Eve\r\nBcc: attacker@evil.example", email: "eve@ho.example.gov.uk", role: "ORG_VIEWER", organisationId: ho, accountableOfficial: false }, mailer);
    expect(outcome.ok).toBe(true);
    const [mail] = (await smtp.waitFor(before + 1)).slice(before);
    expect(mail!.envelopeTo).toEqual(["eve@ho.example.gov.uk"]);
    expect(mail!.headerNames).not.toContain("bcc");
    expect(mail!.text).toContain("Dear Eve Bcc: attacker@evil.example,");

    const taken = await inviteUser(admin, form({ name: "Again", email: "EVE@ho.example.gov.uk", role: "ORG_VIEWER", organisationId: String(ho) }).data!, mailer);
    expect(taken).toEqual({ ok: false, fieldErrors: { email: "An account with this email address already exists" } });
  });

  it("with no mail server the account is made, the failure recorded and shown, and a new invitation can be sent", async () => {
    const parsed = form({ name: "Nora Nomail", email: "nomail@ho.example.gov.uk", role: "ORG_VIEWER", organisationId: String(ho) });
    const outcome = await inviteUser(admin, parsed.data!, null);
    expect(outcome).toMatchObject({ ok: true, value: { emailed: false, problem: "Not emailed: email is not set up (SMTP_HOST)" } });
    const down = createMailer({ host: "127.0.0.1", port: 1, secure: false, requireTls: false, from: "noreply@register.example.gov.uk" });
    const failed = await resendInvitation(admin, (outcome as { value: { id: number } }).value.id, down);
    expect(failed.emailed).toBe(false);
    expect(failed.problem).toMatch(/^Could not send: /);
  });
});

describe("the accountable official flag", () => {
  it("is only for department staff with an organisation, and its change is audited", async () => {
    const refused = form({ name: "Ada", email: "ada2@register.example.gov.uk", role: "ADMIN", organisationId: "", accountableOfficial: "yes" });
    expect(refused.success).toBe(false);
    expect(refused.error!.issues.map((i) => i.path.join("."))).toEqual(["accountableOfficial"]);
    expect(form({ name: "Ada", email: "ada3@register.example.gov.uk", role: "ADMIN", organisationId: "", accountableOfficial: "maybe" }).success).toBe(false);

    const viewer = await testDb().user.findUniqueOrThrow({ where: { email: "viewer@ho.example.gov.uk" }, select: { id: true, version: true, name: true, organisationId: true } });
    const input = updateUserSchema.parse({ id: String(viewer.id), version: String(viewer.version), name: viewer.name, role: "ORG_VIEWER", organisationId: String(viewer.organisationId), accountableOfficial: "yes" });
    expect((await updateUser(admin, input)).ok).toBe(true);
    expect((await getUser(admin, viewer.id)).accountableOfficial).toBe(true);
    const events = await testDb().auditEvent.findMany({ where: { entityId: String(viewer.id), action: "user.accountable_official_changed" }, select: { after: true } });
    expect(events.at(-1)?.after).toEqual({ accountableOfficial: true });

    // Put back; a caller that does not mention the flag leaves it as it is.
    const now = await getUser(admin, viewer.id);
    const back = updateUserSchema.parse({ id: String(viewer.id), version: String(now.version), name: viewer.name, role: "ORG_VIEWER", organisationId: String(viewer.organisationId) });
    expect((await updateUser(admin, back)).ok).toBe(true);
    expect((await getUser(admin, viewer.id)).accountableOfficial).toBe(false);
    const again = await getUser(admin, viewer.id);
    const { accountableOfficial: _flag, ...withoutFlag } = updateUserSchema.parse({ id: String(viewer.id), version: String(again.version), name: viewer.name, role: "ORG_VIEWER", organisationId: String(viewer.organisationId), accountableOfficial: "yes" });
    await updateUser(admin, { ...withoutFlag });
    expect((await getUser(admin, viewer.id)).accountableOfficial).toBe(false);
  });
});
