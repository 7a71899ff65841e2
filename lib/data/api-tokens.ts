import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { db } from "@/lib/db";
import { poolOf } from "@/lib/db-client";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { forbidden, notFound } from "@/lib/auth/errors";
import { recordAudit } from "@/lib/data/audit";
import type { Outcome } from "@/lib/data/outcome";
import { actorFromRow, type ActorRow } from "@/lib/data/users";
import { todayInLondon } from "@/lib/platform/today";
import { apiTokenSchema, mayChangeThroughApi, mayUseApi, type ApiAccessValue } from "@/lib/validation/api-token";
import { fieldErrors } from "@/lib/validation/field-errors";

// API tokens: a random secret shown once, kept only as its SHA-256 hash. A token acts as its owner
// with no more than the owner has now (a role change or deactivation applies to the token at
// once), narrowed to reading when it was made read only.

const TOKEN_PREFIX = "ecr_";
// 32 random bytes: hashing without a salt or a slow function is safe at this entropy, and lets a
// request find its token with one indexed lookup.
const TOKEN_BYTES = 32;
const TOKEN_PATTERN = /^ecr_[A-Za-z0-9_-]{43}$/;

export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** The first characters after the prefix: enough to tell tokens apart, too few to guess the rest. */
function displayPrefix(token: string): string {
  return token.slice(0, TOKEN_PREFIX.length + 6);
}

export interface CreatedToken {
  id: number;
  /** The token itself, shown once and never stored. */
  token: string;
  name: string;
  access: ApiAccessValue;
  expiresOn: string;
}

/** More live tokens than any one system needs; a cap keeps a runaway script from making thousands. */
export const MAX_LIVE_TOKENS = 200;

const NAME_TAKEN = "A token with this name is already in use: choose another name, or revoke the old token first";

/**
 * A token for `owner`, made by `creator`: people make their own; an administrator makes them for
 * a service account, and for nobody else. It can never do more than its owner: read and change
 * only for an owner who may change the register.
 */
export async function createApiTokenFor(creator: Actor, owner: Actor, input: Record<string, unknown>): Promise<Outcome<CreatedToken>> {
  const ownerRow = await db().user.findUnique({ where: { id: owner.id }, select: { serviceAccount: true, active: true, name: true } });
  if (!ownerRow || !ownerRow.active) throw forbidden();
  const forSelf = creator.id === owner.id && !ownerRow.serviceAccount;
  const forServiceAccount = ownerRow.serviceAccount && creator.id !== owner.id && can(creator.role, "admin:users");
  if (!forSelf && !forServiceAccount) throw forbidden();
  if (!mayUseApi(owner.role)) throw forbidden();
  const parsed = apiTokenSchema(todayInLondon()).safeParse(input);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrors(parsed.error) };
  const { name, access, expiresOn } = parsed.data;
  if (access === "READ_WRITE" && !mayChangeThroughApi(owner.role)) {
    return { ok: false, fieldErrors: { access: "This account can only read the register, so its tokens can only read" } };
  }
  const token = TOKEN_PREFIX + randomBytes(TOKEN_BYTES).toString("base64url");
  return db().$transaction(async (tx): Promise<Outcome<CreatedToken>> => {
    // One owner's tokens are created one at a time, so the name and the cap below hold under a
    // double submission as well as one at a time.
    await tx.$queryRaw`SELECT id FROM users WHERE id = ${owner.id} FOR UPDATE`;
    const live = await tx.apiToken.findMany({
      where: { userId: owner.id, revokedAt: null, expiresAt: { gt: new Date() } },
      select: { name: true },
    });
    if (live.some((t) => t.name.toLowerCase() === name.toLowerCase())) return { ok: false, fieldErrors: { name: NAME_TAKEN } };
    if (live.length >= MAX_LIVE_TOKENS) {
      return { ok: false, fieldErrors: { name: `This account already has ${MAX_LIVE_TOKENS} tokens in use, the most it may have: revoke one it no longer needs first` } };
    }
    const row = await tx.apiToken.create({
      data: {
        userId: owner.id,
        name,
        tokenHash: hashToken(token),
        prefix: displayPrefix(token),
        access,
        createdById: creator.id,
        // The token works to the end of its expiry day (UTC).
        expiresAt: new Date(`${expiresOn}T23:59:59.999Z`),
      },
      select: { id: true },
    });
    await recordAudit(tx, creator, {
      action: "api-token.created",
      entityType: ownerRow.serviceAccount ? "service-account" : "user",
      entityId: String(owner.id),
      organisationId: owner.organisationId,
      summary: `Created the API token "${name}" (${access === "READ" ? "read only" : "read and change"}, expires ${expiresOn}) for ${owner.email}`,
      after: { tokenId: row.id, name, access, expiresOn, prefix: displayPrefix(token), owner: ownerRow.name },
    });
    return { ok: true, value: { id: row.id, token, name, access, expiresOn } };
  });
}

export type TokenState = "active" | "expired" | "revoked";

/** A token as its lists and confirmation pages show it: never the secret, which is not kept. */
export interface ApiTokenRow {
  id: number;
  name: string;
  /** The first characters of the token, so its holder can tell which one this is. */
  prefix: string;
  access: ApiAccessValue;
  createdAt: Date;
  /** The last day it works (the expiry is the end of that day). */
  expiresOn: string;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  state: TokenState;
  ownerId: number;
}

const TOKEN_SELECT = {
  id: true, name: true, prefix: true, access: true, createdAt: true, expiresAt: true, lastUsedAt: true, revokedAt: true, userId: true,
} as const;

