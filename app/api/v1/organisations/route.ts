import { apiRoute, readQuery } from "@/lib/api/handler";
import { LIST_ORGANISATIONS } from "@/lib/api/openapi/paths/organisations";
import { pageQuerySchema, pageRequest } from "@/lib/api/pagination";
import { organisationFilterSchema } from "@/lib/api/schemas/organisation";
import { listApiOrganisations } from "@/lib/data/api-organisations";

export const GET = apiRoute(LIST_ORGANISATIONS, async ({ request, actor }) => {
  const query = readQuery(request, pageQuerySchema.extend(organisationFilterSchema.shape));
  return Response.json(await listApiOrganisations(actor, query, pageRequest(query)));
});
