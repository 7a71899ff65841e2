import "server-only";
import { Prisma } from "@/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { notFound } from "@/lib/auth/errors";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/data/audit";
import { assertCanWrite, organisationScope, type Outcome } from "@/lib/data/sites";
import type { CameraSystemFormInput } from "@/lib/validation/camera-system";

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
