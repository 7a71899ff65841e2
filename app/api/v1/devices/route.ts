import { apiRoute, readQuery } from "@/lib/api/handler";
import { LIST_DEVICES } from "@/lib/api/openapi/paths/devices";
import { pageQuerySchema, pageRequest } from "@/lib/api/pagination";
import { deviceFilterSchema } from "@/lib/api/schemas/device";
import { listApiDevices } from "@/lib/data/api-devices";

export const GET = apiRoute(LIST_DEVICES, async ({ request, actor }) => {
  const query = readQuery(request, pageQuerySchema.extend(deviceFilterSchema.shape));
  const { limit: _limit, cursor: _cursor, ...filter } = query;
  return Response.json(await listApiDevices(actor, filter, pageRequest(query)));
});
