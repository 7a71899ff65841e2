import "server-only";
import { notFound } from "next/navigation";
import type { Actor } from "@/lib/auth/actor";
import { requirePagePermission } from "@/lib/auth/session";
import { getCameraSystem } from "@/lib/data/camera-systems";
import { idParam, orNotFound } from "@/components/register/not-found";

type Params = Promise<{ id: string; systemId: string }>;

/** A camera system an editor may change or remove: signed in with write permission, in scope, on a site still in use. */
export async function editableCameraSystem(params: Params, page: "edit" | "remove") {
  const { id: rawSite, systemId: rawSystem } = await params;
  const actor: Actor = await requirePagePermission("register:write", `/sites/${rawSite}/systems/${rawSystem}/${page}`);
  const siteId = idParam(rawSite);
  const system = await orNotFound(getCameraSystem(actor, siteId, idParam(rawSystem)));
  if (system.siteArchived) notFound();
  return { actor, siteId, system };
}
