import { bodyTypeErrors } from "@/lib/api/body-types";
import { etagOf } from "@/lib/api/etag";
import { apiRoute, pathId, requiredVersion } from "@/lib/api/handler";
import { GET_CAMERA_SYSTEM, REMOVE_CAMERA_SYSTEM, UPDATE_CAMERA_SYSTEM } from "@/lib/api/openapi/paths/camera-systems";
import { invalid } from "@/lib/api/problem";
import { refusedChange } from "@/lib/api/refused-change";
import { readJsonObject } from "@/lib/api/request-body";
import { CameraSystemPatchSchema } from "@/lib/api/schemas/camera-system";
import { getApiCameraSystem } from "@/lib/data/api-camera-systems";
import { readCameraSystem, removeCameraSystem, updateCameraSystem } from "@/lib/data/camera-systems";
import { cameraSystemEditSchema, cameraSystemRemoveSchema } from "@/lib/validation/camera-system";
import { fieldErrors } from "@/lib/validation/field-errors";

export const GET = apiRoute<{ id: string }>(GET_CAMERA_SYSTEM, async ({ actor, params }) => {
  const system = await getApiCameraSystem(actor, pathId(params.id, "Camera system"));
  return Response.json(system, { headers: { ETag: etagOf(system.version) } });
});

export const PATCH = apiRoute<{ id: string }>(UPDATE_CAMERA_SYSTEM, async ({ request, actor, params }) => {
  const id = pathId(params.id, "Camera system");
  const version = requiredVersion(request);
  const body = await readJsonObject(request);
  const wrongTypes = bodyTypeErrors(CameraSystemPatchSchema, body, "a camera system");
  if (wrongTypes) return invalid(wrongTypes);
  const stored = await readCameraSystem(actor, id);
  // As the change form posts it: the stored values, then the body's over them.
  const parsed = cameraSystemEditSchema.safeParse({ name: stored.name, description: stored.description, ...body, version });
  if (!parsed.success) return invalid(fieldErrors(parsed.error));
  const updated = await updateCameraSystem(actor, stored.siteId, id, parsed.data);
  if (!updated.ok) return refusedChange(updated.fieldErrors);
  const system = await getApiCameraSystem(actor, id);
  return Response.json(system, { headers: { ETag: etagOf(system.version) } });
});

export const DELETE = apiRoute<{ id: string }>(REMOVE_CAMERA_SYSTEM, async ({ request, actor, params }) => {
  const id = pathId(params.id, "Camera system");
  const input = cameraSystemRemoveSchema.parse({ version: requiredVersion(request) });
  const stored = await readCameraSystem(actor, id);
  const removed = await removeCameraSystem(actor, stored.siteId, id, input);
  if (!removed.ok) return refusedChange(removed.fieldErrors);
  return new Response(null, { status: 204 });
});
