import "server-only";
import { Prisma } from "@/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { inScope } from "@/lib/auth/actor";
import { conflict, notFound } from "@/lib/auth/errors";
import type { Finding } from "@/lib/compliance";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/data/audit";
import { reevaluate } from "@/lib/data/evaluation";
import { dateOf, isoDateOf } from "@/lib/data/date-codec";
import { findingsOf } from "@/lib/data/findings-codec";
import type { Outcome } from "@/lib/data/outcome";
import { assertCanRead, assertCanWrite, organisationScope } from "@/lib/data/scope";
import { todayInLondon } from "@/lib/platform/today";
import type { FieldErrors } from "@/lib/validation/field-errors";
import type {
  DecommissionDeviceInput,
  DeviceFormInput,
  DeviceKindValue,
  LifecycleValue,
  MoveDeviceInput,
  NetworkValue,
  RemoveDeviceInput,
} from "@/lib/validation/device";
import { exemptionTooLong, type ExemptionFormInput, type RevokeExemptionInput } from "@/lib/validation/exemption";

// Devices of the register. Every change re-evaluates what it touched in the same transaction, so
// the status and findings a user sees after saving are already the engine's answer.

export const DEVICE_STALE_MESSAGE =
  "This device was changed by someone else since you opened it. Your changes have not been saved: reload to see the latest version.";

type Tx = Prisma.TransactionClient;

export interface ExemptionRow {
  id: number;
  justification: string;
  approvedBy: string;
  approvedOn: string;
  expiresOn: string;
  revoked: boolean;
  createdAt: string;
  version: number;
}

export interface DeviceRecord {
  id: number;
  organisationId: number;
  organisationName: string;
  siteId: number;
  siteName: string;
  siteCode: string;
  siteSensitivity: "SENSITIVE" | "NOT_SENSITIVE" | "UNASSESSED";
  siteArchived: boolean;
  systemId: number | null;
  systemName: string | null;
  kind: DeviceKindValue;
  brand: string;
  model: string | null;
  serial: string | null;
  assetTag: string | null;
  mac: string | null;
  ip: string | null;
  installedOn: string | null;
  network: NetworkValue;
  vendorCloud: boolean | null;
  lifecycle: LifecycleValue;
  decommissionedOn: string | null;
  removedOn: string | null;
  removalEvidence: string | null;
  notes: string | null;
  version: number;
}

export interface DeviceDetail extends DeviceRecord {
  status: Finding["status"] | null;
  findings: Finding[];
  producerName: string | null;
  producerNote: string | null;
  evaluatedOn: string | null;
  exemptions: ExemptionRow[];
  /**
   * The exemption the rules apply today, which an editor may revoke: the latest one not revoked
   * (as the evaluation reads it), while it has not expired.
   */
  activeExemption: ExemptionRow | null;
}

/** What network discovery says of the device: when a scan last saw it, and whether that is too long ago. */
export interface NetworkSighting {
  lastSeenAt: Date | null;
  lastSeenScanId: number | null;
  /** The latest reconciled scan or camera list covering the device's site, if any. */
  latestScan: { id: number; scannedAt: Date } | null;
  /** The policy's "not seen for N days". */
  notSeenDays: number;
  /** Set when the site has been scanned and the device, still on site, was not seen within notSeenDays. */
  overdue: { days: number | null } | null;
}

const DEVICE_SELECT = {
  id: true,
  organisationId: true,
  organisation: { select: { name: true } },
  siteId: true,
  site: { select: { name: true, siteCode: true, sensitivity: true, archivedAt: true } },
  systemId: true,
  system: { select: { name: true } },
  kind: true,
  brand: true,
  model: true,
  serial: true,
  assetTag: true,
  mac: true,
  ip: true,
  installedOn: true,
  network: true,
  vendorCloud: true,
  lifecycle: true,
  decommissionedOn: true,
  removedOn: true,
  removalEvidence: true,
  notes: true,
  version: true,
} as const satisfies Prisma.DeviceSelect;

type SelectedDevice = Prisma.DeviceGetPayload<{ select: typeof DEVICE_SELECT }>;

