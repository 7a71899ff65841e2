// The discovery pages' forms: the upload, a dismissal, and the review of hosts to add.
import { z } from "zod";
import { idField, optionalIdField, optionalText, requiredText } from "@/lib/validation/fields";

export const DISCOVERY_KINDS = ["nmap", "vms"] as const;

export const discoveryUploadSchema = z.object({
  kind: z.enum(DISCOVERY_KINDS, { error: "Choose what kind of file this is" }),
  organisation: optionalIdField("Choose the organisation whose network this is"),
  coverage: z.enum(["site", "ranges"], { error: "Choose whether the file covers one site or several" }),
  site: optionalIdField("Choose the site the file covers"),
  ranges: optionalText("Address ranges", 20_000),
});
export type DiscoveryUploadInput = z.output<typeof discoveryUploadSchema>;

export const dismissHostSchema = z.object({
  host: idField("Choose a host to dismiss"),
  reason: requiredText("Enter why this host is not equipment for the register", "Reason", 500).pipe(
    z.string().min(5, "Reason must be at least 5 characters: say what the host is"),
  ),
});
export type DismissHostInput = z.output<typeof dismissHostSchema>;

/** At most this many hosts are reviewed and added at once: the review page lists each one. */
export const MAX_HOSTS_TO_ADD = 200;

/** The fields of a reviewed host that the editor may change; the addresses come from the scan itself. */
export const ADDITION_FIELDS = ["kind", "brand", "model", "serial", "installed_on", "network", "notes"] as const;
export type AdditionField = (typeof ADDITION_FIELDS)[number];

export const hostSelectionSchema = z
  .array(idField("Choose the hosts to add"))
  .min(1, "Choose at least one host to add to the register")
  .max(MAX_HOSTS_TO_ADD, `Choose at most ${MAX_HOSTS_TO_ADD} hosts at a time`);
