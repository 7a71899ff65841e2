import { bodyTypeErrors } from "@/lib/api/body-types";
import { etagOf } from "@/lib/api/etag";
import { apiRoute, pathId, readQuery } from "@/lib/api/handler";
import { CREATE_CAMERA_SYSTEM, LIST_CAMERA_SYSTEMS } from "@/lib/api/openapi/paths/camera-systems";
import { pageQuerySchema, pageRequest } from "@/lib/api/pagination";
import { invalid } from "@/lib/api/problem";
import { refusedChange } from "@/lib/api/refused-change";
import { readJsonObject } from "@/lib/api/request-body";
import { CameraSystemPatchSchema } from "@/lib/api/schemas/camera-system";
import { getApiCameraSystem, listApiCameraSystems } from "@/lib/data/api-camera-systems";
import { createCameraSystem } from "@/lib/data/camera-systems";
import { cameraSystemFormSchema } from "@/lib/validation/camera-system";
import { fieldErrors } from "@/lib/validation/field-errors";

// The folder is the site's: [id] here is the siteId of the API document's path.

export const GET = apiRoute<{ id: string }>(LIST_CAMERA_SYSTEMS, async ({ request, actor, params }) => {
  const siteId = pathId(params.id, "Site");
  const query = readQuery(request, pageQuerySchema);
  return Response.json(await listApiCameraSystems(actor, siteId, pageRequest(query)));
});

export const POST = apiRoute<{ id: string }>(CREATE_CAMERA_SYSTEM, async ({ request, actor, params }) => {
  const siteId = pathId(params.id, "Site");
  const body = await readJsonObject(request);
  const wrongTypes = bodyTypeErrors(CameraSystemPatchSchema, body, "a camera system");
  if (wrongTypes) return invalid(wrongTypes);
  const parsed = cameraSystemFormSchema.safeParse(body);
  if (!parsed.success) return invalid(fieldErrors(parsed.error));
  const created = await createCameraSystem(actor, siteId, parsed.data);
  if (!created.ok) return refusedChange(created.fieldErrors);
  const system = await getApiCameraSystem(actor, created.value.id);
  return Response.json(system, { status: 201, headers: { Location: `/api/v1/camera-systems/${system.id}`, ETag: etagOf(system.version) } });
});
