// One row of a bulk import file: one device with its site. The cells are checked with the same
// field schemas as the site and device forms, so a value the form refuses the import refuses too,
// with the same words. What needs the register (is the site new? is the organisation in scope?)
// is answered by the caller through `ImportRowContext`.
import { z } from "zod";
import { deviceFields } from "@/lib/validation/device";
import { optionalIsoDate, optionalText } from "@/lib/validation/fields";
import { siteFields } from "@/lib/validation/site";
import { textProblem } from "@/lib/validation/text";

export interface ImportColumn {
  name: string;
  /** "always": every row; "new-site": rows whose site is not yet in the register; "no": optional. */
  required: "always" | "new-site" | "no";
  description: string;
  example: string;
}

/** The columns, in template order. Documented in docs/IMPORT.md and on the import page. */
export const IMPORT_COLUMNS = [
  { name: "organisation", required: "no", example: "HO", description: "Acronym of the organisation that owns the site, such as HO or HMPPS. Needed when you can import for more than one organisation." },
  { name: "site_code", required: "no", example: "HO-0001", description: "Your code for the site, unique within the organisation. Needed for a new site; an existing site is found by this code, or else by its ePIMS ID." },
  { name: "epims_id", required: "no", example: "123456", description: "The site's ePIMS property ID, if it has one." },
  { name: "site_name", required: "new-site", example: "2 Marsham Street", description: "Name of the site." },
  { name: "address_line1", required: "new-site", example: "2 Marsham Street", description: "First line of the address." },
  { name: "town", required: "new-site", example: "London", description: "Town or city." },
  { name: "postcode", required: "new-site", example: "SW1P 4DF", description: "UK postcode." },
  { name: "sensitivity", required: "new-site", example: "Sensitive", description: "Sensitive, Not sensitive or Not yet assessed (UNASSESSED)." },
  { name: "holds_secret_material", required: "no", example: "yes", description: "yes or no: routinely holds SECRET material or above. A sensitive site needs at least one of the four criteria." },
  { name: "hosts_dv_staff", required: "no", example: "no", description: "yes or no: hosts a significant proportion of officials with DV clearance." },
  { name: "used_by_ministers", required: "no", example: "no", description: "yes or no: routinely used by Ministers." },
  { name: "socpa_designated", required: "no", example: "no", description: "yes or no: designated under section 128 of SOCPA 2005." },
  { name: "controls_extended", required: "no", example: "no", description: "yes or no: the sensitive-site controls are applied to this site although it is not sensitive (point 4)." },
  { name: "sensitive_since", required: "no", example: "", description: "Date (YYYY-MM-DD) the site became sensitive; leave empty if it always has been." },
  { name: "system", required: "no", example: "Main CCTV", description: "Name of the camera system on the site the device belongs to; created when new." },
  { name: "kind", required: "always", example: "Camera", description: "Camera, Recorder, Encoder or Other." },
  { name: "brand", required: "always", example: "Axis", description: "The brand on the device's label; the producer register resolves it to the producer." },
  { name: "model", required: "no", example: "P3245-V", description: "Model number from the label." },
  { name: "serial", required: "no", example: "ACCC8E123456", description: "Serial number, unique within the organisation." },
  { name: "asset_tag", required: "no", example: "HO-CAM-000001", description: "Your asset tag, unique within the organisation. Each row needs an asset tag, a serial number or a MAC address." },
  { name: "mac", required: "no", example: "AC:CC:8E:12:34:56", description: "MAC address, in any common format." },
  { name: "ip", required: "no", example: "10.0.0.12", description: "IP address (IPv4 or IPv6)." },
  { name: "installed_on", required: "no", example: "2019-06-01", description: "Install date, YYYY-MM-DD (DD/MM/YYYY is accepted). Moving a device to a site counts as installing it there." },
  { name: "network", required: "no", example: "Segregated", description: "Core, Segregated, Standalone or Unknown (the default when empty)." },
  { name: "vendor_cloud", required: "no", example: "no", description: "yes, no or unknown (empty): whether the vendor's cloud or P2P service is enabled." },
  { name: "lifecycle", required: "no", example: "In service", description: "In service (the default when empty), Decommissioned or Removed." },
  { name: "decommissioned_on", required: "no", example: "", description: "Date the device was switched off; needed when the lifecycle is Decommissioned." },
  { name: "removed_on", required: "no", example: "", description: "Date the device was taken off site; needed when the lifecycle is Removed." },
  { name: "removal_evidence", required: "no", example: "", description: "Evidence of removal (such as a disposal certificate reference); needed when the lifecycle is Removed." },
  { name: "notes", required: "no", example: "", description: "Anything else worth knowing." },
] as const satisfies readonly ImportColumn[];

