import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { inScope } from "@/lib/auth/actor";
import { conflict, notFound } from "@/lib/auth/errors";
import type { Finding } from "@/lib/compliance";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/data/audit";
import { reevaluate } from "@/lib/data/evaluation";
import {
  assertCanRead,
  assertCanWrite,
  dateOf,
  findingsOf,
  isoDateOf,
  organisationScope,
  type Outcome,
} from "@/lib/data/sites";
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
import { exemptionTooLong, type ExemptionFormInput } from "@/lib/validation/exemption";

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

export async function getDevice(actor: Actor, id: number): Promise<DeviceDetail> {
  const record = await getDeviceRecord(actor, id);
  const compliance = await db().deviceCompliance.findUnique({
    where: { deviceId: id },
    select: { status: true, findings: true, producerName: true, producerNote: true, evaluatedOn: true },
  });
  const exemptions = await db().exemption.findMany({
    where: { deviceId: id },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { id: true, justification: true, approvedBy: true, approvedOn: true, expiresOn: true, revokedAt: true, createdAt: true },
  });
  return {
    ...record,
    status: compliance?.status ?? null,
    findings: findingsOf(compliance?.findings),
    producerName: compliance?.producerName ?? null,
    producerNote: compliance?.producerNote ?? null,
    evaluatedOn: isoDateOf(compliance?.evaluatedOn ?? null),
    exemptions: exemptions.map((e) => ({
      id: e.id,
      justification: e.justification,
      approvedBy: e.approvedBy,
      approvedOn: isoDateOf(e.approvedOn) ?? "",
      expiresOn: isoDateOf(e.expiresOn) ?? "",
      revoked: e.revokedAt !== null,
      createdAt: e.createdAt.toISOString(),
    })),
  };
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

async function systemProblem(tx: Tx, siteId: number, systemId: number | null): Promise<FieldErrors | null> {
  if (systemId === null) return null;
  const system = await tx.cameraSystem.findFirst({ where: { id: systemId, siteId }, select: { id: true } });
  return system ? null : { systemId: "Select a camera system from the list" };
}

export async function createDevice(actor: Actor, siteId: number, input: DeviceFormInput): Promise<Outcome<{ id: number }>> {
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
  assertCanWrite(actor);
  return db().$transaction(async (tx): Promise<Outcome<{ id: number }>> => {
    const before = await deviceForChange(tx, actor, id, input.version);
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
