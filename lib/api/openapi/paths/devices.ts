import { z } from "zod";
import { ETagHeader, IfMatchHeader, LocationHeader, ProblemSchema, pageQuery, pageSchema, problemResponses, registerOperation } from "@/lib/api/openapi/registry";
import {
  BULK_BODY_LIMIT,
  BulkRequestSchema,
  BulkResultSchema,
  DecommissionInputSchema,
  DeviceInputSchema,
  DevicePatchSchema,
  DeviceSchema,
  ExemptionInputSchema,
  FindingSchema,
  MAX_BULK_DEVICES,
  MoveInputSchema,
  RemovalInputSchema,
  RevokeInputSchema,
  deviceFilterSchema,
} from "@/lib/api/schemas/device";
import { DEVICE_STATUSES } from "@/lib/compliance";

const READ = { access: "read", permission: "register:read" } as const;
const WRITE = { access: "write", permission: "register:write" } as const;
const TAGS = ["Devices"];

const deviceId = z.object({ id: z.number().int().positive().meta({ description: "The device's id" }) });
const json = <T extends z.ZodType>(schema: T) => ({ "application/json": { schema } });
const withETag = z.object({ ETag: ETagHeader });
const ifMatch = z.object({ "If-Match": IfMatchHeader });
const conflict = (description: string) => ({ 409: { description, content: { "application/problem+json": { schema: ProblemSchema } } } });

export const LIST_DEVICES = registerOperation({
  ...READ,
  method: "get",
  path: "/api/v1/devices",
  operationId: "listDevices",
  tags: TAGS,
  summary: "List devices with their status and findings",
  description:
    "The devices of the organisations the token's owner may see, in id order. Filter by site, organisation, status (as a site's page does; NOT_EVALUATED for devices without a result yet) and lifecycle.",
  request: { query: pageQuery.extend(deviceFilterSchema.shape) },
  responses: {
    200: { description: "A page of devices", content: json(pageSchema(DeviceSchema)) },
    ...problemResponses(400),
  },
});

export const GET_DEVICE = registerOperation({
  ...READ,
  method: "get",
  path: "/api/v1/devices/{id}",
  operationId: "getDevice",
  tags: TAGS,
  summary: "Read one device with its findings",
  description: "The device, its status and each finding as its page shows them (the rule, its status, what to do and the directive's words), and its exemptions.",
  request: { params: deviceId },
  responses: {
    200: { description: "The device", headers: withETag, content: json(DeviceSchema) },
    ...problemResponses(404),
  },
});

export const GET_DEVICE_FINDINGS = registerOperation({
  ...READ,
  method: "get",
  path: "/api/v1/devices/{id}/findings",
  operationId: "getDeviceFindings",
  tags: ["Findings"],
  summary: "Read what the rules found about one device",
  request: { params: deviceId },
  responses: {
    200: {
      description: "The device's status and findings, as stored by the last evaluation",
      content: json(
        z.object({
          deviceId: z.number().int(),
          status: z.enum(DEVICE_STATUSES).nullable(),
          evaluatedOn: z.string().nullable(),
          findings: z.array(FindingSchema),
        }),
      ),
    },
    ...problemResponses(404),
  },
});

export const CREATE_DEVICE = registerOperation({
  ...WRITE,
  method: "post",
  path: "/api/v1/sites/{id}/devices",
  operationId: "createDevice",
  tags: TAGS,
  summary: "Add a device to a site",
  description: "As the add-a-device form. The device is evaluated at once: the answer carries its status and findings.",
  request: { params: z.object({ id: z.number().int().positive().meta({ description: "The site's id" }) }), body: { required: true, content: json(DeviceInputSchema) } },
  responses: {
    201: { description: "The device was added", headers: z.object({ Location: LocationHeader, ETag: ETagHeader }), content: json(DeviceSchema) },
    ...problemResponses(400, 404, 413, 415, 422),
    ...conflict("The site is archived"),
  },
});

