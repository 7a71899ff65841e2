import "server-only";
import { Prisma } from "@/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { conflict, notFound } from "@/lib/auth/errors";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/data/audit";
import type { Outcome } from "@/lib/data/outcome";
import { assertCanRead, assertCanWrite, organisationScope } from "@/lib/data/scope";
import type { CameraSystemEditInput, CameraSystemFormInput, CameraSystemRemoveInput } from "@/lib/validation/camera-system";

// Camera systems group a site's devices (a recorder and its cameras). The rules look at devices
// alone, so adding a system changes no result and needs no re-evaluation.

const nameTaken = (name: string, existing: string): Outcome<never> => ({
  ok: false,
  fieldErrors: { name: `This site already has a camera system called “${existing}”: choose another name for “${name}”` },
});

/** Adds a camera system to a site in the actor's scope (else 404). Names are unique on a site, whatever their case. */
export async function createCameraSystem(actor: Actor, siteId: number, input: CameraSystemFormInput): Promise<Outcome<{ id: number; siteId: number }>> {
  assertCanWrite(actor);
  try {
    return await db().$transaction(async (tx): Promise<Outcome<{ id: number; siteId: number }>> => {
      const site = await tx.site.findFirst({
        where: { id: siteId, ...organisationScope(actor) },
        select: { id: true, name: true, organisationId: true, archivedAt: true },
      });
      if (!site) throw notFound("Site");
      if (site.archivedAt) return { ok: false, fieldErrors: { form: "This site is archived: camera systems cannot be added to it" } };
      const same = await tx.cameraSystem.findFirst({ where: { siteId, name: { equals: input.name, mode: "insensitive" } }, select: { name: true } });
      if (same) return nameTaken(input.name, same.name);
      const created = await tx.cameraSystem.create({ data: { siteId, name: input.name, description: input.description }, select: { id: true } });
      await recordAudit(tx, actor, {
        action: "camera-system.created",
        entityType: "camera-system",
        entityId: String(created.id),
        organisationId: site.organisationId,
        summary: `Added the camera system ${input.name} to ${site.name}`,
        after: { siteId, name: input.name, description: input.description },
      });
      return { ok: true, value: { id: created.id, siteId } };
    });
  } catch (error) {
    // Two people adding the same name at once: the unique index decides.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return nameTaken(input.name, input.name);
    throw error;
  }
}

const STALE = "This camera system was changed by someone else since you opened it. Your changes have not been saved: reload to see the latest version.";

export interface CameraSystemRecord {
  id: number;
  siteId: number;
  siteName: string;
  siteCode: string;
  siteArchived: boolean;
  name: string;
  description: string | null;
  version: number;
  /** Every device recorded in the system, removed ones included: only an empty system can be removed. */
  deviceCount: number;
}

const SYSTEM_SELECT = {
  id: true,
  name: true,
  description: true,
  version: true,
  site: { select: { id: true, name: true, siteCode: true, archivedAt: true } },
  _count: { select: { devices: true } },
} as const satisfies Prisma.CameraSystemSelect;

function toRecord(system: Prisma.CameraSystemGetPayload<{ select: typeof SYSTEM_SELECT }>): CameraSystemRecord {
  const { site, _count, ...rest } = system;
  return { ...rest, siteId: site.id, siteName: site.name, siteCode: site.siteCode, siteArchived: site.archivedAt !== null, deviceCount: _count.devices };
}

/** A system on a site in the actor's scope (else 404), for its edit and removal pages. */
export async function getCameraSystem(actor: Actor, siteId: number, id: number): Promise<CameraSystemRecord> {
  assertCanWrite(actor);
  const system = await db().cameraSystem.findFirst({ where: { id, siteId, site: organisationScope(actor) }, select: SYSTEM_SELECT });
  if (!system) throw notFound("Camera system");
  return toRecord(system);
}

/** A system by its id alone, for anyone who may read its site (else 404): the API names systems so. */
export async function readCameraSystem(actor: Actor, id: number): Promise<CameraSystemRecord> {
  assertCanRead(actor);
  const system = await db().cameraSystem.findFirst({ where: { id, site: organisationScope(actor) }, select: SYSTEM_SELECT });
  if (!system) throw notFound("Camera system");
  return toRecord(system);
}

