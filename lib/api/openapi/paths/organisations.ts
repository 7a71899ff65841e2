import { z } from "zod";
import { pageQuery, pageSchema, problemResponses, registerOperation } from "@/lib/api/openapi/registry";
import { OrganisationSchema, organisationFilterSchema } from "@/lib/api/schemas/organisation";

const READ_ORGANISATIONS = { access: "read", permission: ["register:read", "dashboard:read"] } as const;

export const LIST_ORGANISATIONS = registerOperation({
  ...READ_ORGANISATIONS,
  method: "get",
  path: "/api/v1/organisations",
  operationId: "listOrganisations",
  tags: ["Organisations"],
  summary: "List organisations with their compliance status",
  description: "The organisations the token's owner may see (their own and its agencies, or all for the Cabinet Office), in id order, with today's figures.",
  request: { query: pageQuery.extend(organisationFilterSchema.shape) },
  responses: {
    200: { description: "A page of organisations", content: { "application/json": { schema: pageSchema(OrganisationSchema) } } },
    ...problemResponses(400),
  },
});

export const GET_ORGANISATION = registerOperation({
  ...READ_ORGANISATIONS,
  method: "get",
  path: "/api/v1/organisations/{id}",
  operationId: "getOrganisation",
  tags: ["Organisations"],
  summary: "Read one organisation with its compliance status",
  request: { params: z.object({ id: z.number().int().positive() }) },
  responses: {
    200: { description: "The organisation", content: { "application/json": { schema: OrganisationSchema } } },
    ...problemResponses(404),
  },
});
