import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { hash } from "@node-rs/argon2";
import { Prisma } from "@/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { notFound } from "@/lib/auth/errors";
import { ROLE_LABELS } from "@/lib/auth/permissions";
import { db } from "@/lib/db";
import { accountableFlag, assertCan, auditAccountableOfficial, EMAIL_TAKEN, emailTaken, INVITED_NO_PASSWORD, organisationMustExist, type Outcome } from "@/lib/data/admin-users";
import { recordAudit } from "@/lib/data/audit";
import { deliverClaimed, processMailer, publicBaseUrl } from "@/lib/jobs/notifications";
import { absoluteLink, buildMessage } from "@/lib/mail/message";
import type { Mailer } from "@/lib/mail/transport";
import { INVITATION_KIND } from "@/lib/notifications/kinds";
import { invitationContent } from "@/lib/notifications/wording";
import type { FieldErrors } from "@/lib/validation/field-errors";
import { INVITATION_DAYS, isInvitationToken, type InviteUserInput } from "@/lib/validation/invitation";

// Accounts made by invitation: the administrator gives name, email, role and organisation; the
// person gets a link that works once, for 7 days, and chooses their own password there. The link's
// token is 32 random bytes; only its SHA-256 is stored, so the database alone cannot open an account.
// The email goes through the notifications' sender path: a notifications row, claimed as it is
// made (only this request holds the token), sent once after the commit, its outcome recorded.