function toRecord(d: SelectedDevice): DeviceRecord {
  return {
    id: d.id,
    organisationId: d.organisationId,
    organisationName: d.organisation.name,
    siteId: d.siteId,
    siteName: d.site.name,
    siteCode: d.site.siteCode,
    siteSensitivity: d.site.sensitivity,
    siteArchived: d.site.archivedAt !== null,
    systemId: d.systemId,
    systemName: d.system?.name ?? null,
    kind: d.kind,
    brand: d.brand,
    model: d.model,
    serial: d.serial,
    assetTag: d.assetTag,
    mac: d.mac,
    ip: d.ip,
    installedOn: isoDateOf(d.installedOn),
    network: d.network,
    vendorCloud: d.vendorCloud,
    lifecycle: d.lifecycle,
    decommissionedOn: isoDateOf(d.decommissionedOn),
    removedOn: isoDateOf(d.removedOn),
    removalEvidence: d.removalEvidence,
    notes: d.notes,
    version: d.version,
  };
}

/** The facts an audit event records: what the user can change, not the joined names. */
function auditShape(r: DeviceRecord) {
  return {
    siteId: r.siteId,
    organisationId: r.organisationId,
    systemId: r.systemId,
    kind: r.kind,
    brand: r.brand,
    model: r.model,
    serial: r.serial,
    assetTag: r.assetTag,
    mac: r.mac,
    ip: r.ip,
    installedOn: r.installedOn,
    network: r.network,
    vendorCloud: r.vendorCloud,
    lifecycle: r.lifecycle,
    decommissionedOn: r.decommissionedOn,
    removedOn: r.removedOn,
    removalEvidence: r.removalEvidence,
    notes: r.notes,
  };
}
type AuditShape = ReturnType<typeof auditShape>;

function diff(before: AuditShape, after: AuditShape): { keys: string[]; before: Partial<AuditShape>; after: Partial<AuditShape> } {
  const keys = (Object.keys(after) as (keyof AuditShape)[]).filter((k) => before[k] !== after[k]);
  return {
    keys,
    before: Object.fromEntries(keys.map((k) => [k, before[k]])) as Partial<AuditShape>,
    after: Object.fromEntries(keys.map((k) => [k, after[k]])) as Partial<AuditShape>,
  };
}

function describe(r: Pick<DeviceRecord, "brand" | "model" | "kind">): string {
  return [r.brand, r.model].filter(Boolean).join(" ") + ` ${r.kind.toLowerCase()}`;
}

export async function getDeviceRecord(actor: Actor, id: number): Promise<DeviceRecord> {
  assertCanRead(actor);
  const device = await db().device.findFirst({ where: { id, ...organisationScope(actor) }, select: DEVICE_SELECT });
  if (!device) throw notFound("Device");
  return toRecord(device);
}

const DAY_MS = 24 * 60 * 60 * 1000;

async function sightingOf(record: DeviceRecord): Promise<NetworkSighting> {
  const [device, scan, policy] = await Promise.all([
    db().device.findUnique({ where: { id: record.id }, select: { lastSeenAt: true, lastSeenScanId: true } }),
    db().discoveryScan.findFirst({
      where: { state: "RECONCILED", siteIds: { has: record.siteId } },
      orderBy: { scannedAt: "desc" },
      select: { id: true, scannedAt: true },
    }),
    db().policySetting.findUnique({ where: { id: 1 }, select: { notSeenDays: true } }),
  ]);
  const notSeenDays = policy?.notSeenDays ?? 30;
  const lastSeenAt = device?.lastSeenAt ?? null;
  const now = Date.now();
  const stale = lastSeenAt === null || now - lastSeenAt.getTime() > notSeenDays * DAY_MS;
  const overdue = scan !== null && record.lifecycle !== "REMOVED" && stale
    ? { days: lastSeenAt === null ? null : Math.floor((now - lastSeenAt.getTime()) / DAY_MS) }
    : null;
  return { lastSeenAt, lastSeenScanId: device?.lastSeenScanId ?? null, latestScan: scan, notSeenDays, overdue };
}

/** A device's page: its detail, and what network discovery says of it. */
export async function getDevice(actor: Actor, id: number): Promise<DeviceDetail & { seen: NetworkSighting }> {
  const record = await getDeviceRecord(actor, id);
  const compliance = await db().deviceCompliance.findUnique({
    where: { deviceId: id },
    select: { status: true, findings: true, producerName: true, producerNote: true, evaluatedOn: true },
  });
  const exemptions = await db().exemption.findMany({
    where: { deviceId: id },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: EXEMPTION_SELECT,
  });
  const rows = exemptions.map(toExemptionRow);
  const seen = await sightingOf(record);
  return {
    ...record,
    seen,
    status: compliance?.status ?? null,
    findings: findingsOf(compliance?.findings),
    producerName: compliance?.producerName ?? null,
    producerNote: compliance?.producerNote ?? null,
    evaluatedOn: isoDateOf(compliance?.evaluatedOn ?? null),
    exemptions: rows,
    activeExemption: activeOf(rows, todayInLondon()),
  };
}

