import "server-only";
import { randomBytes } from "node:crypto";
import { Prisma } from "@/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { forbidden, notFound } from "@/lib/auth/errors";
import { can, ROLE_LABELS, type Role } from "@/lib/auth/permissions";
import { db } from "@/lib/db";
import { tokensOwnedBy, type ApiTokenRow } from "@/lib/data/api-tokens";
import { recordAudit } from "@/lib/data/audit";
import type { Outcome } from "@/lib/data/outcome";
import { loadActor } from "@/lib/data/users";
import type { CreateServiceAccountInput } from "@/lib/validation/service-account";

// Service accounts: a department's own system (a facilities management system, say) holding API
// tokens in place of a person. Administrators create them for one organisation with an estates
// editor's or an organisation viewer's access, and make their tokens; they never sign in
// (lib/data/users.ts checkCredentials and lib/data/identities.ts refuse them), and their tokens
// act with their role and organisation.

// Not an argon2 hash, so no password can ever match it (verify() fails to parse it).
const UNUSABLE_PASSWORD = "!service-account: no password";

// An address no mail can reach (.invalid is reserved by RFC 2606): the users table requires one.
const EMAIL_DOMAIN = "service-accounts.invalid";

function assertAdmin(actor: Actor): void {
  if (!can(actor.role, "admin:users")) throw forbidden();
}

export interface ServiceAccountRow {
  id: number;
  name: string;
  email: string;
  role: Role;
  organisationId: number | null;
  organisationName: string | null;
  active: boolean;
  createdAt: Date;
  /** Tokens that work today. */
  liveTokens: number;
}

const SELECT = {
  id: true, name: true, email: true, role: true, organisationId: true, active: true, createdAt: true,
  organisation: { select: { name: true } },
} as const;

type Selected = Prisma.UserGetPayload<{ select: typeof SELECT }>;

function toRow(u: Selected, liveTokens: number): ServiceAccountRow {
  return {
    id: u.id, name: u.name, email: u.email, role: u.role, organisationId: u.organisationId,
    organisationName: u.organisation?.name ?? null, active: u.active, createdAt: u.createdAt, liveTokens,
  };
}

async function liveTokenCounts(ids: number[]): Promise<Map<number, number>> {
  if (ids.length === 0) return new Map();
  const groups = await db().apiToken.groupBy({
    by: ["userId"],
    where: { userId: { in: ids }, revokedAt: null, expiresAt: { gt: new Date() } },
    _count: { _all: true },
  });
  return new Map(groups.map((g) => [g.userId, g._count._all]));
}

export async function listServiceAccounts(actor: Actor): Promise<ServiceAccountRow[]> {
  assertAdmin(actor);
  const rows = await db().user.findMany({ where: { serviceAccount: true }, select: SELECT, orderBy: [{ active: "desc" }, { name: "asc" }, { id: "asc" }] });
  const counts = await liveTokenCounts(rows.map((r) => r.id));
  return rows.map((r) => toRow(r, counts.get(r.id) ?? 0));
}

export async function getServiceAccount(actor: Actor, id: number): Promise<ServiceAccountRow & { tokens: ApiTokenRow[] }> {
  assertAdmin(actor);
  const row = await db().user.findFirst({ where: { id, serviceAccount: true }, select: SELECT });
  if (!row) throw notFound("Service account");
  const tokens = await tokensOwnedBy(row.id);
  return { ...toRow(row, tokens.filter((t) => t.state === "active").length), tokens };
}

/** The service account as the actor its tokens act as: for an administrator making one of its tokens. */
export async function serviceAccountActor(actor: Actor, id: number): Promise<Actor> {
  assertAdmin(actor);
  const row = await db().user.findFirst({ where: { id, serviceAccount: true, active: true }, select: { id: true } });
  const owner = row ? await loadActor(row.id) : null;
  if (!owner) throw notFound("Service account");
  return owner;
}

function slug(name: string): string {
  return name.normalize("NFKD").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 40) || "system";
}

const NAME_TAKEN = "This organisation already has a service account with this name";

export async function createServiceAccount(actor: Actor, input: CreateServiceAccountInput): Promise<Outcome<{ id: number }>> {
  assertAdmin(actor);
  return db().$transaction(async (tx): Promise<Outcome<{ id: number }>> => {
    const organisation = await tx.organisation.findUnique({ where: { id: input.organisationId }, select: { id: true, name: true } });
    if (!organisation) return { ok: false, fieldErrors: { organisationId: "Select the organisation the system works for" } };
    // Locks the organisation's row, so a double submission cannot make two accounts of one name.
    await tx.$queryRaw`SELECT id FROM organisations WHERE id = ${organisation.id} FOR UPDATE`;
    const twin = await tx.user.findFirst({
      where: { serviceAccount: true, active: true, organisationId: organisation.id, name: { equals: input.name, mode: "insensitive" } },
      select: { id: true },
    });
    if (twin) return { ok: false, fieldErrors: { name: NAME_TAKEN } };
    const email = `svc-${slug(input.name)}-${randomBytes(4).toString("hex")}@${EMAIL_DOMAIN}`;
    const user = await tx.user.create({
      data: { name: input.name, email, role: input.role, organisationId: organisation.id, passwordHash: UNUSABLE_PASSWORD, serviceAccount: true },
      select: { id: true },
    });
    await recordAudit(tx, actor, {
      action: "service-account.created",
      entityType: "service-account",
      entityId: String(user.id),
      organisationId: organisation.id,
      summary: `Created the service account ${input.name} (${ROLE_LABELS[input.role]}) for ${organisation.name}`,
      after: { name: input.name, role: input.role, organisationId: organisation.id },
    });
    return { ok: true, value: { id: user.id } };
  });
}

/**
 * Deactivates a service account and revokes its tokens, all at once: from the next request every
 * one of them is refused. Deactivating one already deactivated changes nothing.
 */
export async function deactivateServiceAccount(actor: Actor, id: number): Promise<{ id: number; revokedTokens: number; changed: boolean }> {
  assertAdmin(actor);
  return db().$transaction(async (tx) => {
    const before = await tx.user.findFirst({ where: { id, serviceAccount: true }, select: { id: true, name: true, role: true, organisationId: true, active: true } });
    if (!before) throw notFound("Service account");
    const { count } = await tx.user.updateMany({ where: { id, serviceAccount: true, active: true }, data: { active: false, version: { increment: 1 } } });
    if (count === 0) return { id, revokedTokens: 0, changed: false };
    const revoked = await tx.apiToken.updateMany({ where: { userId: id, revokedAt: null }, data: { revokedAt: new Date() } });
    await recordAudit(tx, actor, {
      action: "service-account.deactivated",
      entityType: "service-account",
      entityId: String(id),
      organisationId: before.organisationId,
      summary: `Deactivated the service account ${before.name}; ${revoked.count} API token${revoked.count === 1 ? "" : "s"} revoked`,
      before: { name: before.name, role: before.role, organisationId: before.organisationId, active: true },
      after: { name: before.name, role: before.role, organisationId: before.organisationId, active: false, revokedTokens: revoked.count },
    });
    return { id, revokedTokens: revoked.count, changed: true };
  });
}