export const UPDATE_DEVICE = registerOperation({
  ...WRITE,
  method: "patch",
  path: "/api/v1/devices/{id}",
  operationId: "updateDevice",
  tags: TAGS,
  summary: "Change a device's details",
  description: "The fields sent are merged over the device as it stands (as the change form is filled in), at the version named by If-Match.",
  request: { params: deviceId, headers: ifMatch, body: { required: true, content: json(DevicePatchSchema) } },
  responses: {
    200: { description: "The device as changed", headers: withETag, content: json(DeviceSchema) },
    ...problemResponses(400, 404, 412, 413, 415, 422, 428),
    ...conflict("The device has been removed"),
  },
});

function action(name: string, path: string, summary: string, description: string, body: z.ZodType, refused: string) {
  return registerOperation({
    ...WRITE,
    method: "post",
    path: `/api/v1/devices/{id}/${path}`,
    operationId: name,
    tags: TAGS,
    summary,
    description: `${description} Send the device's ETag in If-Match.`,
    request: { params: deviceId, headers: ifMatch, body: { required: true, content: json(body) } },
    responses: {
      200: { description: "The device after the change, re-evaluated", headers: withETag, content: json(DeviceSchema) },
      ...problemResponses(400, 404, 412, 413, 415, 422, 428),
      ...conflict(refused),
    },
  });
}

export const MOVE_DEVICE = action("moveDevice", "move", "Move a device to another site", "A move is a new deployment at the target site on the move date; the device leaves its camera system.", MoveInputSchema, "The device has been removed");
export const DECOMMISSION_DEVICE = action("decommissionDevice", "decommission", "Record that a device was switched off", "It stays on site until its removal is recorded.", DecommissionInputSchema, "The device is not in service");
export const RECORD_REMOVAL = action("recordRemoval", "removal", "Record a device's removal", "The device's status becomes REMOVED; its record is kept.", RemovalInputSchema, "The removal has already been recorded");
export const RECORD_EXEMPTION = action(
  "recordExemption",
  "exemption",
  "Record an exemption for a device",
  "A valid exemption turns the R3, R4 and R5 findings into ADVISORY; R1 and R2 are instructions and cannot be exempted.",
  ExemptionInputSchema,
  "The device has been removed",
);
export const REVOKE_EXEMPTION = action(
  "revokeExemption",
  "exemption/revoke",
  "Revoke a device's exemption before it expires",
  "Revokes the device's active exemption (activeExemption); the reason goes into the audit trail and the device is re-evaluated without it.",
  RevokeInputSchema,
  "The exemption has already been revoked or has expired",
);

export const BULK_UPSERT_DEVICES = registerOperation({
  ...WRITE,
  method: "post",
  path: "/api/v1/devices/bulk",
  operationId: "bulkUpsertDevices",
  tags: ["Bulk upsert"],
  summary: `Create or update up to ${MAX_BULK_DEVICES.toLocaleString("en-GB")} devices, all or nothing`,
  description:
    "Each entry of devices is one row of the import, with the import's columns (docs/IMPORT.md): checked with the same rules and the same words, matched to sites and devices by the same keys, and applied in one transaction. Any problem: 422 naming every one (the first 1,000), as #/devices/<index>/<column>, and nothing is saved; a message naming another \"row\" means that index of devices. Sending the same devices again changes nothing. With dryRun=true nothing is saved and the answer says what would be done. One import at a time for each person, with the import page's uploads (429 while another runs). The body may be up to " +
    `${BULK_BODY_LIMIT / 1024 / 1024} MB.`,
  request: {
    query: z.object({ dryRun: z.enum(["true", "false"]).optional().meta({ description: "true: check and work out the outcome, save nothing" }) }),
    body: { required: true, content: json(BulkRequestSchema) },
  },
  responses: {
    200: { description: "What was done (or, in a dry run, would be): the counts the import page shows", content: json(BulkResultSchema) },
    ...problemResponses(400, 413, 415, 422),
    ...conflict("The register changed while the devices were being saved: send them again"),
  },
});