const EXEMPTION_SELECT = {
  id: true,
  justification: true,
  approvedBy: true,
  approvedOn: true,
  expiresOn: true,
  revokedAt: true,
  createdAt: true,
  version: true,
} as const satisfies Prisma.ExemptionSelect;

function toExemptionRow(e: Prisma.ExemptionGetPayload<{ select: typeof EXEMPTION_SELECT }>): ExemptionRow {
  return {
    id: e.id,
    justification: e.justification,
    approvedBy: e.approvedBy,
    approvedOn: isoDateOf(e.approvedOn) ?? "",
    expiresOn: isoDateOf(e.expiresOn) ?? "",
    revoked: e.revokedAt !== null,
    createdAt: e.createdAt.toISOString(),
    version: e.version,
  };
}

/** Newest first, as the evaluation orders them (lib/data/evaluation.ts, latestExemptionJoin). */
function activeOf(newestFirst: ExemptionRow[], today: string): ExemptionRow | null {
  const current = newestFirst.find((e) => !e.revoked);
  return current && current.expiresOn >= today ? current : null;
}

/** The device and its exemption that may be revoked (else 404), for the confirmation page. */
export async function getExemptionToRevoke(actor: Actor, deviceId: number): Promise<{ device: DeviceRecord; exemption: ExemptionRow }> {
  assertCanWrite(actor);
  const device = await getDeviceRecord(actor, deviceId);
  const exemptions = await db().exemption.findMany({
    where: { deviceId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: EXEMPTION_SELECT,
  });
  const exemption = activeOf(exemptions.map(toExemptionRow), todayInLondon());
  if (!exemption) throw notFound("Exemption");
  return { device, exemption };
}

/** The site a device is added to: in scope (else 404) and not archived. */
export interface DeviceSiteContext {
  id: number;
  name: string;
  siteCode: string;
  organisationId: number;
  archived: boolean;
  systems: { id: number; name: string }[];
}

export async function getDeviceSiteContext(actor: Actor, siteId: number): Promise<DeviceSiteContext> {
  assertCanRead(actor);
  const site = await db().site.findFirst({
    where: { id: siteId, ...organisationScope(actor) },
    select: { id: true, name: true, siteCode: true, organisationId: true, archivedAt: true },
  });
  if (!site) throw notFound("Site");
  const systems = await db().cameraSystem.findMany({ where: { siteId }, orderBy: { name: "asc" }, select: { id: true, name: true } });
  return { id: site.id, name: site.name, siteCode: site.siteCode, organisationId: site.organisationId, archived: site.archivedAt !== null, systems };
}

/**
 * The chosen system must be on the device's site. Its row is share-locked until the change commits,
 * as the foreign key would lock it: a removal of the system at the same moment (which locks the
 * row before counting its devices) then either waits for this device and counts it, or goes first
 * and this check finds the system gone, instead of the write failing on the foreign key.
 */
async function systemProblem(tx: Tx, siteId: number, systemId: number | null): Promise<FieldErrors | null> {
  if (systemId === null) return null;
  const found = await tx.$queryRaw<{ id: number }[]>`SELECT id FROM camera_systems WHERE id = ${systemId} AND site_id = ${siteId} FOR KEY SHARE`;
  return found.length > 0 ? null : { systemId: "Select a camera system from the list" };
}

/**
 * Asset tags and serial numbers are unique within an organisation (a partial unique index): one
 * already on another device is the field's problem, as the import reports it, not a failure.
 */
function keyTaken(error: unknown, input: Pick<DeviceFormInput, "serial" | "assetTag">): FieldErrors | null {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError) || error.code !== "P2002") return null;
  return JSON.stringify(error.meta ?? {}).includes("asset_tag")
    ? { assetTag: `Asset tag ${input.assetTag ?? ""} is already recorded on another device` }
    : { serial: `Serial number ${input.serial ?? ""} is already recorded on another device` };
}

