import "server-only";
import { hash } from "@node-rs/argon2";
import { Prisma } from "@/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { AppError, conflict, forbidden, notFound } from "@/lib/auth/errors";
import { can, ROLE_LABELS, type Permission, type Role } from "@/lib/auth/permissions";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/data/audit";
import { revokeUserSessions } from "@/lib/data/sessions";
import { clearAccountThrottle, delayedAccounts } from "@/lib/data/sign-in-throttle";
import type { FieldErrors } from "@/lib/validation/field-errors";
import { canBeAccountableOfficial, type CreateUserInput, type UpdateUserInput, type UserStatusInput } from "@/lib/validation/user";

/** A change that either happened or was refused for reasons the form shows against its fields. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; fieldErrors: FieldErrors };

export const STALE_MESSAGE =
  "This record was changed by someone else since you opened it. Reload the page to see the latest version, then make your change again.";

/** Administrator functions check the permission themselves, whoever calls them. */
export function assertCan(actor: Actor, permission: Permission): void {
  if (!can(actor.role, permission)) throw forbidden();
}

export interface UserRow {
  id: number;
  name: string;
  email: string;
  role: Role;
  organisationId: number | null;
  organisationName: string | null;
  active: boolean;
  /** Failed sign-ins are slowing this account's sign-in down at the moment. */
  signInDelayed: boolean;
  lastSignInAt: Date | null;
  version: number;
  /** May attest the department's returns. */
  accountableOfficial: boolean;
  /** Invited by email and has not yet chosen a password. */
  invitationPending: boolean;
}

/** The password of an account invited by email until the person chooses their own: matches no password. */
export const INVITED_NO_PASSWORD = "!invited: no password yet";

const USER_SELECT = {
  id: true,
  name: true,
  email: true,
  role: true,
  organisationId: true,
  organisation: { select: { name: true } },
  active: true,
  lastSignInAt: true,
  version: true,
  accountableOfficial: true,
  passwordHash: true,
} as const;

type SelectedUser = Prisma.UserGetPayload<{ select: typeof USER_SELECT }>;

function toRow(u: SelectedUser, delayed: ReadonlySet<string>): UserRow {
  return {
    id: u.id,
    name: u.name,
    email: u.email,
    role: u.role,
    organisationId: u.organisationId,
    organisationName: u.organisation?.name ?? null,
    active: u.active,
    signInDelayed: delayed.has(u.email.toLowerCase()),
    lastSignInAt: u.lastSignInAt,
    version: u.version,
    accountableOfficial: u.accountableOfficial,
    invitationPending: u.passwordHash === INVITED_NO_PASSWORD,
  };
}

export async function listUsers(actor: Actor): Promise<UserRow[]> {
  assertCan(actor, "admin:users");
  // Service accounts are systems, not people: they have their own page (/admin/service-accounts).
  const users = await db().user.findMany({ where: { serviceAccount: false }, select: USER_SELECT, orderBy: [{ active: "desc" }, { name: "asc" }, { id: "asc" }] });
  const delayed = await delayedAccounts(users.map((u) => u.email));
  return users.map((u) => toRow(u, delayed));
}

export async function getUser(actor: Actor, id: number): Promise<UserRow> {
  assertCan(actor, "admin:users");
  const user = await db().user.findUnique({ where: { id, serviceAccount: false }, select: USER_SELECT });
  if (!user) throw notFound("User");
  return toRow(user, await delayedAccounts([user.email]));
}

export interface OrganisationOption {
  id: number;
  name: string;
  acronym: string;
}

export async function listOrganisationOptions(actor: Actor): Promise<OrganisationOption[]> {
  assertCan(actor, "admin:users");
  return db().organisation.findMany({ select: { id: true, name: true, acronym: true }, orderBy: { name: "asc" } });
}

function auditShape(u: { name: string; email: string; role: Role; organisationId: number | null; active: boolean }) {
  return { name: u.name, email: u.email, role: u.role, organisationId: u.organisationId, active: u.active };
}

