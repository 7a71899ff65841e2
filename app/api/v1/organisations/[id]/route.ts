import { apiRoute, pathId } from "@/lib/api/handler";
import { GET_ORGANISATION } from "@/lib/api/openapi/paths/organisations";
import { getApiOrganisation } from "@/lib/data/api-organisations";

export const GET = apiRoute<{ id: string }>(GET_ORGANISATION, async ({ actor, params }) => {
  return Response.json(await getApiOrganisation(actor, pathId(params.id, "Organisation")));
});