/** A site's systems in ascending id order after `afterId`, for paging by cursor; a site out of scope is 404. */
export async function listCameraSystemsAfter(actor: Actor, siteId: number, afterId: number | null, take: number): Promise<CameraSystemRecord[]> {
  assertCanRead(actor);
  const site = await db().site.findFirst({ where: { id: siteId, ...organisationScope(actor) }, select: { id: true } });
  if (!site) throw notFound("Site");
  const systems = await db().cameraSystem.findMany({
    where: { siteId, ...(afterId === null ? {} : { id: { gt: afterId } }) },
    orderBy: { id: "asc" },
    take,
    select: SYSTEM_SELECT,
  });
  return systems.map(toRecord);
}

/** Renames a system or changes its description, with the version the form was opened at. */
export async function updateCameraSystem(actor: Actor, siteId: number, id: number, input: CameraSystemEditInput): Promise<Outcome<{ id: number; siteId: number }>> {
  assertCanWrite(actor);
  try {
    return await db().$transaction(async (tx): Promise<Outcome<{ id: number; siteId: number }>> => {
      const before = await tx.cameraSystem.findFirst({
        where: { id, siteId, site: organisationScope(actor) },
        select: { id: true, name: true, description: true, version: true, site: { select: { name: true, organisationId: true, archivedAt: true } } },
      });
      if (!before) throw notFound("Camera system");
      if (before.site.archivedAt) return { ok: false, fieldErrors: { form: "This site is archived: its camera systems cannot be changed" } };
      if (before.version !== input.version) throw conflict(STALE);
      const same = await tx.cameraSystem.findFirst({
        where: { siteId, id: { not: id }, name: { equals: input.name, mode: "insensitive" } },
        select: { name: true },
      });
      if (same) return nameTaken(input.name, same.name);
      const { count } = await tx.cameraSystem.updateMany({
        where: { id, version: before.version },
        data: { name: input.name, description: input.description, version: { increment: 1 } },
      });
      if (count === 0) throw conflict(STALE);
      await recordAudit(tx, actor, {
        action: "camera-system.updated",
        entityType: "camera-system",
        entityId: String(id),
        organisationId: before.site.organisationId,
        summary: before.name === input.name ? `Changed the camera system ${input.name} at ${before.site.name}` : `Renamed the camera system ${before.name} to ${input.name} at ${before.site.name}`,
        before: { name: before.name, description: before.description },
        after: { name: input.name, description: input.description },
      });
      return { ok: true, value: { id, siteId } };
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return nameTaken(input.name, input.name);
    throw error;
  }
}

/** Why a system cannot be removed while it holds devices, in words the editor can act on. */
export function systemNotEmpty(name: string, devices: number): string {
  const count = devices === 1 ? "1 device" : `${devices.toLocaleString("en-GB")} devices`;
  return `The camera system ${name} cannot be removed because it has ${count} recorded in it. Change each device's camera system first.`;
}

/**
 * Removes a camera system that holds no devices. The system's row is locked before its devices are
 * counted, so a device being put in it at the same moment either is counted (it went first) or
 * finds the system gone (lib/data/devices.ts, systemProblem).
 */
export async function removeCameraSystem(actor: Actor, siteId: number, id: number, input: CameraSystemRemoveInput): Promise<Outcome<{ id: number; siteId: number }>> {
  assertCanWrite(actor);
  return db().$transaction(async (tx): Promise<Outcome<{ id: number; siteId: number }>> => {
    const before = await tx.cameraSystem.findFirst({
      where: { id, siteId, site: organisationScope(actor) },
      select: { id: true, name: true, description: true, version: true, site: { select: { name: true, organisationId: true, archivedAt: true } } },
    });
    if (!before) throw notFound("Camera system");
    if (before.site.archivedAt) return { ok: false, fieldErrors: { form: "This site is archived: its camera systems cannot be changed" } };
    const locked = await tx.$queryRaw<{ version: number }[]>`SELECT version FROM camera_systems WHERE id = ${id} FOR UPDATE`;
    if (locked[0]?.version !== input.version) throw conflict(STALE);
    const devices = await tx.device.count({ where: { systemId: id } });
    if (devices > 0) return { ok: false, fieldErrors: { form: systemNotEmpty(before.name, devices) } };
    await tx.cameraSystem.delete({ where: { id }, select: { id: true } });
    await recordAudit(tx, actor, {
      action: "camera-system.removed",
      entityType: "camera-system",
      entityId: String(id),
      organisationId: before.site.organisationId,
      summary: `Removed the camera system ${before.name} from ${before.site.name}`,
      before: { siteId, name: before.name, description: before.description },
    });
    return { ok: true, value: { id, siteId } };
  });
}
