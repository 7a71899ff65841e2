import { AppError } from "@/lib/auth/errors";
import { route } from "@/lib/auth/route";
import { getDeviceRecord } from "@/lib/data/devices";
import { searchMoveTargets } from "@/lib/data/site-search";
import { moveTargetQuerySchema } from "@/lib/validation/site-page-query";

export const dynamic = "force-dynamic";

/**
 * GET /devices/12/move/sites?q=truro: the first sites the device could move to that match, for
 * the move form's autocomplete (the same search the form does without JavaScript). A device
 * outside the actor's organisations is 404, as its page is.
 */
export const GET = route<{ id: string }>("register:write", async (request, actor, params) => {
  if (!/^\d{1,9}$/.test(params.id)) throw new AppError("NOT_FOUND", "Device not found");
  const device = await getDeviceRecord(actor, Number(params.id));
  const query = moveTargetQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const found = await searchMoveTargets(actor, device.siteId, { q: query.q, page: 1 });
  return Response.json({ sites: found.rows, total: found.total }, { headers: { "Cache-Control": "no-store" } });
});