export function tokenHash(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

function newToken(): string {
  return randomBytes(32).toString("base64url");
}

export interface InvitationSent {
  id: number;
  email: string;
  /** Whether the mail server accepted the email; false with the reason otherwise. */
  emailed: boolean;
  problem: string | null;
}

interface Pending {
  userId: number;
  email: string;
  name: string;
  notificationId: number;
  token: string;
  expiresAt: Date;
}

/** Writes an invitation and its claimed email row on the caller's transaction. */
async function addInvitation(tx: Prisma.TransactionClient, actor: Actor, user: { id: number; email: string; name: string }): Promise<Pending> {
  const token = newToken();
  const expiresAt = new Date(Date.now() + INVITATION_DAYS * 24 * 3600 * 1000);
  // One live link at a time: an earlier unused one stops working.
  await tx.invitation.updateMany({ where: { userId: user.id, usedAt: null, expiresAt: { gt: new Date() } }, data: { expiresAt: new Date() } });
  const invitation = await tx.invitation.create({
    data: { userId: user.id, tokenHash: tokenHash(token), expiresAt, createdBy: actor.email },
    select: { id: true },
  });
  const words = invitationContent({ name: user.name, invitedBy: actor.email, expiresOn: expiresAt.toISOString().slice(0, 10) });
  const notification = await tx.notification.create({
    data: {
      userId: user.id,
      kind: INVITATION_KIND,
      eventKey: `invitation:${invitation.id}`,
      subject: words.subject,
      body: words.body,
      // The token is not stored: the row records the email, the link is only in the email itself.
      link: "/invitation",
      emailClaimedAt: new Date(),
    },
    select: { id: true },
  });
  return { userId: user.id, email: user.email, name: user.name, notificationId: notification.id, token, expiresAt };
}

/** Sends the invitation's email once, after the commit, and records what happened. */
async function send(pending: Pending, mailer: Mailer | null): Promise<InvitationSent> {
  const row = await db().notification.findUniqueOrThrow({ where: { id: pending.notificationId }, select: { subject: true, body: true } });
  const emailed = await deliverClaimed(db(), mailer, pending.notificationId, () =>
    buildMessage(
      {
        to: pending.email,
        subject: row.subject,
        body: row.body,
        url: absoluteLink(publicBaseUrl(), `/invitation/${pending.token}`),
        linkText: "Choose your password",
      },
      { footer: "This email was sent by the Estate Camera Register because an administrator created an account for you." },
    ),
  );
  const after = await db().notification.findUniqueOrThrow({ where: { id: pending.notificationId }, select: { emailError: true } });
  return { id: pending.userId, email: pending.email, emailed, problem: emailed ? null : after.emailError };
}

export async function inviteUser(actor: Actor, input: InviteUserInput, mailer: Mailer | null = processMailer()): Promise<Outcome<InvitationSent>> {
  assertCan(actor, "admin:users");
  let pending: Pending;
  try {
    const outcome = await db().$transaction(async (tx): Promise<Outcome<Pending>> => {
      const problems: FieldErrors = { ...(await organisationMustExist(tx, input.organisationId)), ...(await emailTaken(tx, input.email)) };
      if (Object.keys(problems).length > 0) return { ok: false, fieldErrors: problems };
      const user = await tx.user.create({
        data: {
          name: input.name,
          email: input.email,
          role: input.role,
          organisationId: input.organisationId,
          passwordHash: INVITED_NO_PASSWORD,
          mustChangePassword: false,
          accountableOfficial: accountableFlag(input),
        },
        select: { id: true, name: true, email: true, role: true, organisationId: true, active: true, accountableOfficial: true },
      });
      const added = await addInvitation(tx, actor, user);
      await recordAudit(tx, actor, {
        action: "user.invited",
        entityType: "user",
        entityId: String(user.id),
        organisationId: user.organisationId,
        summary: `Invited ${user.email} (${ROLE_LABELS[user.role]}) by email; the link works until ${added.expiresAt.toISOString().slice(0, 10)}`,
        after: { name: user.name, email: user.email, role: user.role, organisationId: user.organisationId, active: user.active, expiresAt: added.expiresAt.toISOString() },
      });
      if (user.accountableOfficial) await auditAccountableOfficial(tx, actor, user, true);
      return { ok: true, value: added };
    });
    if (!outcome.ok) return outcome;
    pending = outcome.value;
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return { ok: false, fieldErrors: { email: EMAIL_TAKEN } };
    throw error;
  }
  return { ok: true, value: await send(pending, mailer) };
}

/** A new link for someone who has not yet chosen a password; the earlier link stops working. */
export async function resendInvitation(actor: Actor, userId: number, mailer: Mailer | null = processMailer()): Promise<InvitationSent> {
  assertCan(actor, "admin:users");
  const pending = await db().$transaction(async (tx) => {
    const user = await tx.user.findUnique({
      where: { id: userId, serviceAccount: false },
      select: { id: true, name: true, email: true, organisationId: true, active: true, passwordHash: true },
    });
    if (!user || !user.active || user.passwordHash !== INVITED_NO_PASSWORD) throw notFound("Invitation");
    const added = await addInvitation(tx, actor, user);
    await recordAudit(tx, actor, {
      action: "user.invited",
      entityType: "user",
      entityId: String(user.id),
      organisationId: user.organisationId,
      summary: `Sent a new invitation to ${user.email}; the link works until ${added.expiresAt.toISOString().slice(0, 10)}`,
      after: { email: user.email, expiresAt: added.expiresAt.toISOString(), resent: true },
    });
    return added;
  });
  return send(pending, mailer);
}

export type InvitationState =
  | { status: "open"; name: string; email: string }
  | { status: "used" }
  | { status: "expired" }
  | { status: "unknown" };

/** What a link leads to. Anything not a well-formed live token is "unknown": never an error. */
export async function invitationState(token: unknown): Promise<InvitationState> {
  if (!isInvitationToken(token)) return { status: "unknown" };
  const row = await db().invitation.findUnique({
    where: { tokenHash: tokenHash(token) },
    select: { usedAt: true, expiresAt: true, user: { select: { name: true, email: true, active: true, passwordHash: true } } },
  });
  if (!row || !row.user.active) return { status: "unknown" };
  if (row.usedAt) return { status: "used" };
  if (row.expiresAt <= new Date()) return { status: "expired" };
  if (row.user.passwordHash !== INVITED_NO_PASSWORD) return { status: "used" };
  return { status: "open", name: row.user.name, email: row.user.email };
}

/**
 * Sets the person's first password from the link (already judged by the password policy). The
 * link is spent by one atomic UPDATE: of two submissions at once, one wins and the other is told
 * the link has been used.
 */
export async function acceptInvitation(token: string, newPassword: string): Promise<InvitationState["status"] | "accepted"> {
  if (!isInvitationToken(token)) return "unknown";
  // Hashed before the transaction: deliberately slow, and must not hold the only embedded connection.
  const passwordHash = await hash(newPassword);
  return db().$transaction(async (tx) => {
    const spent = await tx.$queryRawUnsafe<{ user_id: number }[]>(
      `UPDATE invitations SET used_at = now()
        WHERE token_hash = $1 AND used_at IS NULL AND expires_at > now()
       RETURNING user_id`,
      tokenHash(token),
    );
    const userId = spent[0]?.user_id;
    if (userId === undefined) {
      const row = await tx.invitation.findUnique({ where: { tokenHash: tokenHash(token) }, select: { usedAt: true } });
      return !row ? "unknown" : row.usedAt ? "used" : "expired";
    }
    const { count } = await tx.user.updateMany({
      where: { id: userId, active: true, serviceAccount: false, passwordHash: INVITED_NO_PASSWORD },
      data: { passwordHash, mustChangePassword: false, passwordChangedAt: new Date(), version: { increment: 1 } },
    });
    if (count === 0) return "used";
    const user = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { id: true, email: true, organisationId: true } });
    await recordAudit(tx, { id: user.id, email: user.email }, {
      action: "user.invitation_accepted",
      entityType: "user",
      entityId: String(user.id),
      organisationId: user.organisationId,
      summary: `Accepted the invitation and chose a password for ${user.email}`,
    });
    return "accepted";
  });
}
