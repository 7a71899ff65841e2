// Devices as the API returns and takes them: the register's own fields, named as the forms name
// them, with the engine's findings as the device's page shows them; and the bulk upsert, whose
// entries are the import's columns (lib/validation/import-row.ts IMPORT_COLUMNS).
import { z } from "zod";
import { DEVICE_STATUSES } from "@/lib/compliance";
import { DEVICE_KINDS, LIFECYCLES, NETWORKS } from "@/lib/validation/device";
import { IMPORT_COLUMNS } from "@/lib/validation/import-row";
import { SENSITIVITIES } from "@/lib/validation/site";

/** The most devices one bulk upsert takes. */
export const MAX_BULK_DEVICES = 10_000;
/**
 * The bulk body's cap. 10,000 devices with new sites described on every row, every device column
 * filled and a note on every tenth measure 4.4 MB as JSON (tests/integration/api-bulk.test.ts
 * prints the size of the one it sends); 8 MB leaves room for longer values. It must stay below
 * what Next.js's proxy passes on of a body (proxyClientMaxBodySize in next.config.js): it cuts a
 * longer body short without a word, which would then arrive as JSON that does not parse rather
 * than as a body too large. A body cut short there is still over this cap, so it is refused.
 */
export const BULK_BODY_LIMIT = 8 * 1024 * 1024;

const isoDate = (description: string) => z.string().nullable().meta({ description: `${description} (YYYY-MM-DD)`, example: "2021-06-01" });

export const FindingSchema = z
  .object({
    ruleId: z.string().meta({ description: "The rule's stable id", example: "R1-NEW-DEPLOYMENT" }),
    status: z.enum(DEVICE_STATUSES),
    title: z.string().meta({ description: "The rule's short title", example: "New deployment on a controlled site" }),
    message: z.string().meta({ description: "What is wrong and what to do, in plain English, as the device's page shows it" }),
    directive: z.string().nullable().meta({ description: "The words of the directive (HCWS386) the rule enforces, as the engine cites them; null only for a rule the engine no longer has" }),
  })
  .meta({ id: "Finding" });

export const ExemptionSchema = z
  .object({
    id: z.number().int(),
    justification: z.string(),
    approvedBy: z.string(),
    approvedOn: z.string().meta({ description: "YYYY-MM-DD" }),
    expiresOn: z.string().meta({ description: "The last day it is valid (YYYY-MM-DD)" }),
    revoked: z.boolean(),
  })
  .meta({ id: "Exemption" });

export const DeviceSchema = z
  .object({
    id: z.number().int(),
    organisationId: z.number().int(),
    siteId: z.number().int(),
    siteSensitivity: z.enum(SENSITIVITIES),
    systemId: z.number().int().nullable().meta({ description: "The camera system on the site it belongs to, if any" }),
    kind: z.enum(DEVICE_KINDS),
    brand: z.string(),
    model: z.string().nullable(),
    serial: z.string().nullable(),
    assetTag: z.string().nullable(),
    mac: z.string().nullable().meta({ description: "12 hexadecimal digits, upper case, without separators", example: "4447CC123456" }),
    ip: z.string().nullable(),
    installedOn: isoDate("Install date; null when not known"),
    network: z.enum(NETWORKS),
    vendorCloud: z.boolean().nullable().meta({ description: "Whether the vendor's cloud or P2P service is enabled; null when not known" }),
    lifecycle: z.enum(LIFECYCLES),
    decommissionedOn: isoDate("Decommission date"),
    removedOn: isoDate("Removal date"),
    removalEvidence: z.string().nullable(),
    notes: z.string().nullable(),
    version: z.number().int().meta({ description: "The record's version: its ETag is this number in quotes" }),
    status: z.enum(DEVICE_STATUSES).nullable().meta({ description: "The worst of its findings (COMPLIANT when none); null before it is first evaluated" }),
    evaluatedOn: isoDate("The day the status was worked out"),
    producer: z.object({ name: z.string().nullable(), note: z.string().nullable() }).meta({ description: "Who the producer register says made it" }),
    findings: z.array(FindingSchema),
    exemptions: z.array(ExemptionSchema).meta({ description: "Newest first" }),
    activeExemption: ExemptionSchema.nullable().meta({ description: "The exemption the rules apply today, which may be revoked" }),
  })
  .meta({ id: "Device" });