export type ImportColumnName = (typeof IMPORT_COLUMNS)[number]["name"];
export const IMPORT_COLUMN_NAMES: readonly ImportColumnName[] = IMPORT_COLUMNS.map((c) => c.name);

/** The site details a row carries for a site that is new to the register. */
export interface ImportSite {
  name: string;
  addressLine1: string;
  town: string;
  postcode: string;
  sensitivity: "SENSITIVE" | "NOT_SENSITIVE" | "UNASSESSED";
  holdsSecretMaterial: boolean;
  hostsDvStaff: boolean;
  usedByMinisters: boolean;
  socpaDesignated: boolean;
  controlsExtended: boolean;
  sensitiveSince: string | null;
}

/** A validated row, as stored for confirmation and staged for the apply. */
export interface ImportRow {
  row: number;
  organisationId: number;
  siteCode: string | null;
  epimsId: string | null;
  /** null when the row names a site already in the register (its details are not changed). */
  site: ImportSite | null;
  system: string | null;
  kind: "CAMERA" | "RECORDER" | "ENCODER" | "OTHER";
  brand: string;
  model: string | null;
  serial: string | null;
  assetTag: string | null;
  mac: string | null;
  ip: string | null;
  installedOn: string | null;
  network: "CORE" | "SEGREGATED" | "STANDALONE" | "UNKNOWN";
  vendorCloud: boolean | null;
  lifecycle: "IN_SERVICE" | "DECOMMISSIONED" | "REMOVED";
  decommissionedOn: string | null;
  removedOn: string | null;
  removalEvidence: string | null;
  notes: string | null;
}

export interface CellError {
  column: ImportColumnName;
  message: string;
}

const blankAs = (value: string) => (v: unknown) => (v === null || v === undefined || String(v).trim() === "" ? value : v);

/** The device's cells, keyed by column name so an issue's path is the column to name. */
const deviceRowSchema = z.object({
  system: optionalText("System name", 200),
  kind: deviceFields.kind,
  brand: deviceFields.brand,
  model: deviceFields.model,
  serial: deviceFields.serial,
  asset_tag: deviceFields.assetTag,
  mac: deviceFields.mac,
  ip: deviceFields.ip,
  installed_on: optionalIsoDate("Install date"),
  network: z.preprocess(blankAs("UNKNOWN"), deviceFields.network),
  vendor_cloud: deviceFields.vendorCloud,
  lifecycle: z.preprocess(blankAs("IN_SERVICE"), deviceFields.lifecycle),
  decommissioned_on: optionalIsoDate("Decommission date"),
  removed_on: optionalIsoDate("Removal date"),
  removal_evidence: deviceFields.removalEvidence,
  notes: deviceFields.notes,
});

const siteKeySchema = z.object({
  site_code: optionalText("Site code", 50),
  epims_id: siteFields.epimsId,
});

// The dates are the forms' date fields without their "not in the future" check, which the forms
// make by reading the clock per cell; a file is checked against one "today" (ImportRowContext.today).
const NOT_FUTURE: readonly [ImportColumnName, string][] = [
  ["installed_on", "Install date"], ["decommissioned_on", "Decommission date"], ["removed_on", "Removal date"],
  ["sensitive_since", "Sensitive since date"],
];

