// One row of a bulk import file: one device with its site. The cells are checked with the same
// field schemas as the site and device forms, so a value the form refuses the import refuses too,
// with the same words. What needs the register (is the site new? is the organisation in scope?)
// is answered by the caller through `ImportRowContext`.
import { z } from "zod";
import { DEVICE_KINDS, DEVICE_KIND_LABELS, LIFECYCLES, LIFECYCLE_LABELS, NETWORKS, NETWORK_LABELS, deviceFields } from "@/lib/validation/device";
import { cleanText, optionalIsoDate, optionalText } from "@/lib/validation/fields";
import { SENSITIVITIES, SENSITIVITY_LABELS, siteFields } from "@/lib/validation/site";
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
  { name: "site_code", required: "no", example: "HO-0001", description: "Your code for the site, unique within the organisation. An existing site is found by this code, or else by its ePIMS ID. A code not yet in the register adds a new site, described by the site columns; with the site columns empty, the code must be one already in the register. Codes starting EXAMPLE- belong to the template's example rows and are refused." },
  { name: "epims_id", required: "no", example: "123456", description: "The site's ePIMS property ID, if it has one." },
  { name: "site_name", required: "new-site", example: "2 Marsham Street", description: "Name of the site." },
  { name: "address_line1", required: "new-site", example: "2 Marsham Street", description: "First line of the address." },
  { name: "town", required: "new-site", example: "London", description: "Town or city." },
  { name: "postcode", required: "new-site", example: "SW1P 4DF", description: "UK postcode." },
  { name: "sensitivity", required: "new-site", example: "Sensitive", description: "Sensitive, Not sensitive or Not yet assessed." },
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

/** Site codes, asset tags and serial numbers the templates' example rows use, and no real row may. */
export const TEMPLATE_EXAMPLE_PREFIX = "EXAMPLE-";
export const TEMPLATE_EXAMPLE_MESSAGE = "This is the template's example row: replace or delete it";
const TEMPLATE_KEYS: readonly ImportColumnName[] = ["site_code", "asset_tag", "serial"];

/** "Core, Segregated, Standalone or Unknown". */
function orList(words: readonly string[]): string {
  return words.length < 2 ? (words[0] ?? "") : `${words.slice(0, -1).join(", ")} or ${words[words.length - 1]}`;
}

function enumKey(s: string): string {
  return s.toUpperCase().replace(/[\s-]+/g, "_");
}

/**
 * A choice in a cell, refused with the words it may hold: a spreadsheet has no radios to show
 * them. Matching is forgiving (case, spaces, hyphens) and also takes the forms' own labels.
 */
function choiceField<const T extends readonly [string, ...string[]]>(
  values: T,
  words: Record<T[number], string>,
  options: { label: string; missing: string; blank?: T[number]; aliases?: readonly Record<string, string>[] },
) {
  const lookup = new Map<string, T[number]>();
  for (const v of values) {
    lookup.set(v, v);
    lookup.set(enumKey(words[v as T[number]]), v);
    for (const alias of options.aliases ?? []) lookup.set(enumKey(alias[v] ?? v), v);
  }
  const allowed = orList(values.map((v) => words[v as T[number]]));
  return cleanText(options.label).transform((s, ctx): T[number] => {
    if (s === "") {
      if (options.blank !== undefined) return options.blank;
      ctx.addIssue({ code: "custom", message: `${options.missing}: ${allowed}` });
      return z.NEVER;
    }
    const value = lookup.get(enumKey(s));
    if (value === undefined) {
      ctx.addIssue({ code: "custom", message: `${options.label} must be ${allowed}` });
      return z.NEVER;
    }
    return value;
  });
}

const kindField = choiceField(DEVICE_KINDS, { CAMERA: "Camera", RECORDER: "Recorder", ENCODER: "Encoder", OTHER: "Other" }, {
  label: "Kind", missing: "Enter the kind of device", aliases: [DEVICE_KIND_LABELS, { RECORDER: "NVR", ENCODER: "Video encoder" }],
});
const networkField = choiceField(NETWORKS, { CORE: "Core", SEGREGATED: "Segregated", STANDALONE: "Standalone", UNKNOWN: "Unknown" }, {
  label: "Network", missing: "Enter the network", blank: "UNKNOWN", aliases: [NETWORK_LABELS, { UNKNOWN: "Not known" }],
});
const lifecycleField = choiceField(LIFECYCLES, { IN_SERVICE: "In service", DECOMMISSIONED: "Decommissioned", REMOVED: "Removed" }, {
  label: "Lifecycle", missing: "Enter the lifecycle", blank: "IN_SERVICE", aliases: [LIFECYCLE_LABELS],
});
const sensitivityField = choiceField(SENSITIVITIES, { SENSITIVE: "Sensitive", NOT_SENSITIVE: "Not sensitive", UNASSESSED: "Not yet assessed" }, {
  label: "Sensitivity", missing: "Enter the site's sensitivity", aliases: [SENSITIVITY_LABELS, { UNASSESSED: "Not assessed" }],
});