export async function createDevice(actor: Actor, siteId: number, input: DeviceFormInput): Promise<Outcome<{ id: number }>> {
  try {
    return await insertDevice(actor, siteId, input);
  } catch (error) {
    const taken = keyTaken(error, input);
    if (taken) return { ok: false, fieldErrors: taken };
    throw error;
  }
}

async function insertDevice(actor: Actor, siteId: number, input: DeviceFormInput): Promise<Outcome<{ id: number }>> {
  assertCanWrite(actor);
  const today = todayInLondon();
  return db().$transaction(async (tx): Promise<Outcome<{ id: number }>> => {
    const site = await tx.site.findFirst({
      where: { id: siteId, ...organisationScope(actor) },
      select: { id: true, organisationId: true, archivedAt: true, name: true },
    });
    if (!site) throw notFound("Site");
    if (site.archivedAt) return { ok: false, fieldErrors: { form: "This site is archived: devices cannot be added to it" } };
    const problem = await systemProblem(tx, siteId, input.systemId);
    if (problem) return { ok: false, fieldErrors: problem };
    const device = await tx.device.create({
      data: {
        organisationId: site.organisationId,
        siteId,
        systemId: input.systemId,
        kind: input.kind,
        brand: input.brand,
        model: input.model,
        serial: input.serial,
        assetTag: input.assetTag,
        mac: input.mac,
        ip: input.ip,
        installedOn: dateOf(input.installedOn),
        network: input.network,
        vendorCloud: input.vendorCloud,
        notes: input.notes,
      },
      select: DEVICE_SELECT,
    });
    const record = toRecord(device);
    await recordAudit(tx, actor, {
      action: "device.created",
      entityType: "device",
      entityId: String(device.id),
      organisationId: device.organisationId,
      summary: `Added a ${describe(record)} to ${site.name}`,
      after: auditShape(record),
    });
    await reevaluate(tx, { deviceIds: [device.id] }, today);
    return { ok: true, value: { id: device.id } };
  });
}

/** Load the device for a change, scoped, and refuse a stale version. */
async function deviceForChange(tx: Tx, actor: Actor, id: number, version: number | null): Promise<DeviceRecord> {
  const device = await tx.device.findFirst({ where: { id, ...organisationScope(actor) }, select: DEVICE_SELECT });
  if (!device) throw notFound("Device");
  if (version === null || device.version !== version) throw conflict(DEVICE_STALE_MESSAGE);
  return toRecord(device);
}

interface DeviceChange {
  siteId?: number;
  organisationId?: number;
  systemId?: number | null;
  kind?: DeviceKindValue;
  brand?: string;
  model?: string | null;
  serial?: string | null;
  assetTag?: string | null;
  mac?: string | null;
  ip?: string | null;
  installedOn?: string | null;
  network?: NetworkValue;
  vendorCloud?: boolean | null;
  lifecycle?: LifecycleValue;
  decommissionedOn?: string | null;
  removedOn?: string | null;
  removalEvidence?: string | null;
  notes?: string | null;
}

/** Writes the change where the version still matches, audits it and re-evaluates. */
async function applyChange(
  tx: Tx,
  actor: Actor,
  before: DeviceRecord,
  change: DeviceChange,
  audit: { action: string; summary: string },
  scope: { siteIds: number[] } | { deviceIds: number[] },
): Promise<void> {
  const { installedOn, decommissionedOn, removedOn, ...rest } = change;
  const updated = await tx.device.updateMany({
    where: { id: before.id, version: before.version },
    data: {
      ...rest,
      ...(installedOn !== undefined ? { installedOn: dateOf(installedOn) } : {}),
      ...(decommissionedOn !== undefined ? { decommissionedOn: dateOf(decommissionedOn) } : {}),
      ...(removedOn !== undefined ? { removedOn: dateOf(removedOn) } : {}),
      version: { increment: 1 },
    },
  });
  if (updated.count !== 1) throw conflict(DEVICE_STALE_MESSAGE);
  const after = { ...auditShape(before), ...change } as AuditShape;
  const d = diff(auditShape(before), after);
  await recordAudit(tx, actor, {
    action: audit.action,
    entityType: "device",
    entityId: String(before.id),
    organisationId: change.organisationId ?? before.organisationId,
    summary: audit.summary,
    before: d.before,
    after: d.after,
  });
  await reevaluate(tx, scope, todayInLondon());
}

