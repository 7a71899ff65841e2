import { apiRoute, pathId } from "@/lib/api/handler";
import { GET_DEVICE_FINDINGS } from "@/lib/api/openapi/paths/devices";
import { getApiDevice } from "@/lib/data/api-devices";

export const GET = apiRoute<{ id: string }>(GET_DEVICE_FINDINGS, async ({ actor, params }) => {
  const device = await getApiDevice(actor, pathId(params.id, "Device"));
  return Response.json({ deviceId: device.id, status: device.status, evaluatedOn: device.evaluatedOn, findings: device.findings });
});