/** One schema per column, each checked on its own so that every problem in a row is reported. */
const COLUMN_FIELDS = {
  site_code: optionalText("Site code", 50),
  epims_id: siteFields.epimsId,
  site_name: siteFields.name,
  address_line1: siteFields.addressLine1,
  town: siteFields.town,
  postcode: siteFields.postcode,
  sensitivity: sensitivityField,
  holds_secret_material: siteFields.holdsSecretMaterial,
  hosts_dv_staff: siteFields.hostsDvStaff,
  used_by_ministers: siteFields.usedByMinisters,
  socpa_designated: siteFields.socpaDesignated,
  controls_extended: siteFields.controlsExtended,
  sensitive_since: optionalIsoDate("Sensitive since date"),
  system: optionalText("System name", 200),
  kind: kindField,
  brand: deviceFields.brand,
  model: deviceFields.model,
  serial: deviceFields.serial,
  asset_tag: deviceFields.assetTag,
  mac: deviceFields.mac,
  ip: deviceFields.ip,
  installed_on: optionalIsoDate("Install date"),
  network: networkField,
  vendor_cloud: deviceFields.vendorCloud,
  lifecycle: lifecycleField,
  decommissioned_on: optionalIsoDate("Decommission date"),
  removed_on: optionalIsoDate("Removal date"),
  removal_evidence: deviceFields.removalEvidence,
  notes: deviceFields.notes,
} as const satisfies Partial<Record<ImportColumnName, z.ZodType>>;

type FieldColumn = keyof typeof COLUMN_FIELDS;
type FieldValue<C extends FieldColumn> = z.output<(typeof COLUMN_FIELDS)[C]>;

// The dates are the forms' date fields without their "not in the future" check, which the forms
// make by reading the clock per cell; a file is checked against one "today" (ImportRowContext.today).
const NOT_FUTURE_LABELS: Partial<Record<ImportColumnName, string>> = {
  installed_on: "Install date", decommissioned_on: "Decommission date", removed_on: "Removal date", sensitive_since: "Sensitive since date",
};

/**
 * The columns that describe a new site. A row whose site is not in the register and which leaves
 * all of them empty is taken to name an existing site by a mistyped code, not to create one.
 */
const NEW_SITE_COLUMNS = ["site_name", "address_line1", "town", "postcode", "sensitivity"] as const satisfies readonly ImportColumnName[];

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
  // The forms show a date field's format; a spreadsheet user needs to be told it.
  return message.endsWith("must be a real date") ? `${message} in the form YYYY-MM-DD` : message;
}

/** A cell that could not be read: its problem is already in the row's errors. */
const BAD = Symbol("bad cell");
type Cell<T> = T | typeof BAD;

/** The device's cells and the site's key, on every row. */
const DEVICE_COLUMNS = [
  "site_code", "epims_id", "system", "kind", "brand", "model", "serial", "asset_tag", "mac", "ip", "installed_on", "network",
  "vendor_cloud", "lifecycle", "decommissioned_on", "removed_on", "removal_evidence", "notes",
] as const satisfies readonly FieldColumn[];
/** A new site's cells, read only when the row's site is not in the register. */
const SITE_COLUMNS = [
  "site_name", "address_line1", "town", "postcode", "sensitivity", "holds_secret_material", "hosts_dv_staff", "used_by_ministers",
  "socpa_designated", "controls_extended", "sensitive_since",
] as const satisfies readonly FieldColumn[];

type Values<C extends FieldColumn> = { [K in C]: Cell<FieldValue<K>> };

function objectOf<C extends FieldColumn>(columns: readonly C[]) {
  return z.object(Object.fromEntries(columns.map((c) => [c, COLUMN_FIELDS[c]])) as { [K in C]: (typeof COLUMN_FIELDS)[K] });
}
const deviceObject = objectOf(DEVICE_COLUMNS);
const siteObject = objectOf(SITE_COLUMNS);

/**
 * The cells of `columns`, each read on its own account: a bad cell is BAD with its problem added
 * to `errors`, and the good ones keep their values for the rules between cells. A good row takes
 * one pass over the whole object (zod compiles it, and most rows are good); only a row with a
 * problem is read again cell by cell.
 */