export const EMAIL_TAKEN = "An account with this email address already exists";

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

export async function organisationMustExist(tx: Prisma.TransactionClient, organisationId: number | null): Promise<FieldErrors | null> {
  if (organisationId === null) return null;
  const org = await tx.organisation.findUnique({ where: { id: organisationId }, select: { id: true } });
  return org ? null : { organisationId: "Select an organisation from the list" };
}

export async function emailTaken(tx: Pick<Prisma.TransactionClient, "user">, email: string): Promise<FieldErrors | null> {
  const existing = await tx.user.findUnique({ where: { email }, select: { id: true } });
  return existing ? { email: EMAIL_TAKEN } : null;
}

/**
 * Whether an address already has an account, for a form whose other fields were refused before
 * the account could be created: the taken address is then reported with them, not after.
 */
export async function emailTakenProblem(actor: Actor, email: string): Promise<FieldErrors | null> {
  assertCan(actor, "admin:users");
  return emailTaken(db(), email);
}

export async function createUser(actor: Actor, input: CreateUserInput): Promise<Outcome<{ id: number }>> {
  assertCan(actor, "admin:users");
  // Argon2id is the library's default. Hashed before the transaction: it is deliberately slow
  // and must not hold the only connection in embedded mode.
  const passwordHash = await hash(input.password);
  try {
    return await db().$transaction(async (tx): Promise<Outcome<{ id: number }>> => {
      // Every refusal at once: an unknown organisation and a taken address together.
      const problems: FieldErrors = { ...(await organisationMustExist(tx, input.organisationId)), ...(await emailTaken(tx, input.email)) };
      if (Object.keys(problems).length > 0) return { ok: false, fieldErrors: problems };
      const user = await tx.user.create({
        // The administrator chose this password, so it is only good for choosing the person's own.
        data: {
          name: input.name,
          email: input.email,
          role: input.role,
          organisationId: input.organisationId,
          passwordHash,
          mustChangePassword: true,
          accountableOfficial: accountableFlag(input),
        },
        select: { id: true, name: true, email: true, role: true, organisationId: true, active: true, accountableOfficial: true },
      });
      await recordAudit(tx, actor, {
        action: "user.created",
        entityType: "user",
        entityId: String(user.id),
        organisationId: user.organisationId,
        summary: `Created the account ${user.email} (${ROLE_LABELS[user.role]})`,
        after: auditShape(user),
      });
      if (user.accountableOfficial) await auditAccountableOfficial(tx, actor, user, true);
      return { ok: true, value: { id: user.id } };
    });
  } catch (error) {
    // Two administrators adding the same address at once: the unique index decides.
    if (isUniqueViolation(error)) return { ok: false, fieldErrors: { email: EMAIL_TAKEN } };
    throw error;
  }
}

export async function updateUser(actor: Actor, input: UpdateUserInput): Promise<Outcome<{ id: number }>> {
  assertCan(actor, "admin:users");
  if (input.id === actor.id && input.role !== actor.role) {
    return { ok: false, fieldErrors: { role: "You cannot change your own role: ask another administrator" } };
  }
  return db().$transaction(async (tx): Promise<Outcome<{ id: number }>> => {
    const before = await tx.user.findUnique({
      where: { id: input.id, serviceAccount: false },
      select: { id: true, name: true, email: true, role: true, organisationId: true, active: true, version: true, accountableOfficial: true },
    });
    if (!before) throw notFound("User");
    if (before.version !== input.version) throw conflict(STALE_MESSAGE);
    const orgProblem = await organisationMustExist(tx, input.organisationId);
    if (orgProblem) return { ok: false, fieldErrors: orgProblem };
    // Not given (a caller other than the form): kept, unless the new role or organisation rules it out.
    const accountableOfficial = accountableFlag({ ...input, accountableOfficial: input.accountableOfficial ?? before.accountableOfficial });
    const { count } = await tx.user.updateMany({
      where: { id: input.id, version: input.version },
      data: { name: input.name, role: input.role, organisationId: input.organisationId, accountableOfficial, version: { increment: 1 } },
    });
    if (count === 0) throw conflict(STALE_MESSAGE);
    // Sessions carry no role or scope of their own, but someone whose access changes signs in
    // again, so nothing begun under the old access carries on.
    if (before.role !== input.role || before.organisationId !== input.organisationId) {
      await revokeUserSessions(tx, before.id, "ACCESS_CHANGED");
    }
    const after = { ...before, name: input.name, role: input.role, organisationId: input.organisationId };
    await recordAudit(tx, actor, {
      action: "user.updated",
      entityType: "user",
      entityId: String(before.id),
      organisationId: input.organisationId ?? before.organisationId,
      summary: `Changed the account ${before.email}: ${describeChanges(before, after)}`,
      before: auditShape(before),
      after: auditShape(after),
    });
    if (accountableOfficial !== before.accountableOfficial) await auditAccountableOfficial(tx, actor, { ...before, organisationId: input.organisationId }, accountableOfficial);
    return { ok: true, value: { id: before.id } };
  });
}

