// The site record as forms, the bulk import and the API submit it: text in, typed values out.
import { z } from "zod";
import {
  enumField,
  idField,
  optionalEnum,
  optionalIsoDate,
  optionalText,
  optionalVersionField,
  requiredText,
  versionField,
  yesNo,
} from "@/lib/validation/fields";
import { optionalDate, withDateParts } from "@/lib/validation/date-parts";
import { stripUnsafeText } from "@/lib/validation/text";

export const SENSITIVITIES = ["SENSITIVE", "NOT_SENSITIVE", "UNASSESSED"] as const;
export type SensitivityValue = (typeof SENSITIVITIES)[number];
export const SENSITIVITY_LABELS: Record<SensitivityValue, string> = {
  SENSITIVE: "Sensitive",
  NOT_SENSITIVE: "Not sensitive",
  UNASSESSED: "Not yet assessed",
};

export const CLASSIFICATIONS = ["OFFICIAL", "SECRET", "TOP_SECRET"] as const;
export type ClassificationValue = (typeof CLASSIFICATIONS)[number];
export const CLASSIFICATION_LABELS: Record<ClassificationValue, string> = {
  OFFICIAL: "OFFICIAL",
  SECRET: "SECRET",
  TOP_SECRET: "TOP SECRET",
};

/** The four criteria of the sensitive-site definition (Lords written answer, 9 April 2024). */
export const SENSITIVITY_CRITERIA = [
  { field: "holdsSecretMaterial", label: "Routinely holds SECRET material or above" },
  { field: "hostsDvStaff", label: "Hosts a significant proportion of officials with developed vetting (DV) clearance" },
  { field: "usedByMinisters", label: "Routinely used by Ministers" },
  { field: "socpaDesignated", label: "Designated under the Serious Organised Crime and Police Act 2005 (section 128)" },
] as const;
export type SensitivityCriterion = (typeof SENSITIVITY_CRITERIA)[number]["field"];

// UK postcodes, including BFPO-free GIR 0AA; the space is optional on input and restored on output.
const POSTCODE = /^([A-Z]{1,2}\d[A-Z\d]?|GIR) ?(\d[A-Z]{2})$/;

export const postcodeField = requiredText("Enter the postcode", "Postcode", 10)
  .transform((s) => s.toUpperCase().replace(/\s+/g, " "))
  .superRefine((s, ctx) => {
    if (!POSTCODE.test(s)) ctx.addIssue({ code: "custom", message: "Enter a real postcode, like SW1A 2AA" });
  })
  .transform((s) => {
    const m = POSTCODE.exec(s);
    return m ? `${m[1]} ${m[2]}` : s;
  });

export const uprnField = optionalText("UPRN", 12).superRefine((s, ctx) => {
  if (s !== null && !/^\d{1,12}$/.test(s)) ctx.addIssue({ code: "custom", message: "UPRN must be a number of up to 12 digits" });
});

/** Field-level schemas, one per column, for the import to validate a cell at a time. */
export const siteFields = {
  organisationId: idField("Select the organisation that runs the site"),
  name: requiredText("Enter the site name", "Site name", 200),
  siteCode: requiredText("Enter the site code", "Site code", 50),
  addressLine1: requiredText("Enter the first line of the address", "Address line 1", 200),
  addressLine2: optionalText("Address line 2", 200),
  town: requiredText("Enter the town or city", "Town or city", 100),
  postcode: postcodeField,
  uprn: uprnField,
  epimsId: optionalText("ePIMS ID", 50),
  sensitivity: enumField(SENSITIVITIES, "Select whether the site is sensitive"),
  holdsSecretMaterial: yesNo("Holds SECRET material"),
  hostsDvStaff: yesNo("Hosts DV-cleared officials"),
  usedByMinisters: yesNo("Used by Ministers"),
  socpaDesignated: yesNo("Designated under SOCPA 2005"),
  highestClassification: optionalEnum(CLASSIFICATIONS, "Select the highest classification held on the site"),
  controlsExtended: yesNo("Sensitive-site controls extended"),
  sensitiveSince: optionalIsoDate("Sensitive since date", { notFuture: true }),
  assessedBy: optionalText("Assessed by", 200),
  assessedOn: optionalIsoDate("Assessment date", { notFuture: true }),
  /** When this assessment takes effect; defaults to today. */
  effectiveFrom: optionalIsoDate("Effective date"),
  /** "yes": the site has been sensitive for as long as anyone knows (sensitive_since stays empty). */
  alwaysSensitive: yesNo("Always sensitive"),
} as const;

export const siteFieldsSchema = z.object(siteFields);