function readColumns<C extends FieldColumn>(
  columns: readonly C[],
  whole: z.ZodType,
  cells: Readonly<Record<string, string>>,
  today: string,
  errors: CellError[],
): Values<C> {
  const parsed = whole.safeParse(cells);
  let values: Values<C>;
  if (parsed.success) {
    values = parsed.data as Values<C>;
  } else {
    values = {} as Values<C>;
    for (const column of columns) {
      const cell = COLUMN_FIELDS[column].safeParse(cells[column]);
      if (cell.success) {
        values[column] = cell.data as Values<C>[C];
      } else {
        errors.push({ column, message: sentence(cell.error.issues[0]?.message ?? "Check this cell") });
        values[column] = BAD;
      }
    }
  }
  for (const column of columns) {
    const label = NOT_FUTURE_LABELS[column];
    const value = values[column];
    if (label && typeof value === "string" && value > today) {
      errors.push({ column, message: `${label} must be today or in the past` });
      values[column] = BAD;
    }
  }
  return values;
}

/** The row's template-example key, if any: the one thing to say about such a row. */
function templateExample(cells: Readonly<Record<string, string>>): CellError | null {
  for (const column of TEMPLATE_KEYS) {
    if ((cells[column] ?? "").trim().toUpperCase().startsWith(TEMPLATE_EXAMPLE_PREFIX)) return { column, message: TEMPLATE_EXAMPLE_MESSAGE };
  }
  return null;
}

/**
 * Validates one row. `cells` maps column name → cell text (absent columns are simply missing).
 * Every cell is checked on its own, and every rule between cells is checked whenever the cells it
 * reads could be read, so a row's problems are all reported in one go.
 */
export function validateImportRow(rowNumber: number, cells: Readonly<Record<string, string>>, ctx: ImportRowContext): RowResult {
  const example = templateExample(cells);
  if (example) return { ok: false, errors: [example] };

  const errors: CellError[] = [];
  const blank = (column: ImportColumnName) => (cells[column] ?? "").trim() === "";
  const organisation = readOrganisation(cells, ctx, errors);

  const {
    system, kind, brand, model, serial, asset_tag: assetTag, mac, ip, installed_on: installedOn, network, vendor_cloud: vendorCloud,
    lifecycle, decommissioned_on: decommissionedOn, removed_on: removedOn, removal_evidence: removalEvidence, notes,
    site_code: siteCode, epims_id: epimsId,
  } = readColumns(DEVICE_COLUMNS, deviceObject, cells, ctx.today, errors);

  if (blank("asset_tag") && blank("serial") && blank("mac")) {
    errors.push({ column: "asset_tag", message: "Enter an asset tag, a serial number or a MAC address, so the device can be found again when the file is imported again" });
  }
  if (lifecycle === "REMOVED") {
    if (removedOn === null) errors.push({ column: "removed_on", message: "Enter the date the device was removed" });
    if (removalEvidence === null) errors.push({ column: "removal_evidence", message: "Describe the evidence that the device was removed" });
  } else if (lifecycle !== BAD && removedOn !== null && removedOn !== BAD) {
    errors.push({ column: "removed_on", message: "Leave the removal date empty unless the lifecycle is Removed" });
  }
  if (lifecycle === "DECOMMISSIONED" && decommissionedOn === null) {
    errors.push({ column: "decommissioned_on", message: "Enter the date the device was decommissioned" });
  }
  if (lifecycle === "IN_SERVICE" && decommissionedOn !== null && decommissionedOn !== BAD) {
    errors.push({ column: "decommissioned_on", message: "Leave the decommission date empty while the device is in service" });
  }

  let site: Cell<ImportSite | null> = BAD;
  if (organisation !== null && siteCode !== BAD && epimsId !== BAD) {
    site = readSite(organisation, siteCode, epimsId);
  }

  if (
    errors.length > 0 || organisation === null || site === BAD || siteCode === BAD || epimsId === BAD || system === BAD || kind === BAD ||
    brand === BAD || model === BAD || serial === BAD || assetTag === BAD || mac === BAD || ip === BAD || installedOn === BAD ||
    network === BAD || vendorCloud === BAD || lifecycle === BAD || decommissionedOn === BAD || removedOn === BAD ||
    removalEvidence === BAD || notes === BAD
  ) {
    return { ok: false, errors: orderByColumn(errors) };
  }
  return {
    ok: true,
    row: {
      row: rowNumber, organisationId: organisation.id, siteCode, epimsId, site, system, kind, brand, model, serial, assetTag, mac, ip,
      installedOn, network, vendorCloud, lifecycle, decommissionedOn, removedOn, removalEvidence, notes,
    },
  };

  /** The existing site the row names (null), the new site it describes, or BAD. */
  function readSite(org: { id: number; name: string }, code: string | null, epims: string | null): Cell<ImportSite | null> {
    if (code === null && epims === null) {
      errors.push({ column: "site_code", message: "Enter the site code or the ePIMS ID of the site" });
      return BAD;
    }
    const found = ctx.findSite(org.id, code, epims);
    if (found === "other-organisation") {
      errors.push({ column: "epims_id", message: `ePIMS ID ${epims} is already used by another organisation's site` });
      return BAD;
    }
    if (found !== null) return null;
    if (NEW_SITE_COLUMNS.every(blank)) {
      // Nothing describes a new site, so the row means a site already in the register.
      errors.push(
        code !== null
          ? { column: "site_code", message: `Site code ${code} was not found in ${org.name}: check the code, or give the site's name, address, town, postcode and sensitivity to add it as a new site` }
          : { column: "epims_id", message: `ePIMS ID ${epims} was not found in ${org.name}: check it, or give a site code and the site's details to add it as a new site` },
      );
      return BAD;
    }
    if (code === null) {
      errors.push({ column: "site_code", message: "Enter the site code: no site in the register has this ePIMS ID, so a new site will be created" });
    }
    const {
      site_name: name, address_line1: addressLine1, town, postcode, sensitivity, holds_secret_material: holdsSecretMaterial,
      hosts_dv_staff: hostsDvStaff, used_by_ministers: usedByMinisters, socpa_designated: socpaDesignated,
      controls_extended: controlsExtended, sensitive_since: sensitiveSince,
    } = readColumns(SITE_COLUMNS, siteObject, cells, ctx.today, errors);
    const criteria = [holdsSecretMaterial, hostsDvStaff, usedByMinisters, socpaDesignated];
    if (sensitivity !== BAD && !criteria.includes(BAD)) {
      const anyCriterion = criteria.includes(true);
      if (sensitivity === "SENSITIVE" && !anyCriterion) {
        errors.push({ column: "sensitivity", message: "A sensitive site must meet one of the criteria: answer yes in holds_secret_material, hosts_dv_staff, used_by_ministers or socpa_designated" });
      } else if (sensitivity === "NOT_SENSITIVE" && anyCriterion) {
        errors.push({ column: "sensitivity", message: "A site that meets any of the criteria is sensitive: enter Sensitive, or answer no to the criteria" });
      }
    }
    if (sensitivity !== BAD && sensitivity !== "NOT_SENSITIVE" && controlsExtended === true) {
      errors.push({ column: "controls_extended", message: "Controls can only be extended to a site that is not sensitive" });
    }
    if (sensitivity !== BAD && sensitivity !== "SENSITIVE" && sensitiveSince !== null && sensitiveSince !== BAD) {
      errors.push({ column: "sensitive_since", message: "Leave the sensitive since date empty unless the site is sensitive" });
    }
    if (
      code === null || name === BAD || addressLine1 === BAD || town === BAD || postcode === BAD || sensitivity === BAD ||
      holdsSecretMaterial === BAD || hostsDvStaff === BAD || usedByMinisters === BAD || socpaDesignated === BAD ||
      controlsExtended === BAD || sensitiveSince === BAD
    ) {
      return BAD;
    }
    return { name, addressLine1, town, postcode, sensitivity, holdsSecretMaterial, hostsDvStaff, usedByMinisters, socpaDesignated, controlsExtended, sensitiveSince };
  }
}

