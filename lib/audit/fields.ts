// What each value an audit event records is called on screen, and how its value reads. Labels
// are the ones the forms and record pages use (a question such as "Which network is the device
// connected to?" is shortened to the record page's "Network"), so the history speaks the same
// words as the page above it.
import { ROLE_LABELS, isRole } from "@/lib/auth/permissions";
import { CONFIDENCE_LABELS, CONFIDENCES } from "@/lib/validation/register";
import { DEVICE_KIND_LABELS, DEVICE_KINDS, LIFECYCLE_LABELS, LIFECYCLES, NETWORK_LABELS, NETWORKS } from "@/lib/validation/device";
import { CLASSIFICATION_LABELS, CLASSIFICATIONS, SENSITIVITIES, SENSITIVITY_CRITERIA, SENSITIVITY_LABELS } from "@/lib/validation/site";
import { nameKey, type NamedKind, type RecordNames } from "@/lib/audit/types";
import { longDate, longDateTime } from "@/lib/audit/words";

type Format = (value: unknown, names: RecordNames) => string;

export interface FieldSpec {
  label: string;
  format: Format;
}

const NOT_RECORDED = "Not recorded";

const text =
  (blank = NOT_RECORDED): Format =>
  (v) =>
    v === null || v === undefined || v === "" ? blank : String(v);

const yesNo =
  (unknown = "Not known"): Format =>
  (v) =>
    v === true ? "Yes" : v === false ? "No" : unknown;

const date =
  (blank = NOT_RECORDED): Format =>
  (v) =>
    typeof v === "string" && v !== "" ? longDate(v) : blank;

function choice<K extends string>(keys: readonly K[], labels: Record<K, string>, blank = NOT_RECORDED): Format {
  return (v) => (typeof v === "string" && (keys as readonly string[]).includes(v) ? labels[v as K] : v === null || v === undefined ? blank : String(v));
}

/** A record another one points at, by its current name; "Not recorded" when the link is empty. */
function named(kind: NamedKind, blank = NOT_RECORDED, missing = "a record that no longer exists"): Format {
  return (v, names) => {
    if (v === null || v === undefined || v === "") return blank;
    return names[nameKey(kind, String(v))] ?? missing;
  };
}

const mac: Format = (v) => (typeof v === "string" && /^[0-9A-F]{12}$/.test(v) ? (v.match(/.{2}/g) ?? []).join(":") : text()(v, {}));

const list: Format = (v) => (Array.isArray(v) && v.length ? v.map(String).join(", ") : "None");

export const DEVICE_FIELDS: Record<string, FieldSpec> = {
  siteId: { label: "Site", format: named("site", NOT_RECORDED, "a site that no longer exists") },
  organisationId: { label: "Organisation", format: named("organisation") },
  systemId: { label: "Camera system", format: named("camera-system", "Not part of a system", "a camera system that has since been removed") },
  kind: { label: "Type of device", format: choice(DEVICE_KINDS, DEVICE_KIND_LABELS) },
  brand: { label: "Brand", format: text() },
  model: { label: "Model", format: text() },
  serial: { label: "Serial number", format: text() },
  assetTag: { label: "Asset tag", format: text() },
  mac: { label: "MAC address", format: mac },
  ip: { label: "IP address", format: text() },
  installedOn: { label: "Install date", format: date("Not known") },
  network: { label: "Network", format: choice(NETWORKS, NETWORK_LABELS) },
  vendorCloud: { label: "Manufacturer’s cloud or peer-to-peer service", format: (v) => (v === true ? "Enabled" : v === false ? "Not enabled" : "Not known") },
  lifecycle: { label: "State", format: choice(LIFECYCLES, LIFECYCLE_LABELS) },
  decommissionedOn: { label: "Date the device was switched off", format: date() },
  removedOn: { label: "Date the device was removed from the site", format: date() },
  removalEvidence: { label: "Evidence of removal", format: text() },
  notes: { label: "Notes", format: text("None") },
};

const sensitiveSince: Format = (v) => (typeof v === "string" && v !== "" ? longDate(v) : "For as long as we know, or not sensitive");

