// Sites as the API returns and takes them. Responses carry the record as the site's page shows it;
// request bodies use the site form's field names (lib/validation/site.ts siteFields). A body is
// checked here for its JSON types and unknown fields only, so that what the document says is what
// is accepted; every rule about the values is the form's own schema, applied after.
import { z } from "zod";
import { DEVICE_STATUSES } from "@/lib/validation/site-page-query";
import { CLASSIFICATIONS, SENSITIVITIES, SITE_STATUSES, siteFields } from "@/lib/validation/site";

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

const date = (description: string) => z.string().nullable().meta({ description: `${description} (YYYY-MM-DD)`, format: "date", example: "2024-03-05" });
const instant = (description: string) => z.string().meta({ description, format: "date-time", example: "2026-11-30T14:05:00.000Z" });

// ---- responses ----------------------------------------------------------------------------------

const assessment = {
  sensitivity: z.enum(SENSITIVITIES).meta({ description: "SENSITIVE, NOT_SENSITIVE, or UNASSESSED (not yet assessed)" }),
  holdsSecretMaterial: z.boolean().meta({ description: "Routinely holds SECRET material or above" }),
  hostsDvStaff: z.boolean().meta({ description: "Hosts a significant proportion of officials with developed vetting (DV) clearance" }),
  usedByMinisters: z.boolean().meta({ description: "Routinely used by Ministers" }),
  socpaDesignated: z.boolean().meta({ description: "Designated under the Serious Organised Crime and Police Act 2005 (section 128)" }),
  highestClassification: z.enum(CLASSIFICATIONS).nullable(),
  controlsExtended: z.boolean().meta({ description: "Sensitive-site controls extended to this site (only a site that is not sensitive)" }),
  assessedBy: z.string().nullable(),
  assessedOn: date("When the assessment was made"),
};

export const SiteSchema = z
  .object({
    id: z.number().int(),
    organisationId: z.number().int(),
    organisationName: z.string(),
    organisationAcronym: z.string(),
    name: z.string(),
    siteCode: z.string().meta({ description: "Unique within the organisation" }),
    addressLine1: z.string(),
    addressLine2: z.string().nullable(),
    town: z.string(),
    postcode: z.string().meta({ example: "SW1P 4DF" }),
    uprn: z.string().nullable().meta({ description: "Unique Property Reference Number, up to 12 digits" }),
    epimsId: z.string().nullable().meta({ description: "ePIMS ID, unique across the register" }),
    ...assessment,
    sensitiveSince: date("When the site became sensitive; null when it is not sensitive, or has been for as long as is known"),
    archived: z.boolean(),
    archivedAt: instant("When it was archived").nullable(),
    version: z.number().int().meta({ description: "The record's version: its ETag is this number in quotes" }),
    updatedAt: instant("When the record last changed"),
    status: z.enum(SITE_STATUSES).meta({ description: "Compliance status: RED (a breach), AMBER (action due or unverified), GREEN, or NO_DATA (no devices evaluated)" }),
    evaluatedOn: date("The day the status was worked out; null before the first evaluation"),
  })
  .meta({ id: "Site" });

export const SiteDeviceCountsSchema = z
  .object({
    all: z.number().int().meta({ description: "Every device recorded at the site, removed ones included" }),
    byStatus: z.object(Object.fromEntries(DEVICE_STATUSES.map((s) => [s, z.number().int()])) as Record<(typeof DEVICE_STATUSES)[number], z.ZodNumber>),
    notEvaluated: z.number().int().meta({ description: "Devices the rules have not yet looked at" }),
  })
  .meta({ id: "SiteDeviceCounts", description: "The site's devices by compliance status, as the site's page counts them" });

export const SiteDetailSchema = SiteSchema.extend({
  deviceCounts: SiteDeviceCountsSchema,
  cameraSystems: z
    .array(z.object({ id: z.number().int(), name: z.string(), description: z.string().nullable(), devices: z.number().int() }))
    .meta({ description: "The site's camera systems, by name, with the devices recorded in each" }),
  sensitivityHistory: z
    .array(
      z.object({
        ...assessment,
        effectiveFrom: z.string().meta({ description: "When the assessment took effect (YYYY-MM-DD)", format: "date" }),
        recordedAt: instant("When it was recorded"),
      }),
    )
    .meta({ description: "Every assessment recorded, newest first" }),
}).meta({ id: "SiteDetail", description: "A site with its device counts, camera systems and assessment history, as the site's page shows them" });

export type ApiSite = z.infer<typeof SiteSchema>;
export type ApiSiteDetail = z.infer<typeof SiteDetailSchema>;

/** The sites list's filters (app/sites/page.tsx), with the same names and values. */
export const siteFilterSchema = z.object({
  q: z.string().max(100, "q must be 100 characters or fewer").optional().meta({ description: "Words in the name, code, town or postcode" }),
  sensitivity: z.enum(SENSITIVITIES, `sensitivity must be one of ${SENSITIVITIES.join(", ")}`).optional(),
  status: z.enum(SITE_STATUSES, `status must be one of ${SITE_STATUSES.join(", ")}`).optional(),
  organisation: z.coerce
    .number("organisation must be an organisation id")
    .int("organisation must be an organisation id")
    .positive("organisation must be an organisation id")
    .max(2_147_483_647, "organisation must be an organisation id")
    .optional()
    .meta({ description: "Only this organisation's sites" }),
  lifecycle: z.enum(["active", "archived"], "lifecycle must be active or archived").optional().meta({ description: "active (the default) or archived sites" }),
});

