import { z } from "zod";
import { ETagHeader, IfMatchHeader, LocationHeader, ProblemSchema, pageQuery, pageSchema, problemResponses, registerOperation } from "@/lib/api/openapi/registry";
import { CameraSystemInputSchema, CameraSystemPatchSchema, CameraSystemSchema } from "@/lib/api/schemas/camera-system";

const READ = { access: "read", permission: "register:read" } as const;
const WRITE = { access: "write", permission: "register:write" } as const;
const TAGS = ["Camera systems"];

const siteId = z.object({ siteId: z.number().int().positive().meta({ description: "The site's id" }) });
const systemId = z.object({ id: z.number().int().positive().meta({ description: "The camera system's id" }) });
const json = <T extends z.ZodType>(schema: T) => ({ "application/json": { schema } });
const withETag = z.object({ ETag: ETagHeader });
const ifMatch = z.object({ "If-Match": IfMatchHeader });
const conflict = (description: string) => ({ 409: { description, content: { "application/problem+json": { schema: ProblemSchema } } } });

export const LIST_CAMERA_SYSTEMS = registerOperation({
  ...READ,
  method: "get",
  path: "/api/v1/sites/{siteId}/camera-systems",
  operationId: "listCameraSystems",
  tags: TAGS,
  summary: "List a site's camera systems",
  description: "In id order, with the devices recorded in each.",
  request: { params: siteId, query: pageQuery },
  responses: {
    200: { description: "A page of the site's camera systems", content: json(pageSchema(CameraSystemSchema)) },
    ...problemResponses(400, 404),
  },
});

export const CREATE_CAMERA_SYSTEM = registerOperation({
  ...WRITE,
  method: "post",
  path: "/api/v1/sites/{siteId}/camera-systems",
  operationId: "createCameraSystem",
  tags: TAGS,
  summary: "Add a camera system to a site",
  description: "Checked as the add-a-camera-system form checks it; a name the site already has (a create sent twice, say) is refused with 422 and nothing is added.",
  request: { params: siteId, body: { required: true, content: json(CameraSystemInputSchema) } },
  responses: {
    201: { description: "The camera system was added", headers: z.object({ Location: LocationHeader, ETag: ETagHeader }), content: json(CameraSystemSchema) },
    ...problemResponses(400, 404, 413, 415, 422),
    ...conflict("The site is archived: camera systems cannot be added to it"),
  },
});

export const GET_CAMERA_SYSTEM = registerOperation({
  ...READ,
  method: "get",
  path: "/api/v1/camera-systems/{id}",
  operationId: "getCameraSystem",
  tags: TAGS,
  summary: "Read one camera system",
  request: { params: systemId },
  responses: {
    200: { description: "The camera system", headers: withETag, content: json(CameraSystemSchema) },
    ...problemResponses(404),
  },
});

export const UPDATE_CAMERA_SYSTEM = registerOperation({
  ...WRITE,
  method: "patch",
  path: "/api/v1/camera-systems/{id}",
  operationId: "updateCameraSystem",
  tags: TAGS,
  summary: "Rename a camera system or change its description",
  description: "Send the fields to change and the ETag you read in If-Match.",
  request: { params: systemId, headers: ifMatch, body: { required: true, content: json(CameraSystemPatchSchema) } },
  responses: {
    200: { description: "The camera system as changed", headers: withETag, content: json(CameraSystemSchema) },
    ...problemResponses(400, 404, 412, 413, 415, 422, 428),
    ...conflict("The site is archived: its camera systems cannot be changed"),
  },
});

export const REMOVE_CAMERA_SYSTEM = registerOperation({
  ...WRITE,
  method: "delete",
  path: "/api/v1/camera-systems/{id}",
  operationId: "removeCameraSystem",
  tags: TAGS,
  summary: "Remove an empty camera system",
  description: "Only a system with no devices recorded in it, removed ones included, can be removed: change each device's camera system first.",
  request: { params: systemId, headers: ifMatch },
  responses: {
    204: { description: "The camera system was removed" },
    ...problemResponses(400, 404, 412, 428),
    ...conflict("The camera system still has devices recorded in it, or its site is archived"),
  },
});