export const SITE_FIELDS: Record<string, FieldSpec> = {
  organisationId: { label: "Organisation", format: named("organisation") },
  name: { label: "Site name", format: text() },
  siteCode: { label: "Site code", format: text() },
  addressLine1: { label: "Address line 1", format: text() },
  addressLine2: { label: "Address line 2", format: text() },
  town: { label: "Town or city", format: text() },
  postcode: { label: "Postcode", format: text() },
  uprn: { label: "UPRN", format: text() },
  epimsId: { label: "ePIMS ID", format: text() },
  sensitivity: { label: "Sensitivity", format: choice(SENSITIVITIES, SENSITIVITY_LABELS) },
  ...Object.fromEntries(SENSITIVITY_CRITERIA.map((c) => [c.field, { label: c.label, format: yesNo("No") }])),
  highestClassification: { label: "Highest classification of material held on the site", format: choice(CLASSIFICATIONS, CLASSIFICATION_LABELS) },
  controlsExtended: { label: "Sensitive-site controls extended to this site", format: yesNo("No") },
  sensitiveSince: { label: "Sensitive since", format: sensitiveSince },
  assessedBy: { label: "Assessed by", format: text() },
  assessedOn: { label: "Date of the assessment", format: date() },
  archivedAt: { label: "Archived", format: (v) => (typeof v === "string" ? longDateTime(v) : "No") },
};

export const CAMERA_SYSTEM_FIELDS: Record<string, FieldSpec> = {
  siteId: { label: "Site", format: named("site") },
  name: { label: "Name", format: text() },
  description: { label: "Description", format: text("None") },
};

const role: Format = (v) => (isRole(v) ? ROLE_LABELS[v] : text()(v, {}));

export const USER_FIELDS: Record<string, FieldSpec> = {
  name: { label: "Full name", format: text() },
  email: { label: "Email address", format: text() },
  role: { label: "Role", format: role },
  organisationId: { label: "Organisation", format: named("organisation", "No organisation") },
  active: { label: "Account", format: (v) => (v === false ? "Deactivated" : "Active") },
};

const count = (unit: string): Format => (v) => (typeof v === "number" ? `${v.toLocaleString("en-GB")} ${unit}${v === 1 ? "" : "s"}` : text()(v, {}));

export const POLICY_FIELDS: Record<string, FieldSpec> = {
  cutOff: { label: "Cut-off date", format: date() },
  removalDeadline: { label: "Removal deadline", format: date() },
  reclassificationGraceDays: { label: "Reclassification grace period", format: count("day") },
  maxExemptionMonths: { label: "Longest exemption", format: count("month") },
  notSeenDays: { label: "Not seen on the network for", format: count("day") },
};

const confidence = (blank: string): Format => choice(CONFIDENCES, CONFIDENCE_LABELS, blank);

export const PRODUCER_FIELDS: Record<string, FieldSpec> = {
  name: { label: "Producer name", format: text() },
  legalName: { label: "Legal name", format: text() },
  covered: { label: "Subject to the National Intelligence Law", format: (v) => (v === true ? "Yes, covered" : v === false ? "No, not covered" : "Not known") },
  confidence: { label: "Confidence", format: confidence(NOT_RECORDED) },
  source: { label: "Source", format: text() },
  sourceUrl: { label: "Web address of the source", format: text() },
  notes: { label: "Notes", format: text("None") },
};

export const BRAND_FIELDS: Record<string, FieldSpec> = {
  producerId: { label: "Producer", format: named("producer") },
  name: { label: "Brand name", format: text() },
  aliases: { label: "Other names", format: list },
  confidence: { label: "Confidence", format: confidence(NOT_RECORDED) },
  validUntil: { label: "Valid until", format: date("No end date") },
  source: { label: "Source", format: text() },
  sourceUrl: { label: "Web address of the source", format: text() },
  notes: { label: "Notes", format: text("None") },
};

export const MODEL_PREFIX_FIELDS: Record<string, FieldSpec> = {
  producerId: { label: "Producer", format: named("producer") },
  prefix: { label: "Model prefix", format: text() },
  brand: { label: "Brand", format: text("None: the producer’s own name") },
  confidence: { label: "Confidence", format: confidence("As sure as the producer and brand") },
};

/** A value no table names (written by a later version, say): its key, spaced out, and its text. */
export function fallbackField(key: string): FieldSpec {
  const label = key.replace(/([a-z])([A-Z])/g, "$1 $2").replace(/[_-]+/g, " ").toLowerCase();
  return {
    label: label.charAt(0).toUpperCase() + label.slice(1),
    format: (v) => (v === null || v === undefined ? NOT_RECORDED : typeof v === "object" ? JSON.stringify(v) : String(v)),
  };
}
