// The query strings of a site's page (its devices, filtered by status) and of the "move a device"
// page (a search for the site to move it to).
import { z } from "zod";
import { pageNumber, pickOne, searchParamsRecord, searchText } from "@/lib/validation/search-params";

/** Device statuses in the order a site's page lists them: what needs action first. */
export const DEVICE_STATUSES = ["BREACH", "ACTION_DUE", "UNVERIFIED", "ADVISORY", "COMPLIANT", "REMOVED"] as const;
export type DeviceStatusValue = (typeof DEVICE_STATUSES)[number];

export const siteDevicesQuerySchema = searchParamsRecord.transform((q) => ({
  status: pickOne(DEVICE_STATUSES, q.status),
  page: pageNumber(q.page),
}));
export type SiteDevicesQuery = z.output<typeof siteDevicesQuerySchema>;

export const moveTargetQuerySchema = searchParamsRecord.transform((q) => ({
  q: searchText(q.q),
  page: pageNumber(q.page),
}));
export type MoveTargetQuery = z.output<typeof moveTargetQuerySchema>;
