// The organisation as the API returns it: the register's own figures, named as on the pages.
import { z } from "zod";
import { ORG_STATUSES, ORG_TYPES } from "@/lib/validation/dashboard-options";

export const OrganisationSchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    acronym: z.string(),
    type: z.enum(ORG_TYPES),
    parentId: z.number().int().nullable().meta({ description: "The department an agency belongs to; null for a department" }),
    status: z.enum(ORG_STATUSES).meta({ description: "Compliance status: RED (a breach), AMBER (action due or unverified), GREEN, or NO_DATA" }),
    figures: z.object({
      sites: z.number().int(),
      sensitiveSites: z.number().int(),
      devices: z.number().int(),
      breach: z.number().int(),
      actionDue: z.number().int(),
      unverified: z.number().int(),
      advisory: z.number().int(),
      compliant: z.number().int(),
      removed: z.number().int(),
      inService: z.number().int(),
      completeness: z.number().min(0).max(1).meta({ description: "Share of in-service devices with all four facts known, 0 to 1" }),
      coveredRemaining: z.number().int().meta({ description: "Covered devices still on controlled sites" }),
      coveredRemoved: z.number().int(),
      coveredCore: z.number().int().meta({ description: "Covered devices on a departmental core network" }),
    }),
    asOf: z.string().meta({ description: "The date the figures are for (YYYY-MM-DD)" }),
  })
  .meta({ id: "Organisation" });

export type ApiOrganisation = z.infer<typeof OrganisationSchema>;

export const organisationFilterSchema = z.object({
  status: z.enum(ORG_STATUSES, "status must be one of RED, AMBER, GREEN, NO_DATA").optional(),
  type: z.enum(ORG_TYPES, "type must be one of MINISTERIAL_DEPARTMENT, NON_MINISTERIAL_DEPARTMENT, AGENCY").optional(),
  parentId: z.coerce.number("parentId must be an organisation id").int("parentId must be an organisation id").positive("parentId must be an organisation id").optional(),
});