/** The row's organisation, named as messages should name it, or null (with its problem recorded). */
function readOrganisation(cells: Readonly<Record<string, string>>, ctx: ImportRowContext, errors: CellError[]): { id: number; name: string } | null {
  const acronym = (cells.organisation ?? "").trim();
  const problem = textProblem(acronym, "Organisation");
  if (problem) {
    errors.push({ column: "organisation", message: problem });
    return null;
  }
  if (acronym === "") {
    if (ctx.defaultOrganisationId !== null) return { id: ctx.defaultOrganisationId, name: "your organisation" };
    errors.push({ column: "organisation", message: "Enter the organisation's acronym, such as HO" });
    return null;
  }
  const id = ctx.organisation(acronym.toUpperCase());
  if (id === null) {
    errors.push({ column: "organisation", message: `Organisation ${acronym} is not one you can import for: enter the acronym of your organisation or one of its agencies` });
    return null;
  }
  return { id, name: id === ctx.defaultOrganisationId ? "your organisation" : acronym.toUpperCase() };
}

const COLUMN_ORDER = new Map<string, number>(IMPORT_COLUMNS.map((c, i) => [c.name, i]));

function orderByColumn(errors: CellError[]): CellError[] {
  return errors.sort((a, b) => (COLUMN_ORDER.get(a.column) ?? 99) - (COLUMN_ORDER.get(b.column) ?? 99));
}

/** "Row 7, column installed_on: Install date must be a real date in the form YYYY-MM-DD". */
export function describeCellError(row: number, error: CellError): string {
  return `Row ${row}, column ${error.column}: ${error.message}`;
}