function notBefore(date: string, installedOn: string | null, field: string, label: string): FieldErrors | null {
  return installedOn !== null && date < installedOn ? { [field]: `${label} must be on or after the install date` } : null;
}

export async function updateDevice(actor: Actor, id: number, input: DeviceFormInput): Promise<Outcome<{ id: number }>> {
  try {
    return await changeDevice(actor, id, input);
  } catch (error) {
    const taken = keyTaken(error, input);
    if (taken) return { ok: false, fieldErrors: taken };
    throw error;
  }
}

async function changeDevice(actor: Actor, id: number, input: DeviceFormInput): Promise<Outcome<{ id: number }>> {
  assertCanWrite(actor);
  return db().$transaction(async (tx): Promise<Outcome<{ id: number }>> => {
    const before = await deviceForChange(tx, actor, id, input.version);
    // As its page: a removed device's record is kept as it was when it left.
    if (before.lifecycle === "REMOVED") return { ok: false, fieldErrors: { form: "This device has been removed: its details can no longer be changed" } };
    const problem = await systemProblem(tx, before.siteId, input.systemId);
    if (problem) return { ok: false, fieldErrors: problem };
    const change: DeviceChange = {
      systemId: input.systemId,
      kind: input.kind,
      brand: input.brand,
      model: input.model,
      serial: input.serial,
      assetTag: input.assetTag,
      mac: input.mac,
      ip: input.ip,
      installedOn: input.installedOn,
      network: input.network,
      vendorCloud: input.vendorCloud,
      notes: input.notes,
    };
    const keys = diff(auditShape(before), { ...auditShape(before), ...change } as AuditShape).keys;
    await applyChange(
      tx,
      actor,
      before,
      change,
      { action: "device.updated", summary: `Updated the ${describe({ ...before, ...input })}${keys.length ? `: ${keys.join(", ")}` : " (no changes)"}` },
      { deviceIds: [id] },
    );
    return { ok: true, value: { id } };
  });
}

/** A move is a new deployment at the target site on the move date (DOMAIN.md §3). */
export async function moveDevice(actor: Actor, id: number, input: MoveDeviceInput): Promise<Outcome<{ id: number }>> {
  assertCanWrite(actor);
  return db().$transaction(async (tx): Promise<Outcome<{ id: number }>> => {
    const before = await deviceForChange(tx, actor, id, input.version);
    if (before.lifecycle === "REMOVED") return { ok: false, fieldErrors: { form: "This device has been removed: it cannot be moved" } };
    const target = await tx.site.findFirst({
      where: { id: input.siteId, ...organisationScope(actor), archivedAt: null },
      select: { id: true, name: true, organisationId: true },
    });
    if (!target || !inScope(actor, target.organisationId)) return { ok: false, fieldErrors: { siteId: "Select a site from the list" } };
    if (target.id === before.siteId) return { ok: false, fieldErrors: { siteId: "Select a different site: the device is already at this one" } };
    const errors: FieldErrors = { ...notBefore(input.movedOn, before.installedOn, "movedOn", "Move date") };
    if (Object.keys(errors).length) return { ok: false, fieldErrors: errors };
    await applyChange(
      tx,
      actor,
      before,
      // The system belongs to the old site, so the device leaves it.
      { siteId: target.id, organisationId: target.organisationId, systemId: null, installedOn: input.movedOn },
      { action: "device.moved", summary: `Moved the ${describe(before)} from ${before.siteName} to ${target.name} on ${input.movedOn}` },
      { siteIds: [before.siteId, target.id] },
    );
    return { ok: true, value: { id } };
  });
}

export async function decommissionDevice(actor: Actor, id: number, input: DecommissionDeviceInput): Promise<Outcome<{ id: number }>> {
  assertCanWrite(actor);
  return db().$transaction(async (tx): Promise<Outcome<{ id: number }>> => {
    const before = await deviceForChange(tx, actor, id, input.version);
    if (before.lifecycle !== "IN_SERVICE") {
      return { ok: false, fieldErrors: { form: "Only a device that is in service can be decommissioned" } };
    }
    const problem = notBefore(input.decommissionedOn, before.installedOn, "decommissionedOn", "Decommission date");
    if (problem) return { ok: false, fieldErrors: problem };
    await applyChange(
      tx,
      actor,
      before,
      { lifecycle: "DECOMMISSIONED", decommissionedOn: input.decommissionedOn },
      { action: "device.decommissioned", summary: `Decommissioned the ${describe(before)} on ${input.decommissionedOn}` },
      { deviceIds: [id] },
    );
    return { ok: true, value: { id } };
  });
}

