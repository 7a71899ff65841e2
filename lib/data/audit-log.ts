import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { forbidden } from "@/lib/auth/errors";
import { can } from "@/lib/auth/permissions";
import { db } from "@/lib/db";
import { verifyAuditChain, type ChainReport } from "@/lib/data/audit-chain";
import { getDeviceRecord } from "@/lib/data/devices";
import { getSiteRecord } from "@/lib/data/sites";
import type { AuditQuery } from "@/lib/validation/audit";

// Reading the audit trail. Writing stays in lib/data/audit.ts (recordAudit), inside each change's
// own transaction; the table itself refuses UPDATE, DELETE and TRUNCATE.

export interface AuditEventRow {
  id: string;
  at: string;
  actorEmail: string;
  action: string;
  entityType: string;
  entityId: string;
  organisationId: number | null;
  organisationAcronym: string | null;
  summary: string;
  before: unknown;
  after: unknown;
}

const EVENT_SELECT = {
  id: true,
  at: true,
  actorEmail: true,
  action: true,
  entityType: true,
  entityId: true,
  organisationId: true,
  summary: true,
  before: true,
  after: true,
} as const satisfies Prisma.AuditEventSelect;

type SelectedEvent = Prisma.AuditEventGetPayload<{ select: typeof EVENT_SELECT }>;

function toRow(e: SelectedEvent, acronyms: ReadonlyMap<number, string>): AuditEventRow {
  return {
    id: e.id.toString(),
    at: e.at.toISOString(),
    actorEmail: e.actorEmail,
    action: e.action,
    entityType: e.entityType,
    entityId: e.entityId,
    organisationId: e.organisationId,
    organisationAcronym: e.organisationId === null ? null : (acronyms.get(e.organisationId) ?? null),
    summary: e.summary,
    before: e.before,
    after: e.after,
  };
}

async function acronymsOf(events: readonly SelectedEvent[]): Promise<Map<number, string>> {
  const ids = [...new Set(events.map((e) => e.organisationId).filter((id): id is number => id !== null))];
  if (!ids.length) return new Map();
  const orgs = await db().organisation.findMany({ where: { id: { in: ids } }, select: { id: true, acronym: true } });
  return new Map(orgs.map((o) => [o.id, o.acronym]));
}

export const ENTITY_HISTORY_LIMIT = 200;

/**
 * The history of one site or device, newest first. The entity is loaded through its own module
 * first, so an id outside the actor's scope answers 404 here too.
 */
export async function listEntityHistory(actor: Actor, entityType: "site" | "device", id: number): Promise<AuditEventRow[]> {
  if (entityType === "site") await getSiteRecord(actor, id);
  else await getDeviceRecord(actor, id);
  const events = await db().auditEvent.findMany({
    where: { entityType, entityId: String(id) },
    orderBy: [{ at: "desc" }, { id: "desc" }],
    take: ENTITY_HISTORY_LIMIT,
    select: EVENT_SELECT,
  });
  return events.map((e) => toRow(e, new Map()));
}

export const AUDIT_PER_PAGE = 50;

export interface AuditPage {
  rows: AuditEventRow[];
  total: number;
  page: number;
  pageCount: number;
  perPage: number;
}

/** Midnight at the start of a London calendar day, as an instant. */
export function londonMidnight(iso: string): Date {
  const utcMidnight = new Date(`${iso}T00:00:00Z`);
  const hour = Number(
    new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", hour: "2-digit", hourCycle: "h23" }).format(utcMidnight),
  );
  // London is UTC or UTC+1, so UTC midnight is 00:00 or 01:00 there.
  return new Date(utcMidnight.getTime() - hour * 3_600_000);
}

function nextDay(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

function auditWhere(actor: Actor, query: AuditQuery): Prisma.AuditEventWhereInput {
  const and: Prisma.AuditEventWhereInput[] = [];
  // Events with no organisation (users, the producer register, policy) are for administrators only.
  if (!actor.scope.all) and.push({ organisationId: { in: actor.scope.organisationIds } });
  else if (actor.role !== "ADMIN") and.push({ organisationId: { not: null } });
  if (query.entityType) and.push({ entityType: query.entityType });
  if (query.action) and.push({ action: query.action });
  if (query.email) and.push({ actorEmail: { contains: query.email, mode: "insensitive" } });
  if (query.from) and.push({ at: { gte: londonMidnight(query.from) } });
  if (query.to) and.push({ at: { lt: londonMidnight(nextDay(query.to)) } });
  return { AND: and };
}

export async function listAuditEvents(actor: Actor, query: AuditQuery): Promise<AuditPage> {
  if (!can(actor.role, "audit:read")) throw forbidden();
  const where = auditWhere(actor, query);
  const total = await db().auditEvent.count({ where });
  const pageCount = Math.max(1, Math.ceil(total / AUDIT_PER_PAGE));
  const page = Math.min(query.page, pageCount);
  const events = await db().auditEvent.findMany({
    where,
    orderBy: [{ at: "desc" }, { id: "desc" }],
    skip: (page - 1) * AUDIT_PER_PAGE,
    take: AUDIT_PER_PAGE,
    select: EVENT_SELECT,
  });
  const acronyms = await acronymsOf(events);
  return { rows: events.map((e) => toRow(e, acronyms)), total, page, pageCount, perPage: AUDIT_PER_PAGE };
}

export interface AuditFilterChoices {
  entityTypes: string[];
  actions: string[];
}

/** The values the filters offer: what the actor's part of the trail actually holds. */
export async function auditFilterChoices(actor: Actor): Promise<AuditFilterChoices> {
  if (!can(actor.role, "audit:read")) throw forbidden();
  const where = auditWhere(actor, { entityType: null, action: null, email: "", from: null, to: null, page: 1 });
  const types = await db().auditEvent.groupBy({ by: ["entityType"], where, orderBy: { entityType: "asc" } });
  const actions = await db().auditEvent.groupBy({ by: ["action"], where, orderBy: { action: "asc" } });
  return { entityTypes: types.map((t) => t.entityType), actions: actions.map((a) => a.action) };
}

/** Recomputes the whole audit trail's hash chain, for administrators. */
export async function checkAuditTrail(actor: Actor): Promise<ChainReport> {
  if (!can(actor.role, "admin:audit")) throw forbidden();
  return verifyAuditChain(db());
}