function checkAssessment(
  v: Pick<z.output<typeof siteFieldsSchema>, "sensitivity" | SensitivityCriterion | "controlsExtended">,
  ctx: z.RefinementCtx,
) {
  const anyCriterion = v.holdsSecretMaterial || v.hostsDvStaff || v.usedByMinisters || v.socpaDesignated;
  // A site is sensitive exactly when it meets one of the criteria: the record must say which.
  if (v.sensitivity === "SENSITIVE" && !anyCriterion) {
    ctx.addIssue({ code: "custom", path: ["criteria"], message: "Select which of the criteria make the site sensitive" });
  }
  if (v.sensitivity === "NOT_SENSITIVE" && anyCriterion) {
    ctx.addIssue({
      code: "custom",
      path: ["sensitivity"],
      message: "A site that meets any of the criteria is sensitive: select Sensitive, or clear the criteria",
    });
  }
  if (v.sensitivity !== "NOT_SENSITIVE" && v.controlsExtended) {
    ctx.addIssue({
      code: "custom",
      path: ["controlsExtended"],
      message: "Controls can only be extended to a site that is not sensitive",
    });
  }
}

const SITE_FORM_DATES = ["assessedOn", "effectiveFrom"] as const;

const ASSESSMENT_KEYS = new Set(["sensitivity", "controlsExtended", ...SENSITIVITY_CRITERIA.map((c) => c.field)]);

function siteForm<V extends typeof optionalVersionField | typeof versionField>(version: V) {
  return withDateParts(
    SITE_FORM_DATES,
    siteFieldsSchema
      .extend({
        // The form's dates are entered as day, month and year (lib/validation/date-parts.ts).
        assessedOn: optionalDate({ label: "Assessment date", notFuture: true }),
        effectiveFrom: optionalDate({ label: "Effective date" }),
        version,
        // The form posts this beside the "always sensitive" box, so an unticked box (which posts
        // nothing) can be told apart from an import row that never had the column.
        alwaysSensitiveAsked: yesNo("Always sensitive question"),
      })
      // Runs alongside the field errors (every problem reported at once) when the fields it reads parsed.
      .superRefine((v, ctx) => checkAssessment(v, ctx), { when: (p) => !p.issues.some((i) => ASSESSMENT_KEYS.has(String(i.path?.[0]))) }),
  );
}

/** The create form for a site. */
export const siteFormSchema = siteForm(optionalVersionField);
/** The edit form: its version is required, so a request without one is malformed, not stale. */
export const siteEditSchema = siteForm(versionField);
export type SiteFormInput = z.output<typeof siteFormSchema>;

export const archiveSiteSchema = z.object({
  version: versionField,
  confirm: yesNo("Confirm").refine((b) => b, "Confirm that you want to archive this site"),
});
export type ArchiveSiteInput = z.output<typeof archiveSiteSchema>;

// ---- The site list's query string ----------------------------------------------------------

export const SITE_SORTS = ["name", "code", "organisation", "sensitivity", "status", "devices", "updated"] as const;
export type SiteSort = (typeof SITE_SORTS)[number];
export const SITE_STATUSES = ["RED", "AMBER", "GREEN", "NO_DATA"] as const;

const pick = <T extends string>(values: readonly T[], v: unknown): T | null =>
  typeof v === "string" && (values as readonly string[]).includes(v) ? (v as T) : null;
const one = (v: unknown) => (Array.isArray(v) ? v[0] : v);

/** Lenient: a bad query string shows the default view rather than an error. */
export const siteListQuerySchema = z
  // Next.js hands pages its search parameters as an object that is not a plain one (in development, a proxy).
  .preprocess((v) => (v !== null && typeof v === "object" ? { ...v } : {}), z.record(z.string(), z.union([z.string(), z.array(z.string()), z.undefined()])))
  .transform((q) => {
    const page = Number(one(q.page));
    const org = Number(one(q.organisation));
    return {
      q: stripUnsafeText(String(one(q.q) ?? "")).slice(0, 100),
      sensitivity: pick(SENSITIVITIES, one(q.sensitivity)),
      status: pick(SITE_STATUSES, one(q.status)),
      lifecycle: pick(["active", "archived"] as const, one(q.lifecycle)) ?? "active",
      organisation: Number.isInteger(org) && org > 0 ? org : null,
      sort: pick(SITE_SORTS, one(q.sort)) ?? "name",
      dir: pick(["asc", "desc"] as const, one(q.dir)) ?? "asc",
      page: Number.isInteger(page) && page > 0 ? Math.min(page, 100_000) : 1,
    };
  });
export type SiteListQuery = z.output<typeof siteListQuerySchema>;