export async function recordRemoval(actor: Actor, id: number, input: RemoveDeviceInput): Promise<Outcome<{ id: number }>> {
  assertCanWrite(actor);
  return db().$transaction(async (tx): Promise<Outcome<{ id: number }>> => {
    const before = await deviceForChange(tx, actor, id, input.version);
    if (before.lifecycle === "REMOVED") return { ok: false, fieldErrors: { form: "The removal of this device has already been recorded" } };
    const problem =
      notBefore(input.removedOn, before.installedOn, "removedOn", "Removal date") ??
      (before.decommissionedOn !== null && input.removedOn < before.decommissionedOn
        ? { removedOn: "Removal date must be on or after the decommission date" }
        : null);
    if (problem) return { ok: false, fieldErrors: problem };
    await applyChange(
      tx,
      actor,
      before,
      { lifecycle: "REMOVED", removedOn: input.removedOn, removalEvidence: input.removalEvidence },
      { action: "device.removed", summary: `Recorded the removal of the ${describe(before)} on ${input.removedOn}` },
      { deviceIds: [id] },
    );
    return { ok: true, value: { id } };
  });
}

export async function recordExemption(actor: Actor, id: number, input: ExemptionFormInput): Promise<Outcome<{ id: number }>> {
  assertCanWrite(actor);
  return db().$transaction(async (tx): Promise<Outcome<{ id: number }>> => {
    const before = await deviceForChange(tx, actor, id, input.version);
    if (before.lifecycle === "REMOVED") return { ok: false, fieldErrors: { form: "This device has been removed: it needs no exemption" } };
    const policy = await tx.policySetting.findUnique({ where: { id: 1 }, select: { maxExemptionMonths: true } });
    const tooLong = policy ? exemptionTooLong(input.approvedOn, input.expiresOn, policy.maxExemptionMonths) : null;
    if (tooLong) return { ok: false, fieldErrors: { expiresOn: tooLong } };
    const exemption = await tx.exemption.create({
      data: {
        deviceId: id,
        justification: input.justification,
        approvedBy: input.approvedBy,
        approvedOn: dateOf(input.approvedOn),
        expiresOn: dateOf(input.expiresOn),
      },
      select: { id: true },
    });
    // The exemption changes the device's status, so the device's version moves on too: a form
    // opened before it would otherwise save over a status it never saw.
    const bumped = await tx.device.updateMany({ where: { id, version: before.version }, data: { version: { increment: 1 } } });
    if (bumped.count !== 1) throw conflict(DEVICE_STALE_MESSAGE);
    await recordAudit(tx, actor, {
      action: "device.exemption-recorded",
      entityType: "device",
      entityId: String(id),
      organisationId: before.organisationId,
      summary: `Recorded an exemption for the ${describe(before)}, approved by ${input.approvedBy}, valid until ${input.expiresOn}`,
      after: { exemptionId: exemption.id, justification: input.justification, approvedBy: input.approvedBy, approvedOn: input.approvedOn, expiresOn: input.expiresOn },
    });
    await reevaluate(tx, { deviceIds: [id] }, todayInLondon());
    return { ok: true, value: { id: exemption.id } };
  });
}

const EXEMPTION_STALE_MESSAGE = "This exemption was changed by someone else since you opened it: reload the device to see it as it is now.";

/**
 * Revokes an exemption before it expires: the reason goes into the audit trail, and the device is
 * re-evaluated in the same transaction, so its status is the rules' answer without the exemption.
 * Revoking one that is already revoked changes nothing (a form sent twice, or by two people).
 */