/** The flag as stored: only department staff with an organisation can hold it. */
export function accountableFlag(input: { role: Role; organisationId: number | null; accountableOfficial?: boolean }): boolean {
  return Boolean(input.accountableOfficial) && canBeAccountableOfficial(input.role, input.organisationId);
}

/** Its own audit event: who may attest a department's returns matters on its own. */
export async function auditAccountableOfficial(
  tx: Prisma.TransactionClient,
  actor: Actor,
  user: { id: number; email: string; organisationId: number | null },
  accountableOfficial: boolean,
): Promise<void> {
  await recordAudit(tx, actor, {
    action: "user.accountable_official_changed",
    entityType: "user",
    entityId: String(user.id),
    organisationId: user.organisationId,
    summary: accountableOfficial
      ? `Made ${user.email} an accountable official for returns`
      : `${user.email} is no longer an accountable official for returns`,
    before: { accountableOfficial: !accountableOfficial },
    after: { accountableOfficial },
  });
}

function describeChanges(
  before: { name: string; role: Role; organisationId: number | null },
  after: { name: string; role: Role; organisationId: number | null },
): string {
  const parts: string[] = [];
  if (before.name !== after.name) parts.push("name");
  if (before.role !== after.role) parts.push(`role ${ROLE_LABELS[before.role]} → ${ROLE_LABELS[after.role]}`);
  if (before.organisationId !== after.organisationId) parts.push("organisation");
  return parts.length ? parts.join(", ") : "no change";
}

export async function setUserActive(actor: Actor, input: UserStatusInput): Promise<{ id: number; active: boolean }> {
  assertCan(actor, "admin:users");
  if (input.id === actor.id && !input.active) {
    throw new AppError("INVALID", "You cannot deactivate your own account: ask another administrator");
  }
  return db().$transaction(async (tx) => {
    const before = await tx.user.findUnique({
      where: { id: input.id, serviceAccount: false },
      select: { id: true, name: true, email: true, role: true, organisationId: true, active: true, version: true },
    });
    if (!before) throw notFound("User");
    if (before.version !== input.version) throw conflict(STALE_MESSAGE);
    const { count } = await tx.user.updateMany({
      where: { id: input.id, version: input.version },
      data: { active: input.active, version: { increment: 1 } },
    });
    if (count === 0) throw conflict(STALE_MESSAGE);
    // Reactivating also clears any sign-in delay, so the person can sign in straight away.
    if (input.active) await clearAccountThrottle(tx, before.email.toLowerCase());
    if (!input.active) await revokeUserSessions(tx, before.id, "DEACTIVATED");
    await recordAudit(tx, actor, {
      action: input.active ? "user.reactivated" : "user.deactivated",
      entityType: "user",
      entityId: String(before.id),
      organisationId: before.organisationId,
      summary: `${input.active ? "Reactivated" : "Deactivated"} the account ${before.email}`,
      before: auditShape(before),
      after: auditShape({ ...before, active: input.active }),
    });
    return { id: before.id, active: input.active };
  });
}