export type ApiDevice = z.infer<typeof DeviceSchema>;

export const deviceFilterSchema = z.object({
  siteId: z.coerce.number("siteId must be a site id").int("siteId must be a site id").positive("siteId must be a site id").max(2_147_483_647, "siteId must be a site id").optional(),
  organisationId: z.coerce
    .number("organisationId must be an organisation id")
    .int("organisationId must be an organisation id")
    .positive("organisationId must be an organisation id")
    .max(2_147_483_647, "organisationId must be an organisation id")
    .optional(),
  status: z.enum([...DEVICE_STATUSES, "NOT_EVALUATED"], `status must be one of ${[...DEVICE_STATUSES, "NOT_EVALUATED"].join(", ")}`).optional(),
  lifecycle: z.enum(LIFECYCLES, `lifecycle must be one of ${LIFECYCLES.join(", ")}`).optional(),
});
export type DeviceFilter = z.infer<typeof deviceFilterSchema>;

// ---- request bodies: JSON types checked first (lib/api/body-types.ts), then the forms' own schemas ----

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const text = (field: string, description: string, example?: string) =>
  z.string({ error: `${field} must be a string` }).meta({ description, ...(example ? { example } : {}) });
const optionalText = (field: string, description: string, example?: string) =>
  z.string({ error: `${field} must be a string or null` }).nullable().meta({ description, ...(example ? { example } : {}) });
const date = (field: string, description: string) =>
  z.string({ error: `${field} must be a date as YYYY-MM-DD` }).regex(ISO_DATE, `${field} must be a date as YYYY-MM-DD`).meta({ description: `${description} (YYYY-MM-DD)`, format: "date", example: "2024-03-05" });
const oneOf = <const T extends readonly [string, ...string[]]>(field: string, values: T, description: string) =>
  z.enum(values, { error: `${field} must be one of ${values.join(", ")}` }).meta({ description });

/** The add and change forms' fields (lib/validation/device.ts deviceFormSchema), typed as JSON. */
const deviceInputShape = {
  systemId: z.int({ error: "systemId must be a whole number or null" }).nullable().meta({ description: "A camera system on the device's site; null for none" }),
  kind: oneOf("kind", DEVICE_KINDS, "The type of device"),
  brand: text("brand", "The brand on the label; at most 100 characters", "Hikvision"),
  model: optionalText("model", "At most 100 characters", "DS-2CD2143G2-I"),
  serial: optionalText("serial", "Unique within the organisation; at most 100 characters"),
  assetTag: optionalText("assetTag", "Unique within the organisation; at most 100 characters"),
  mac: optionalText("mac", "Any common format: 44:47:CC:12:34:56, 44-47-CC-12-34-56, 4447.cc12.3456", "44:47:CC:12:34:56"),
  ip: optionalText("ip", "IPv4 or IPv6", "10.0.0.12"),
  installedOn: date("installedOn", "Install date, not in the future; null when not known").nullable(),
  network: oneOf("network", NETWORKS, "The network it is connected to"),
  vendorCloud: z.boolean({ error: "vendorCloud must be true, false or null" }).nullable().meta({ description: "Whether the vendor's cloud or P2P service is enabled; null when not known" }),
  notes: optionalText("notes", "At most 2,000 characters"),
};

