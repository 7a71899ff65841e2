import { bodyTypeErrors } from "@/lib/api/body-types";
import { etagOf } from "@/lib/api/etag";
import { apiRoute, readQuery } from "@/lib/api/handler";
import { CREATE_SITE, LIST_SITES } from "@/lib/api/openapi/paths/sites";
import { pageQuerySchema, pageRequest } from "@/lib/api/pagination";
import { invalid } from "@/lib/api/problem";
import { refusedChange } from "@/lib/api/refused-change";
import { readJsonObject } from "@/lib/api/request-body";
import { siteBodyErrors, siteCreateInput } from "@/lib/api/site-body";
import { SitePatchSchema, siteFilterSchema } from "@/lib/api/schemas/site";
import { getApiSite, listApiSites } from "@/lib/data/api-sites";
import { createSite } from "@/lib/data/sites";
import { fieldErrors } from "@/lib/validation/field-errors";
import { siteFormSchema, siteListQuerySchema } from "@/lib/validation/site";

export const GET = apiRoute(LIST_SITES, async ({ request, actor }) => {
  const query = readQuery(request, pageQuerySchema.extend(siteFilterSchema.shape));
  // The page's own reading of its query string, so the same words find the same sites.
  const filter = siteListQuerySchema.parse({ q: query.q, sensitivity: query.sensitivity, status: query.status, organisation: query.organisation?.toString(), lifecycle: query.lifecycle });
  return Response.json(await listApiSites(actor, filter, pageRequest(query)));
});

export const POST = apiRoute(CREATE_SITE, async ({ request, actor }) => {
  const body = await readJsonObject(request);
  const wrongTypes = bodyTypeErrors(SitePatchSchema, body, "a site");
  if (wrongTypes) return invalid(wrongTypes);
  const parsed = siteFormSchema.safeParse(siteCreateInput(body));
  if (!parsed.success) return invalid(siteBodyErrors(fieldErrors(parsed.error)));
  const created = await createSite(actor, parsed.data);
  if (!created.ok) return refusedChange(siteBodyErrors(created.fieldErrors));
  const site = await getApiSite(actor, created.value.id);
  return Response.json(site, { status: 201, headers: { Location: `/api/v1/sites/${site.id}`, ETag: etagOf(site.version) } });
});
