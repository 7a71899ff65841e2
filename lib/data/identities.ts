import "server-only";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/data/audit";
import { storableText } from "@/lib/data/sign-in-throttle";

// Single sign-on identities: an account at a department's OpenID Connect provider (provider id +
// its stable subject) linked to one account here. Accounts are provisioned by an administrator;
// the first sign-in through a provider with that account's verified email links the two, and from
// then on the subject alone finds the account (an email address at the provider may change).

/** What the provider said about the person, from its signed ID token. */
export interface IdentityClaims {
  provider: string;
  /** The provider's display name, kept with audit rows so the trail reads without the settings. */
  providerName: string;
  subject: string;
  email: string | null;
  /** email_verified was true, or the provider is trusted to hold only verified addresses. */
  emailVerified: boolean;
}

/** Why a sign-in through a provider was refused, as the refusal page explains it. */
export const REFUSAL_REASONS = ["missing-details", "unverified-email", "unknown-email", "inactive", "service-account", "linked-elsewhere"] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

export type IdentityOutcome = { ok: true; userId: number; linked: boolean } | { ok: false; reason: RefusalReason };

// Longer than any real subject or address: anything longer is refused rather than stored.
const MAX_SUBJECT = 255;
const MAX_EMAIL = 320;

const REFUSAL_WORDS: Record<RefusalReason, string> = {
  "missing-details": "the provider gave no identifier or no email address",
  "unverified-email": "the provider did not say the email address is verified",
  "unknown-email": "no account has this email address",
  inactive: "the account is deactivated",
  "service-account": "the account is a service account, which cannot sign in",
  "linked-elsewhere": "the account is already linked to another identity at this provider",
};

interface AccountRow {
  id: number;
  email: string;
  active: boolean;
  serviceAccount: boolean;
  organisationId: number | null;
}

const ACCOUNT = { id: true, email: true, active: true, serviceAccount: true, organisationId: true } as const;

/**
 * Decides a sign-in through a provider: the account its identity is linked to, or the account
 * with its verified email (linking the identity, once, audited), or a refusal (audited, with the
 * provider and the email, never a token). Two first sign-ins at once link one identity.
 */
export async function resolveIdentity(claims: IdentityClaims): Promise<IdentityOutcome> {
  const subject = claims.subject;
  const email = claims.email === null ? null : storableText(claims.email.trim().toLowerCase());
  if (subject === "" || subject.length > MAX_SUBJECT || /\0/.test(subject)) return refuse(claims, email, "missing-details", null);

  const linked = await db().userIdentity.findUnique({
    where: { provider_subject: { provider: claims.provider, subject } },
    select: { id: true, user: { select: ACCOUNT } },
  });
  if (linked) {
    const refusal = unusable(linked.user);
    if (refusal) return refuse(claims, email, refusal, linked.user);
    await markUsed(linked.id, linked.user.id);
    return { ok: true, userId: linked.user.id, linked: false };
  }

  if (email === null || email === "" || email.length > MAX_EMAIL) return refuse(claims, null, "missing-details", null);
  // Checked before the address is looked up, so an unverified address says nothing about accounts.
  if (!claims.emailVerified) return refuse(claims, email, "unverified-email", null);
  const user = await db().user.findUnique({ where: { email }, select: ACCOUNT });
  if (!user) return refuse(claims, email, "unknown-email", null);
  const refusal = unusable(user);
  if (refusal) return refuse(claims, email, refusal, user);
  return link(claims, email, subject, user);
}

function unusable(user: AccountRow): RefusalReason | null {
  if (user.serviceAccount) return "service-account";
  if (!user.active) return "inactive";
  return null;
}

async function link(claims: IdentityClaims, email: string, subject: string, user: AccountRow): Promise<IdentityOutcome> {
  const outcome = await db().$transaction(async (tx): Promise<IdentityOutcome | null> => {
    // The two unique keys (provider + subject, account + provider) settle a race: the loser
    // inserts nothing and reads what the winner linked.
    const inserted = await tx.$queryRawUnsafe<{ id: number }[]>(
      `INSERT INTO user_identities (user_id, provider, subject, email, last_used_at) VALUES ($1, $2, $3, $4, now())
       ON CONFLICT DO NOTHING RETURNING id`,
      user.id, claims.provider, subject, email,
    );
    if (inserted.length === 0) return null;
    await tx.user.update({ where: { id: user.id }, data: { lastSignInAt: new Date() }, select: { id: true } });
    await recordAudit(tx, { id: user.id, email: user.email }, {
      action: "user.identity-linked",
      entityType: "user",
      entityId: String(user.id),
      organisationId: user.organisationId,
      summary: `Linked ${user.email} to their sign-in with ${claims.providerName} (${email}) at their first single sign-on`,
      after: { provider: claims.provider, providerName: claims.providerName, email, subject },
    });
    return { ok: true, userId: user.id, linked: true };
  });
  if (outcome) return outcome;
  const existing = await db().userIdentity.findUnique({
    where: { provider_subject: { provider: claims.provider, subject } },
    select: { id: true, userId: true },
  });
  if (existing?.userId === user.id) {
    await markUsed(existing.id, user.id);
    return { ok: true, userId: user.id, linked: false };
  }
  return refuse(claims, email, "linked-elsewhere", user);
}

async function markUsed(identityId: number, userId: number): Promise<void> {
  const now = new Date();
  await db().userIdentity.update({ where: { id: identityId }, data: { lastUsedAt: now }, select: { id: true } });
  await db().user.update({ where: { id: userId }, data: { lastSignInAt: now }, select: { id: true } });
}

async function refuse(claims: IdentityClaims, email: string | null, reason: RefusalReason, user: AccountRow | null): Promise<IdentityOutcome> {
  const shown = email === null || email === "" ? "(no email address)" : email.slice(0, MAX_EMAIL);
  await recordAudit(db(), null, {
    action: "sign-in.refused",
    entityType: "sign-in email",
    entityId: shown,
    organisationId: user?.organisationId ?? null,
    summary: `Single sign-on through ${claims.providerName} refused for ${shown}: ${REFUSAL_WORDS[reason]}`,
    after: { provider: claims.provider, providerName: claims.providerName, email: email === null ? null : shown, reason },
  });
  return { ok: false, reason };
}

/**
 * The account an identity is linked to, when it may still sign in: asked again as the session is
 * made, a moment after resolveIdentity, so nothing opens for an account deactivated in between.
 */
export async function linkedUserId(provider: string, subject: string): Promise<number | null> {
  if (subject === "" || subject.length > MAX_SUBJECT) return null;
  const found = await db().userIdentity.findUnique({
    where: { provider_subject: { provider, subject } },
    select: { user: { select: { id: true, active: true, serviceAccount: true } } },
  });
  return found && found.user.active && !found.user.serviceAccount ? found.user.id : null;
}