export async function revokeExemption(actor: Actor, deviceId: number, exemptionId: number, input: RevokeExemptionInput): Promise<Outcome<{ id: number }>> {
  assertCanWrite(actor);
  const today = todayInLondon();
  return db().$transaction(async (tx): Promise<Outcome<{ id: number }>> => {
    const device = await tx.device.findFirst({ where: { id: deviceId, ...organisationScope(actor) }, select: DEVICE_SELECT });
    if (!device) throw notFound("Device");
    const before = toRecord(device);
    const exemption = await tx.exemption.findFirst({ where: { id: exemptionId, deviceId }, select: EXEMPTION_SELECT });
    if (!exemption) throw notFound("Exemption");
    const row = toExemptionRow(exemption);
    if (row.revoked) return { ok: false, fieldErrors: { form: "This exemption has already been revoked" } };
    if (before.lifecycle === "REMOVED") return { ok: false, fieldErrors: { form: "This device has been removed: its exemptions no longer apply" } };
    if (before.siteArchived) return { ok: false, fieldErrors: { form: "This device's site is archived: its exemptions can no longer be changed" } };
    if (row.expiresOn < today) return { ok: false, fieldErrors: { form: "This exemption has already expired: there is nothing to revoke" } };
    if (row.version !== input.version) throw conflict(EXEMPTION_STALE_MESSAGE);
    const revoked = await tx.exemption.updateMany({
      where: { id: exemptionId, version: row.version, revokedAt: null },
      data: { revokedAt: new Date(), version: { increment: 1 } },
    });
    if (revoked.count !== 1) throw conflict(EXEMPTION_STALE_MESSAGE);
    // As when one is recorded: the device's status changes, so a form opened before must not save over it.
    await tx.device.update({ where: { id: deviceId }, data: { version: { increment: 1 } }, select: { id: true } });
    await recordAudit(tx, actor, {
      action: "device.exemption-revoked",
      entityType: "device",
      entityId: String(deviceId),
      organisationId: before.organisationId,
      summary: `Revoked the exemption for the ${describe(before)} approved by ${row.approvedBy}, valid until ${row.expiresOn}: ${input.reason}`,
      before: { exemptionId, approvedBy: row.approvedBy, approvedOn: row.approvedOn, expiresOn: row.expiresOn },
      after: { exemptionId, reason: input.reason, revokedOn: today },
    });
    await reevaluate(tx, { deviceIds: [deviceId] }, today);
    return { ok: true, value: { id: exemptionId } };
  });
}

export interface DeviceListFilter {
  siteId?: number;
  organisationId?: number;
  /** A stored status, or NOT_EVALUATED for devices without a result yet. */
  status?: Finding["status"] | "NOT_EVALUATED";
  lifecycle?: LifecycleValue;
}

/**
 * Devices in id order after `after`, at most `take`, with their stored results and exemptions:
 * for paging by cursor, where a device added or removed meanwhile shifts no page. Filters as the
 * site page's (status) and the register's (site, organisation, lifecycle); scoped by the actor.
 */
export async function listDevicesAfter(actor: Actor, filter: DeviceListFilter, after: number | null, take: number): Promise<DeviceDetail[]> {
  assertCanRead(actor);
  const where: Prisma.DeviceWhereInput = {
    ...organisationScope(actor),
    ...(after !== null ? { id: { gt: after } } : {}),
    ...(filter.siteId !== undefined ? { siteId: filter.siteId } : {}),
    ...(filter.lifecycle !== undefined ? { lifecycle: filter.lifecycle } : {}),
    ...(filter.status === "NOT_EVALUATED" ? { compliance: { is: null } } : filter.status !== undefined ? { compliance: { is: { status: filter.status } } } : {}),
  };
  if (filter.organisationId !== undefined) {
    where.AND = [{ organisationId: filter.organisationId }];
  }
  const devices = await db().device.findMany({
    where,
    orderBy: { id: "asc" },
    take,
    select: { ...DEVICE_SELECT, compliance: { select: { status: true, findings: true, producerName: true, producerNote: true, evaluatedOn: true } } },
  });
  const ids = devices.map((d) => d.id);
  const exemptions = ids.length === 0 ? [] : await db().exemption.findMany({
    where: { deviceId: { in: ids } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { ...EXEMPTION_SELECT, deviceId: true },
  });
  const byDevice = new Map<number, ExemptionRow[]>();
  for (const e of exemptions) {
    const list = byDevice.get(e.deviceId) ?? [];
    list.push(toExemptionRow(e));
    byDevice.set(e.deviceId, list);
  }
  const today = todayInLondon();
  return devices.map((d) => {
    const rows = byDevice.get(d.id) ?? [];
    return {
      ...toRecord(d),
      status: d.compliance?.status ?? null,
      findings: findingsOf(d.compliance?.findings),
      producerName: d.compliance?.producerName ?? null,
      producerNote: d.compliance?.producerNote ?? null,
      evaluatedOn: isoDateOf(d.compliance?.evaluatedOn ?? null),
      exemptions: rows,
      activeExemption: activeOf(rows, today),
    };
  });
}
