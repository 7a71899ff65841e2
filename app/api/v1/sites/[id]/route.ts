import { bodyTypeErrors } from "@/lib/api/body-types";
import { etagOf } from "@/lib/api/etag";
import { apiRoute, pathId, requiredVersion } from "@/lib/api/handler";
import { GET_SITE, UPDATE_SITE } from "@/lib/api/openapi/paths/sites";
import { invalid } from "@/lib/api/problem";
import { refusedChange } from "@/lib/api/refused-change";
import { readJsonObject } from "@/lib/api/request-body";
import { siteBodyErrors, siteEditInput } from "@/lib/api/site-body";
import { SitePatchSchema } from "@/lib/api/schemas/site";
import { getApiSite } from "@/lib/data/api-sites";
import { getSiteRecord, updateSite } from "@/lib/data/sites";
import { fieldErrors } from "@/lib/validation/field-errors";
import { siteEditSchema } from "@/lib/validation/site";

export const GET = apiRoute<{ id: string }>(GET_SITE, async ({ actor, params }) => {
  const site = await getApiSite(actor, pathId(params.id, "Site"));
  return Response.json(site, { headers: { ETag: etagOf(site.version) } });
});

export const PATCH = apiRoute<{ id: string }>(UPDATE_SITE, async ({ request, actor, params }) => {
  const id = pathId(params.id, "Site");
  const version = requiredVersion(request);
  const body = await readJsonObject(request);
  const wrongTypes = bodyTypeErrors(SitePatchSchema, body, "a site");
  if (wrongTypes) return invalid(wrongTypes);
  const stored = await getSiteRecord(actor, id);
  const parsed = siteEditSchema.safeParse(siteEditInput(stored, body, version));
  if (!parsed.success) return invalid(siteBodyErrors(fieldErrors(parsed.error)));
  const updated = await updateSite(actor, id, parsed.data);
  if (!updated.ok) return refusedChange(siteBodyErrors(updated.fieldErrors));
  const site = await getApiSite(actor, id);
  return Response.json(site, { headers: { ETag: etagOf(site.version) } });
});
