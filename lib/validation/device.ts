// The device record as forms, the bulk import and the API submit it: text in, typed values out.
import { z } from "zod";
import { normaliseMac } from "@/lib/compliance";
import { optionalDate, requiredDate, withDateParts } from "@/lib/validation/date-parts";
import {
  enumField,
  idField,
  optionalIdField,
  optionalIsoDate,
  optionalText,
  optionalVersionField,
  requiredText,
  versionField,
  yesNoUnknown,
} from "@/lib/validation/fields";

export const DEVICE_KINDS = ["CAMERA", "RECORDER", "ENCODER", "OTHER"] as const;
export type DeviceKindValue = (typeof DEVICE_KINDS)[number];
export const DEVICE_KIND_LABELS: Record<DeviceKindValue, string> = {
  CAMERA: "Camera",
  RECORDER: "Recorder (NVR or DVR)",
  ENCODER: "Video encoder",
  OTHER: "Other",
};

export const NETWORKS = ["CORE", "SEGREGATED", "STANDALONE", "UNKNOWN"] as const;
export type NetworkValue = (typeof NETWORKS)[number];
export const NETWORK_LABELS: Record<NetworkValue, string> = {
  CORE: "Departmental core network",
  SEGREGATED: "Segregated network",
  STANDALONE: "Standalone (not networked)",
  UNKNOWN: "Not known",
};

export const LIFECYCLES = ["IN_SERVICE", "DECOMMISSIONED", "REMOVED"] as const;
export type LifecycleValue = (typeof LIFECYCLES)[number];
export const LIFECYCLE_LABELS: Record<LifecycleValue, string> = {
  IN_SERVICE: "In service",
  DECOMMISSIONED: "Decommissioned (still on site)",
  REMOVED: "Removed",
};

/** "44:47:CC:12:34:56", "4447.cc12.3456"… → "4447CC123456"; blank → null. */
export const macField = optionalText("MAC address", 20).transform((s, ctx) => {
  if (s === null) return null;
  const mac = normaliseMac(s);
  if (mac === null) {
    ctx.addIssue({ code: "custom", message: "Enter a MAC address in the correct format, like 44:47:CC:12:34:56" });
    return z.NEVER;
  }
  return mac;
});

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const ipv6 = z.ipv6();

export const ipField = optionalText("IP address", 45).superRefine((s, ctx) => {
  if (s !== null && !IPV4.test(s) && !ipv6.safeParse(s).success) {
    ctx.addIssue({ code: "custom", message: "Enter an IP address in the correct format, like 10.0.0.12" });
  }
});

/** Field-level schemas, one per column, for the import to validate a cell at a time. */
export const deviceFields = {
  siteId: idField("Select the site"),
  systemId: optionalIdField("Select a camera system from the list"),
  kind: enumField(DEVICE_KINDS, "Select the type of device"),
  brand: requiredText("Enter the brand on the device's label", "Brand", 100),
  model: optionalText("Model", 100),
  serial: optionalText("Serial number", 100),
  assetTag: optionalText("Asset tag", 100),
  mac: macField,
  ip: ipField,
  installedOn: optionalIsoDate("Install date", { notFuture: true }),
  network: enumField(NETWORKS, "Select the network the device is connected to"),
  vendorCloud: yesNoUnknown("Vendor cloud service"),
  lifecycle: enumField(LIFECYCLES, "Select whether the device is in service, decommissioned or removed"),
  decommissionedOn: optionalIsoDate("Decommission date", { notFuture: true }),
  removedOn: optionalIsoDate("Removal date", { notFuture: true }),
  removalEvidence: optionalText("Evidence of removal", 2000),
  notes: optionalText("Notes", 2000),
} as const;

export const deviceFieldsSchema = z.object(deviceFields);

/**
 * Add and edit forms for a device. The site comes from the URL (add) or the record (edit), and the
 * lifecycle changes through its own forms (decommission, removal), so neither is on this form. The
 * install date is entered as day, month and year (lib/validation/date-parts.ts).
 */
const deviceFormFields = z.object({
  systemId: deviceFields.systemId,
  kind: deviceFields.kind,
  brand: deviceFields.brand,
  model: deviceFields.model,
  serial: deviceFields.serial,
  assetTag: deviceFields.assetTag,
  mac: deviceFields.mac,
  ip: deviceFields.ip,
  installedOn: optionalDate({ label: "Install date", notFuture: true }),
  network: deviceFields.network,
  vendorCloud: deviceFields.vendorCloud,
  notes: deviceFields.notes,
  version: optionalVersionField,
});
export const deviceFormSchema = withDateParts(["installedOn"], deviceFormFields);
export type DeviceFormInput = z.output<typeof deviceFormSchema>;

/** The edit form: its version is required, so a request without one is malformed, not stale. */
export const deviceEditSchema = withDateParts(["installedOn"], deviceFormFields.extend({ version: versionField }));

/** A move is a new deployment at the target site on the move date (DOMAIN.md §3). */
export const moveDeviceSchema = withDateParts(
  ["movedOn"],
  z.object({
    siteId: idField("Select the site the device is moving to"),
    movedOn: requiredDate({ label: "Move date", missing: "Enter the date of the move", notFuture: true }),
    version: versionField,
  }),
);
export type MoveDeviceInput = z.output<typeof moveDeviceSchema>;

export const decommissionDeviceSchema = withDateParts(
  ["decommissionedOn"],
  z.object({
    decommissionedOn: requiredDate({ label: "Decommission date", missing: "Enter the date the device was decommissioned", notFuture: true }),
    version: versionField,
  }),
);
export type DecommissionDeviceInput = z.output<typeof decommissionDeviceSchema>;

/** A removal needs its date: a removed device without one could not be placed in any report. */
export const removeDeviceSchema = withDateParts(
  ["removedOn"],
  z.object({
    removedOn: requiredDate({ label: "Removal date", missing: "Enter the date the device was removed", notFuture: true }),
    removalEvidence: requiredText("Describe the evidence that the device was removed", "Evidence of removal", 2000),
    version: versionField,
  }),
);
export type RemoveDeviceInput = z.output<typeof removeDeviceSchema>;
