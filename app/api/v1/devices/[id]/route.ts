import { bodyTypeErrors } from "@/lib/api/body-types";
import { deviceResponse } from "@/lib/api/device-body";
import { apiRoute, pathId, requiredVersion } from "@/lib/api/handler";
import { GET_DEVICE, UPDATE_DEVICE } from "@/lib/api/openapi/paths/devices";
import { invalid } from "@/lib/api/problem";
import { refusedChange } from "@/lib/api/refused-change";
import { readJsonObject } from "@/lib/api/request-body";
import { DevicePatchSchema } from "@/lib/api/schemas/device";
import { deviceFormValues } from "@/lib/data/api-devices";
import { getDeviceRecord, updateDevice } from "@/lib/data/devices";
import { fieldErrors } from "@/lib/validation/field-errors";
import { deviceEditSchema } from "@/lib/validation/device";

export const GET = apiRoute<{ id: string }>(GET_DEVICE, async ({ actor, params }) => deviceResponse(actor, pathId(params.id, "Device")));

export const PATCH = apiRoute<{ id: string }>(UPDATE_DEVICE, async ({ request, actor, params }) => {
  const id = pathId(params.id, "Device");
  const version = requiredVersion(request);
  const body = await readJsonObject(request);
  const wrongTypes = bodyTypeErrors(DevicePatchSchema, body, "a device");
  if (wrongTypes) return invalid(wrongTypes);
  // As the change form: filled in with the device as it stands, the body's fields over it.
  const stored = await getDeviceRecord(actor, id);
  const parsed = deviceEditSchema.safeParse({ ...deviceFormValues(stored), ...body, version });
  if (!parsed.success) return invalid(fieldErrors(parsed.error));
  const updated = await updateDevice(actor, id, parsed.data);
  if (!updated.ok) return refusedChange(updated.fieldErrors);
  return deviceResponse(actor, id);
});
