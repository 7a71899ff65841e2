import { z } from "zod";
import { ETagHeader, IfMatchHeader, LocationHeader, ProblemSchema, pageQuery, pageSchema, problemResponses, registerOperation } from "@/lib/api/openapi/registry";
import { SiteDetailSchema, SiteInputSchema, SitePatchSchema, SiteSchema, siteFilterSchema } from "@/lib/api/schemas/site";

const READ = { access: "read", permission: "register:read" } as const;
const WRITE = { access: "write", permission: "register:write" } as const;
const TAGS = ["Sites"];

const siteId = z.object({ id: z.number().int().positive().meta({ description: "The site's id" }) });
const json = <T extends z.ZodType>(schema: T) => ({ "application/json": { schema } });
const withETag = z.object({ ETag: ETagHeader });
const ifMatch = z.object({ "If-Match": IfMatchHeader });

/** A change the site's state forbids: the words are the page's. */
const conflict = (description: string) => ({ 409: { description, content: { "application/problem+json": { schema: ProblemSchema } } } });

export const LIST_SITES = registerOperation({
  ...READ,
  method: "get",
  path: "/api/v1/sites",
  operationId: "listSites",
  tags: TAGS,
  summary: "List sites with their compliance status",
  description:
    "The sites of the organisations the token's owner may see, in id order, filtered as the sites page filters them. Without lifecycle=archived, archived sites are left out.",
  request: { query: pageQuery.extend(siteFilterSchema.shape) },
  responses: {
    200: { description: "A page of sites", content: json(pageSchema(SiteSchema)) },
    ...problemResponses(400),
  },
});

export const GET_SITE = registerOperation({
  ...READ,
  method: "get",
  path: "/api/v1/sites/{id}",
  operationId: "getSite",
  tags: TAGS,
  summary: "Read one site with its device counts, camera systems and assessment history",
  request: { params: siteId },
  responses: {
    200: { description: "The site", headers: withETag, content: json(SiteDetailSchema) },
    ...problemResponses(404),
  },
});

export const CREATE_SITE = registerOperation({
  ...WRITE,
  method: "post",
  path: "/api/v1/sites",
  operationId: "createSite",
  tags: TAGS,
  summary: "Add a site",
  description:
    "Checked as the add-a-site form checks it; a site code already used in the organisation (a create sent twice, say) is refused with 422 and nothing is added. A sensitivity other than UNASSESSED starts the site's assessment history.",
  request: { body: { required: true, content: json(SiteInputSchema) } },
  responses: {
    201: { description: "The site was added", headers: z.object({ Location: LocationHeader, ETag: ETagHeader }), content: json(SiteDetailSchema) },
    ...problemResponses(400, 413, 415, 422),
  },
});

export const UPDATE_SITE = registerOperation({
  ...WRITE,
  method: "patch",
  path: "/api/v1/sites/{id}",
  operationId: "updateSite",
  tags: TAGS,
  summary: "Change a site's details or its sensitivity assessment",
  description:
    "Send the fields to change and the ETag you read in If-Match. The result is checked as the change form checks it. A changed assessment is added to the history and re-evaluates the site's devices.",
  request: { params: siteId, headers: ifMatch, body: { required: true, content: json(SitePatchSchema) } },
  responses: {
    200: { description: "The site as changed", headers: withETag, content: json(SiteDetailSchema) },
    ...problemResponses(400, 404, 412, 413, 415, 422, 428),
    ...conflict("The site is archived: it can no longer be changed"),
  },
});

export const ARCHIVE_SITE = registerOperation({
  ...WRITE,
  method: "post",
  path: "/api/v1/sites/{id}/archive",
  operationId: "archiveSite",
  tags: TAGS,
  summary: "Archive a site",
  description:
    "Archived, never deleted: its history and removed devices remain as evidence. A site with devices still on it (in service or decommissioned) cannot be archived: record their removal or move them first. No body is needed.",
  request: { params: siteId, headers: ifMatch },
  responses: {
    200: { description: "The site, archived", headers: withETag, content: json(SiteDetailSchema) },
    ...problemResponses(400, 404, 412, 428),
    ...conflict("The site still has devices on it, or is already archived"),
  },
});
