import { etagOf } from "@/lib/api/etag";
import { apiRoute, pathId, requiredVersion } from "@/lib/api/handler";
import { ARCHIVE_SITE } from "@/lib/api/openapi/paths/sites";
import { refusedChange } from "@/lib/api/refused-change";
import { getApiSite } from "@/lib/data/api-sites";
import { archiveSite } from "@/lib/data/sites";
import { archiveSiteSchema } from "@/lib/validation/site";

// The request is the confirmation the archive page asks for.
export const POST = apiRoute<{ id: string }>(ARCHIVE_SITE, async ({ request, actor, params }) => {
  const id = pathId(params.id, "Site");
  const input = archiveSiteSchema.parse({ version: requiredVersion(request), confirm: true });
  const archived = await archiveSite(actor, id, input);
  if (!archived.ok) return refusedChange(archived.fieldErrors);
  const site = await getApiSite(actor, id);
  return Response.json(site, { headers: { ETag: etagOf(site.version) } });
});