// ---- request bodies -----------------------------------------------------------------------------

const text = (field: string, description: string, example?: string) =>
  z.string({ error: `${field} must be a string` }).meta({ description, ...(example ? { example } : {}) });
const optionalText = (field: string, description: string, example?: string) =>
  z.string({ error: `${field} must be a string or null` }).nullable().meta({ description, ...(example ? { example } : {}) });
const yesNo = (field: string, description: string) => z.boolean({ error: `${field} must be true or false` }).meta({ description });
const isoDate = (field: string, description: string) =>
  z
    .string({ error: `${field} must be a date as YYYY-MM-DD, or null` })
    .regex(ISO_DATE, `${field} must be a date as YYYY-MM-DD, or null`)
    .nullable()
    .meta({ description: `${description} (YYYY-MM-DD)`, format: "date", example: "2024-03-05" });
const oneOf = <const T extends readonly [string, ...string[]]>(field: string, values: T, description: string) =>
  z.enum(values, { error: `${field} must be one of ${values.join(", ")}` }).meta({ description });

/** Every field of the site form, typed as JSON; the keys are exactly the form's (siteFields). */
const siteInputShape = {
  organisationId: z.int({ error: "organisationId must be a whole number" }).meta({ description: "The organisation that runs the site: one the token's owner may change. A site cannot move to another organisation.", example: 12 }),
  name: text("name", "At most 200 characters", "2 Marsham Street"),
  siteCode: text("siteCode", "Unique within the organisation; at most 50 characters", "HO-0001"),
  addressLine1: text("addressLine1", "At most 200 characters", "2 Marsham Street"),
  addressLine2: optionalText("addressLine2", "At most 200 characters; null for none"),
  town: text("town", "Town or city; at most 100 characters", "London"),
  postcode: text("postcode", "A UK postcode, with or without its space", "SW1P 4DF"),
  uprn: optionalText("uprn", "Unique Property Reference Number: up to 12 digits; null for none", "100023336956"),
  epimsId: optionalText("epimsId", "Unique across the register; at most 50 characters; null for none"),
  sensitivity: oneOf("sensitivity", SENSITIVITIES, "SENSITIVE exactly when the site meets one of the four criteria; UNASSESSED until it is assessed"),
  holdsSecretMaterial: yesNo("holdsSecretMaterial", "Criterion: routinely holds SECRET material or above"),
  hostsDvStaff: yesNo("hostsDvStaff", "Criterion: hosts a significant proportion of officials with developed vetting (DV) clearance"),
  usedByMinisters: yesNo("usedByMinisters", "Criterion: routinely used by Ministers"),
  socpaDesignated: yesNo("socpaDesignated", "Criterion: designated under SOCPA 2005 (section 128)"),
  highestClassification: oneOf("highestClassification", CLASSIFICATIONS, "The highest classification held on the site").nullable(),
  controlsExtended: yesNo("controlsExtended", "Sensitive-site controls extended to a site that is not sensitive"),
  sensitiveSince: isoDate("sensitiveSince", "When a sensitive site became so, not in the future. Left out: the effective date when it becomes sensitive, and unchanged while it stays so"),
  assessedBy: optionalText("assessedBy", "Who made the assessment; at most 200 characters"),
  assessedOn: isoDate("assessedOn", "When the assessment was made, not in the future"),
  effectiveFrom: isoDate("effectiveFrom", "When a change of assessment takes effect; today when left out. Not stored on the site: it dates the assessment history"),
  alwaysSensitive: yesNo("alwaysSensitive", "true: the site has been sensitive for as long as anyone knows (sensitiveSince stays null)"),
} satisfies Record<keyof typeof siteFields, z.ZodType>;

const REQUIRED_ON_CREATE = ["organisationId", "name", "siteCode", "addressLine1", "town", "postcode", "sensitivity"] as const;

/** The new site as the API document describes it: the required fields, the rest optional. */
export const SiteInputSchema = z
  .strictObject(
    Object.fromEntries(
      Object.entries(siteInputShape).map(([key, schema]) => [key, (REQUIRED_ON_CREATE as readonly string[]).includes(key) ? schema : schema.optional()]),
    ) as { [K in keyof typeof siteInputShape]: K extends (typeof REQUIRED_ON_CREATE)[number] ? (typeof siteInputShape)[K] : z.ZodOptional<(typeof siteInputShape)[K]> },
  )
  .meta({
    id: "SiteInput",
    description: "A new site, with the add-a-site form's fields. Fields left out are empty (false for the criteria). Other fields are refused.",
  });

/**
 * The changes to a site: any of the form's fields; those left out keep their values. It also
 * type-checks a new site's body, so that a required field left out gets the form's own message.
 */
export const SitePatchSchema = z.strictObject(siteInputShape).partial().meta({
  id: "SitePatch",
  description:
    "The fields to change; the others keep their values, and null clears an optional one. The effect on the assessment history is as on the change form: a changed assessment is recorded from effectiveFrom (today when left out). Other fields are refused.",
});