export const DeviceInputSchema = z
  .strictObject({
    ...Object.fromEntries(Object.entries(deviceInputShape).map(([k, v]) => [k, v.optional()])),
    kind: deviceInputShape.kind,
    brand: deviceInputShape.brand,
    network: deviceInputShape.network.optional(),
  } as { [K in keyof typeof deviceInputShape]: K extends "kind" | "brand" ? (typeof deviceInputShape)[K] : z.ZodOptional<(typeof deviceInputShape)[K]> })
  .meta({ id: "DeviceInput", description: "A new device, with the add-a-device form's fields. Fields left out are empty (network UNKNOWN). Other fields are refused." });

export const DevicePatchSchema = z.strictObject(deviceInputShape).partial().meta({
  id: "DevicePatch",
  description:
    "The fields to change; the others keep their values, and null clears an optional one. The lifecycle and the site change through the move, decommission and removal actions. Other fields are refused.",
});

export const MoveInputSchema = z
  .strictObject({
    siteId: z.int({ error: "siteId must be a whole number" }).meta({ description: "The site it moves to: in the token owner's scope and not archived" }),
    movedOn: date("movedOn", "The move date, not in the future: a move is a new deployment at the target site on this date"),
  })
  .meta({ id: "DeviceMove" });
export const DecommissionInputSchema = z
  .strictObject({ decommissionedOn: date("decommissionedOn", "When it was switched off, not in the future") })
  .meta({ id: "DeviceDecommission" });
export const RemovalInputSchema = z
  .strictObject({
    removedOn: date("removedOn", "When it was taken off site, not in the future"),
    removalEvidence: text("removalEvidence", "Evidence that it was removed, such as a disposal certificate reference; at most 2,000 characters"),
  })
  .meta({ id: "DeviceRemoval" });
export const ExemptionInputSchema = z
  .strictObject({
    justification: text("justification", "Why the exemption is needed; at most 2,000 characters"),
    approvedBy: text("approvedBy", "Who approved it; at most 200 characters"),
    approvedOn: date("approvedOn", "When it was approved, not in the future"),
    expiresOn: date("expiresOn", "The last day it is valid: on or after the approval, within the policy's longest exemption"),
  })
  .meta({ id: "DeviceExemption" });
export const RevokeInputSchema = z
  .strictObject({ reason: text("reason", "Why it is revoked (kept in the audit trail); at most 1,000 characters") })
  .meta({ id: "ExemptionRevocation" });

// ---- the bulk upsert ----

const cell = z.union([z.string(), z.number(), z.boolean(), z.null()]);

export const BulkDeviceSchema = z
  .strictObject(Object.fromEntries(IMPORT_COLUMNS.map((c) => [c.name, cell.optional().meta({ description: c.description, example: c.example })])))
  .meta({
    id: "BulkDevice",
    description:
      "One device with its site, as one row of the import (docs/IMPORT.md): the same columns, checks and matching. Other fields are refused. true and false stand for yes and no.",
  });

export const BulkRequestSchema = z
  .strictObject({ devices: z.array(BulkDeviceSchema).max(MAX_BULK_DEVICES) })
  .meta({ id: "BulkDevicesRequest" });

const StatusChangeSchema = z.object({
  from: z.string().meta({ description: "A status, NEW (a device added) or NOT_EVALUATED" }),
  to: z.string().meta({ description: "A status, or NOT_EVALUATED" }),
  devices: z.number().int(),
});

export const BulkResultSchema = z
  .object({
    dryRun: z.boolean().meta({ description: "true when nothing was saved (dryRun=true)" }),
    importId: z.string().nullable().meta({ description: "The import's id in the audit trail; null for a dry run" }),
    devices: z.number().int(),
    created: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int(),
    sitesCreated: z.number().int(),
    systemsCreated: z.number().int(),
    changes: z.array(StatusChangeSchema).meta({ description: "How the devices' statuses change, grouped, most devices first" }),
    statusesBefore: z.record(z.string(), z.number().int()),
    statusesAfter: z.record(z.string(), z.number().int()),
  })
  .meta({ id: "BulkDevicesResult" });
export type BulkResult = z.infer<typeof BulkResultSchema>;
