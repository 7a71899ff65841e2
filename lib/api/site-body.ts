// A site's request body as the site form's schema reads it (lib/validation/site.ts): the same
// fields, plus what the form itself would post. The body's JSON types are checked before this
// (SitePatchSchema), so the values here are strings, numbers, booleans and null only.
import type { SiteRecord } from "@/lib/data/sites";
import type { FieldErrors } from "@/lib/validation/field-errors";

type Body = Record<string, unknown>;

/**
 * The form posts "alwaysSensitiveAsked" beside its "always sensitive" box, so that an unticked box
 * can be told apart from a source that never asked. A body asks when it sends alwaysSensitive.
 */
function asked(body: Body) {
  return { alwaysSensitiveAsked: Object.hasOwn(body, "alwaysSensitive") };
}

/** A new site's body as the add-a-site form would post it. */
export function siteCreateInput(body: Body): Body {
  return { ...body, ...asked(body) };
}

/**
 * A change to a site as the change form would post it: the stored values the form is filled with,
 * then the body's over them, at the version named by If-Match. sensitiveSince is not among the
 * form's fields: left out, the data layer keeps or sets it as it does for the form.
 */
export function siteEditInput(stored: SiteRecord, body: Body, version: number): Body {
  return {
    organisationId: stored.organisationId,
    name: stored.name,
    siteCode: stored.siteCode,
    addressLine1: stored.addressLine1,
    addressLine2: stored.addressLine2,
    town: stored.town,
    postcode: stored.postcode,
    uprn: stored.uprn,
    epimsId: stored.epimsId,
    sensitivity: stored.sensitivity,
    holdsSecretMaterial: stored.holdsSecretMaterial,
    hostsDvStaff: stored.hostsDvStaff,
    usedByMinisters: stored.usedByMinisters,
    socpaDesignated: stored.socpaDesignated,
    highestClassification: stored.highestClassification,
    controlsExtended: stored.controlsExtended,
    assessedBy: stored.assessedBy,
    assessedOn: stored.assessedOn,
    ...body,
    ...asked(body),
    version,
  };
}

/**
 * The form's errors under the body's field names. The form reports "select which of the criteria"
 * against the group of four boxes, which a body does not have: it is put on the first criterion.
 */
export function siteBodyErrors(errors: FieldErrors): FieldErrors {
  const { criteria, ...rest } = errors;
  return criteria === undefined ? rest : { holdsSecretMaterial: criteria, ...rest };
}