/** Only checked for a site that is new to the register. */
const newSiteSchema = z.object({
  site_name: siteFields.name,
  address_line1: siteFields.addressLine1,
  town: siteFields.town,
  postcode: siteFields.postcode,
  sensitivity: siteFields.sensitivity,
  holds_secret_material: siteFields.holdsSecretMaterial,
  hosts_dv_staff: siteFields.hostsDvStaff,
  used_by_ministers: siteFields.usedByMinisters,
  socpa_designated: siteFields.socpaDesignated,
  controls_extended: siteFields.controlsExtended,
  sensitive_since: optionalIsoDate("Sensitive since date"),
});

/** The answers that need the register; the caller builds them from what it loaded once. */
export interface ImportRowContext {
  /** Organisation id for the acronym (upper-cased), or null when unknown or out of the actor's scope. */
  organisation(acronym: string): number | null;
  /** Today in London, as YYYY-MM-DD: dates after it are refused. */
  today: string;
  /** When the file may leave the organisation out (the actor imports for one organisation only). */
  defaultOrganisationId: number | null;
  /** The existing site the row names, or "other-organisation" when its ePIMS ID belongs elsewhere. */
  findSite(organisationId: number, siteCode: string | null, epimsId: string | null): number | "other-organisation" | null;
}

export type RowResult = { ok: true; row: ImportRow } | { ok: false; errors: CellError[] };

function sentence(message: string): string {
  // The forms show a date picker's format; a spreadsheet user needs to be told it.
  return message.endsWith("must be a real date") ? `${message} in the form YYYY-MM-DD` : message;
}

function issuesOf(error: z.ZodError, out: CellError[]) {
  const seen = new Set<string>();
  for (const issue of error.issues) {
    const column = String(issue.path[0] ?? "") as ImportColumnName;
    if (seen.has(column)) continue;
    seen.add(column);
    out.push({ column, message: sentence(issue.message) });
  }
}