function toTokenRow(t: { id: number; name: string; prefix: string; access: ApiAccessValue; createdAt: Date; expiresAt: Date; lastUsedAt: Date | null; revokedAt: Date | null; userId: number }, now: Date): ApiTokenRow {
  return {
    id: t.id,
    name: t.name,
    prefix: t.prefix,
    access: t.access,
    createdAt: t.createdAt,
    expiresOn: t.expiresAt.toISOString().slice(0, 10),
    lastUsedAt: t.lastUsedAt,
    revokedAt: t.revokedAt,
    state: t.revokedAt ? "revoked" : t.expiresAt <= now ? "expired" : "active",
    ownerId: t.userId,
  };
}

/** Tokens in use first, newest first; then the ones that no longer work. */
function byUsefulness(a: ApiTokenRow, b: ApiTokenRow): number {
  const rank = (r: ApiTokenRow) => (r.state === "active" ? 0 : 1);
  return rank(a) - rank(b) || b.createdAt.getTime() - a.createdAt.getTime() || b.id - a.id;
}

/** The acting person's own tokens. */
export async function listApiTokens(actor: Actor): Promise<ApiTokenRow[]> {
  return tokensOwnedBy(actor.id);
}

/**
 * The tokens of one owner, for the owner's own list or (through lib/data/service-accounts.ts, which
 * checks the administrator) a service account's page.
 */
export async function tokensOwnedBy(ownerId: number): Promise<ApiTokenRow[]> {
  const now = new Date();
  const rows = await db().apiToken.findMany({ where: { userId: ownerId }, select: TOKEN_SELECT, orderBy: { id: "desc" }, take: 500 });
  return rows.map((r) => toTokenRow(r, now)).sort(byUsefulness);
}

/**
 * One token the actor may revoke: their own, or, for an administrator, a service account's.
 * Anyone else's is not found, as if it did not exist. `ownerId` narrows it to the owner whose page
 * asked (the person's own page, or one service account's), so an id from another page is not found.
 */
export async function getApiToken(actor: Actor, tokenId: number, ownerId?: number): Promise<ApiTokenRow & { ownerName: string; ownerIsServiceAccount: boolean }> {
  const row = await db().apiToken.findUnique({
    where: { id: tokenId },
    select: { ...TOKEN_SELECT, user: { select: { name: true, serviceAccount: true } } },
  });
  if (!row || !mayManage(actor, row.userId, row.user.serviceAccount, ownerId)) throw notFound("API token");
  return { ...toTokenRow(row, new Date()), ownerName: row.user.name, ownerIsServiceAccount: row.user.serviceAccount };
}

function mayManage(actor: Actor, ownerId: number, ownerIsServiceAccount: boolean, expectedOwnerId: number | undefined): boolean {
  if (expectedOwnerId !== undefined && ownerId !== expectedOwnerId) return false;
  return ownerIsServiceAccount ? can(actor.role, "admin:users") : ownerId === actor.id;
}

/**
 * Revokes a token at once: the next request with it is refused (authenticateApiToken reads
 * revoked_at every time). Revoking one already revoked changes nothing and writes no second event.
 * `ownerId` as for getApiToken.
 */
export async function revokeApiToken(actor: Actor, tokenId: number, ownerId?: number): Promise<{ id: number; name: string; revoked: boolean }> {
  return db().$transaction(async (tx) => {
    const row = await tx.apiToken.findUnique({
      where: { id: tokenId },
      select: { id: true, name: true, prefix: true, access: true, userId: true, user: { select: { email: true, name: true, serviceAccount: true, organisationId: true } } },
    });
    if (!row || !mayManage(actor, row.userId, row.user.serviceAccount, ownerId)) throw notFound("API token");
    const { count } = await tx.apiToken.updateMany({ where: { id: row.id, revokedAt: null }, data: { revokedAt: new Date() } });
    if (count === 0) return { id: row.id, name: row.name, revoked: false };
    await recordAudit(tx, actor, {
      action: "api-token.revoked",
      entityType: row.user.serviceAccount ? "service-account" : "user",
      entityId: String(row.userId),
      organisationId: row.user.organisationId,
      summary: `Revoked the API token "${row.name}" (${row.prefix}…) of ${row.user.email}`,
      before: { tokenId: row.id, name: row.name, prefix: row.prefix, access: row.access, owner: row.user.name },
    });
    return { id: row.id, name: row.name, revoked: true };
  });
}

export interface TokenHolder {
  actor: Actor;
  token: { id: number; name: string; access: ApiAccessValue };
}

/**
 * The owner and token behind a bearer token, or null for one that is malformed, unknown, revoked,
 * expired, or whose owner is deactivated. One query: it runs on every API request.
 */
export async function authenticateApiToken(token: string): Promise<TokenHolder | null> {
  if (!TOKEN_PATTERN.test(token)) return null;
  const pool = poolOf(db());
  const { rows } = await pool.query<ActorRow & { token_id: number; token_name: string; access: ApiAccessValue; stale: boolean }>(
    `SELECT t.id AS token_id, t.name AS token_name, t.access::text AS access,
            (t.last_used_at IS NULL OR t.last_used_at < now() - interval '1 minute') AS stale,
            u.id, u.email, u.name, u.role::text AS role, u.active, u.organisation_id,
            COALESCE((SELECT array_agg(o.id ORDER BY o.id) FROM organisations o WHERE o.parent_id = u.organisation_id), '{}') AS children
     FROM api_tokens t JOIN users u ON u.id = t.user_id
     WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND t.expires_at > now()`,
    [hashToken(token)],
  );
  const row = rows[0];
  const actor = actorFromRow(row);
  if (!row || !actor) return null;
  // Last use to the minute is what the token list shows; a write per request would be wasted.
  if (row.stale) await pool.query(`UPDATE api_tokens SET last_used_at = now() WHERE id = $1`, [row.token_id]);
  return { actor, token: { id: row.token_id, name: row.token_name, access: row.access } };
}
