import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { forbidden } from "@/lib/auth/errors";
import { can } from "@/lib/auth/permissions";
import { db } from "@/lib/db";
import { nameKey, type AuditEventRow, type NamedKind, type RecordNames } from "@/lib/audit/types";
import { verifyAuditChain, type ChainReport } from "@/lib/data/audit-chain";
import { getDeviceRecord } from "@/lib/data/devices";
import { getSiteRecord } from "@/lib/data/sites";
import type { AuditQuery } from "@/lib/validation/audit";

// Reading the audit trail. Writing stays in lib/data/audit.ts (recordAudit), inside each change's
// own transaction; the table itself refuses UPDATE, DELETE and TRUNCATE.

export type { AuditEventRow } from "@/lib/audit/types";

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

function toRow(e: SelectedEvent, acronyms: ReadonlyMap<number, string>, names: RecordNames): AuditEventRow {
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
    names,
  };
}

// Named so, rather than left out, so the history does not call them removed.
const OUTSIDE = { site: "a site outside your organisations", device: "a device now outside your organisations", system: "a camera system outside your organisations" };

/** The ids of records an event points at, by kind: its own record, and ids among its values. */
function referencedIds(events: readonly SelectedEvent[]): Map<NamedKind, Set<number>> {
  const ids = new Map<NamedKind, Set<number>>();
  const add = (kind: NamedKind, value: unknown) => {
    const n = typeof value === "number" ? value : typeof value === "string" && /^\d{1,9}$/.test(value) ? Number(value) : null;
    if (n === null) return;
    if (!ids.has(kind)) ids.set(kind, new Set());
    ids.get(kind)!.add(n);
  };
  const OWN: Record<string, NamedKind> = { site: "site", device: "device", "camera-system": "camera-system", user: "user", producer: "producer", brand: "brand" };
  for (const e of events) {
    if (OWN[e.entityType]) add(OWN[e.entityType]!, e.entityId);
    add("organisation", e.organisationId);
    for (const values of [e.before, e.after]) {
      if (values === null || typeof values !== "object" || Array.isArray(values)) continue;
      const v = values as Record<string, unknown>;
      add("site", v.siteId);
      add("camera-system", v.systemId);
      add("organisation", v.organisationId);
      add("producer", v.producerId);
    }
  }
  return ids;
}

/**
 * The current names of everything the events point at. Sites, devices and camera systems are
 * named only inside the actor's organisations: a device moved in from another organisation's site
 * must not tell this reader that site's name.
 */
async function recordNames(actor: Actor, events: readonly SelectedEvent[]): Promise<RecordNames> {
  const ids = referencedIds(events);
  const list = (kind: NamedKind) => [...(ids.get(kind) ?? [])];
  const visible = (organisationId: number) => actor.scope.all || actor.scope.organisationIds.includes(organisationId);
  const names: Record<string, string> = {};
  const put = (kind: NamedKind, id: number, name: string) => {
    names[nameKey(kind, id)] = name;
  };
  const client = db();
  if (ids.has("site")) {
    const rows = await client.site.findMany({ where: { id: { in: list("site") } }, select: { id: true, name: true, siteCode: true, organisationId: true } });
    for (const r of rows) put("site", r.id, visible(r.organisationId) ? `${r.name} (${r.siteCode})` : OUTSIDE.site);
  }
  if (ids.has("device")) {
    const rows = await client.device.findMany({
      where: { id: { in: list("device") } },
      select: { id: true, brand: true, model: true, organisationId: true, site: { select: { name: true } } },
    });
    for (const r of rows) put("device", r.id, visible(r.organisationId) ? `${[r.brand, r.model].filter(Boolean).join(" ")} at ${r.site.name}` : OUTSIDE.device);
  }
  if (ids.has("camera-system")) {
    const rows = await client.cameraSystem.findMany({
      where: { id: { in: list("camera-system") } },
      select: { id: true, name: true, site: { select: { name: true, organisationId: true } } },
    });
    for (const r of rows) put("camera-system", r.id, visible(r.site.organisationId) ? `${r.name} at ${r.site.name}` : OUTSIDE.system);
  }
  if (ids.has("organisation")) {
    const rows = await client.organisation.findMany({ where: { id: { in: list("organisation") } }, select: { id: true, name: true } });
    for (const r of rows) put("organisation", r.id, r.name);
  }
  if (ids.has("user")) {
    const rows = await client.user.findMany({ where: { id: { in: list("user") } }, select: { id: true, name: true, email: true } });
    for (const r of rows) put("user", r.id, `${r.name} (${r.email})`);
  }
  if (ids.has("producer")) {
    const rows = await client.producer.findMany({ where: { id: { in: list("producer") } }, select: { id: true, name: true } });
    for (const r of rows) put("producer", r.id, r.name);
  }
  if (ids.has("brand")) {
    const rows = await client.brand.findMany({ where: { id: { in: list("brand") } }, select: { id: true, name: true } });
    for (const r of rows) put("brand", r.id, r.name);
  }
  return names;
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
  const names = await recordNames(actor, events);
  return events.map((e) => toRow(e, new Map(), names));
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
  const names = await recordNames(actor, events);
  return { rows: events.map((e) => toRow(e, acronyms, names)), total, page, pageCount, perPage: AUDIT_PER_PAGE };
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

export interface AuditTrailCheck {
  report: ChainReport;
  /** The event the report names (the newest when intact, the first broken one otherwise), if it can still be read. */
  event: AuditEventRow | null;
}

/** Recomputes the whole audit trail's hash chain, for administrators, with the event it names. */
export async function checkAuditTrail(actor: Actor): Promise<AuditTrailCheck> {
  if (!can(actor.role, "admin:audit")) throw forbidden();
  const report = await verifyAuditChain(db());
  const id = report.firstBreak?.id ?? report.head?.id ?? null;
  if (id === null) return { report, event: null };
  const events = await db().auditEvent.findMany({ where: { id: BigInt(id) }, select: EVENT_SELECT });
  const acronyms = await acronymsOf(events);
  const names = await recordNames(actor, events);
  return { report, event: events[0] ? toRow(events[0], acronyms, names) : null };
}