/** Validates one row. `cells` maps column name → cell text (absent columns are simply missing). */
export function validateImportRow(rowNumber: number, cells: Readonly<Record<string, string>>, ctx: ImportRowContext): RowResult {
  const errors: CellError[] = [];

  let organisationId: number | null = null;
  const acronym = (cells.organisation ?? "").trim();
  const acronymProblem = textProblem(acronym, "Organisation");
  if (acronymProblem) {
    errors.push({ column: "organisation", message: acronymProblem });
  } else if (acronym === "") {
    organisationId = ctx.defaultOrganisationId;
    if (organisationId === null) errors.push({ column: "organisation", message: "Enter the organisation's acronym, such as HO" });
  } else {
    organisationId = ctx.organisation(acronym.toUpperCase());
    if (organisationId === null) {
      errors.push({ column: "organisation", message: `Organisation ${acronym} is not one you can import for: enter the acronym of your organisation or one of its agencies` });
    }
  }

  const device = deviceRowSchema.safeParse(cells);
  if (!device.success) issuesOf(device.error, errors);

  const key = siteKeySchema.safeParse(cells);
  if (!key.success) issuesOf(key.error, errors);

  let site: ImportSite | null = null;
  if (key.success && organisationId !== null) {
    const { site_code: siteCode, epims_id: epimsId } = key.data;
    if (siteCode === null && epimsId === null) {
      errors.push({ column: "site_code", message: "Enter the site code or the ePIMS ID of the site" });
    } else {
      const found = ctx.findSite(organisationId, siteCode, epimsId);
      if (found === "other-organisation") {
        errors.push({ column: "epims_id", message: `ePIMS ID ${epimsId} is already used by another organisation's site` });
      } else if (found === null) {
        if (siteCode === null) {
          errors.push({ column: "site_code", message: "Enter the site code: no site in the register has this ePIMS ID, so a new site will be created" });
        }
        const details = newSiteSchema.safeParse(cells);
        if (!details.success) {
          issuesOf(details.error, errors);
        } else {
          const d = details.data;
          const anyCriterion = d.holds_secret_material || d.hosts_dv_staff || d.used_by_ministers || d.socpa_designated;
          if (d.sensitivity === "SENSITIVE" && !anyCriterion) {
            errors.push({ column: "sensitivity", message: "A sensitive site must meet one of the criteria: answer yes in holds_secret_material, hosts_dv_staff, used_by_ministers or socpa_designated" });
          } else if (d.sensitivity === "NOT_SENSITIVE" && anyCriterion) {
            errors.push({ column: "sensitivity", message: "A site that meets any of the criteria is sensitive: enter Sensitive, or answer no to the criteria" });
          }
          if (d.sensitivity !== "NOT_SENSITIVE" && d.controls_extended) {
            errors.push({ column: "controls_extended", message: "Controls can only be extended to a site that is not sensitive" });
          }
          if (d.sensitivity !== "SENSITIVE" && d.sensitive_since !== null) {
            errors.push({ column: "sensitive_since", message: "Leave the sensitive since date empty unless the site is sensitive" });
          }
          site = {
            name: d.site_name,
            addressLine1: d.address_line1,
            town: d.town,
            postcode: d.postcode,
            sensitivity: d.sensitivity,
            holdsSecretMaterial: d.holds_secret_material,
            hostsDvStaff: d.hosts_dv_staff,
            usedByMinisters: d.used_by_ministers,
            socpaDesignated: d.socpa_designated,
            controlsExtended: d.controls_extended,
            sensitiveSince: d.sensitive_since,
          };
        }
      }
    }
  }

  if (device.success) {
    const d = device.data;
    if (d.asset_tag === null && d.serial === null && d.mac === null) {
      errors.push({ column: "asset_tag", message: "Enter an asset tag, a serial number or a MAC address, so the device can be found again when the file is imported again" });
    }
    if (d.lifecycle === "REMOVED") {
      if (d.removed_on === null) errors.push({ column: "removed_on", message: "Enter the date the device was removed" });
      if (d.removal_evidence === null) errors.push({ column: "removal_evidence", message: "Describe the evidence that the device was removed" });
    } else {
      if (d.removed_on !== null) errors.push({ column: "removed_on", message: "Leave the removal date empty unless the lifecycle is Removed" });
    }
    if (d.lifecycle === "DECOMMISSIONED" && d.decommissioned_on === null) {
      errors.push({ column: "decommissioned_on", message: "Enter the date the device was decommissioned" });
    }
    if (d.lifecycle === "IN_SERVICE" && d.decommissioned_on !== null) {
      errors.push({ column: "decommissioned_on", message: "Leave the decommission date empty while the device is in service" });
    }
  }

  for (const [column, label] of NOT_FUTURE) {
    const value = (cells[column] ?? "").trim();
    const iso = column === "sensitive_since" ? (site?.sensitiveSince ?? null) : device.success ? device.data[column as "installed_on"] : null;
    if (value !== "" && iso !== null && iso > ctx.today) errors.push({ column, message: `${label} must be today or in the past` });
  }

  if (errors.length > 0 || !device.success || !key.success || organisationId === null) {
    return { ok: false, errors: orderByColumn(errors) };
  }
  const d = device.data;
  return {
    ok: true,
    row: {
      row: rowNumber,
      organisationId,
      siteCode: key.data.site_code,
      epimsId: key.data.epims_id,
      site,
      system: d.system,
      kind: d.kind,
      brand: d.brand,
      model: d.model,
      serial: d.serial,
      assetTag: d.asset_tag,
      mac: d.mac,
      ip: d.ip,
      installedOn: d.installed_on,
      network: d.network,
      vendorCloud: d.vendor_cloud,
      lifecycle: d.lifecycle,
      decommissionedOn: d.decommissioned_on,
      removedOn: d.removed_on,
      removalEvidence: d.removal_evidence,
      notes: d.notes,
    },
  };
}

const COLUMN_ORDER = new Map<string, number>(IMPORT_COLUMNS.map((c, i) => [c.name, i]));

function orderByColumn(errors: CellError[]): CellError[] {
  return errors.sort((a, b) => (COLUMN_ORDER.get(a.column) ?? 99) - (COLUMN_ORDER.get(b.column) ?? 99));
}

/** "Row 7, column installed_on: Install date must be a real date in the form YYYY-MM-DD". */
export function describeCellError(row: number, error: CellError): string {
  return `Row ${row}, column ${error.column}: ${error.message}`;
}
