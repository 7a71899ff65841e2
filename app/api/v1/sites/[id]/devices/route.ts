import { bodyTypeErrors } from "@/lib/api/body-types";
import { deviceResponse } from "@/lib/api/device-body";
import { apiRoute, pathId } from "@/lib/api/handler";
import { CREATE_DEVICE } from "@/lib/api/openapi/paths/devices";
import { invalid } from "@/lib/api/problem";
import { refusedChange } from "@/lib/api/refused-change";
import { readJsonObject } from "@/lib/api/request-body";
import { DevicePatchSchema } from "@/lib/api/schemas/device";
import { createDevice } from "@/lib/data/devices";
import { fieldErrors } from "@/lib/validation/field-errors";
import { deviceFormSchema } from "@/lib/validation/device";

/** POST /api/v1/sites/{id}/devices: as the site's add-a-device form (createDevice). */
export const POST = apiRoute<{ id: string }>(CREATE_DEVICE, async ({ request, actor, params }) => {
  const siteId = pathId(params.id, "Site");
  const body = await readJsonObject(request);
  // The patch schema types every field without requiring any, so a field left out gets the form's own words.
  const wrongTypes = bodyTypeErrors(DevicePatchSchema, body, "a device");
  if (wrongTypes) return invalid(wrongTypes);
  const parsed = deviceFormSchema.safeParse(body);
  if (!parsed.success) return invalid(fieldErrors(parsed.error));
  const created = await createDevice(actor, siteId, parsed.data);
  if (!created.ok) return refusedChange(created.fieldErrors);
  return deviceResponse(actor, created.value.id, 201, { Location: `/api/v1/devices/${created.value.id}` });
});
