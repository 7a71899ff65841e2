import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { pageOf, type Page, type PageRequest } from "@/lib/api/pagination";
import type { ApiCameraSystem } from "@/lib/api/schemas/camera-system";
import { listCameraSystemsAfter, readCameraSystem, type CameraSystemRecord } from "@/lib/data/camera-systems";

// Camera systems for the API: a site's systems paged by id, and one system by its id, each with
// the devices recorded in it (only an empty system can be removed).

function toApi(s: CameraSystemRecord): ApiCameraSystem {
  return { id: s.id, siteId: s.siteId, name: s.name, description: s.description, devices: s.deviceCount, version: s.version };
}

export async function listApiCameraSystems(actor: Actor, siteId: number, page: PageRequest): Promise<Page<ApiCameraSystem>> {
  const rows = await listCameraSystemsAfter(actor, siteId, page.after, page.limit + 1);
  return pageOf(rows.map(toApi), page.limit);
}

export async function getApiCameraSystem(actor: Actor, id: number): Promise<ApiCameraSystem> {
  return toApi(await readCameraSystem(actor, id));
}
