import type { Assessment, DeviceFacts, DeviceStatus, OrgStatus } from "./types";
import { DEVICE_STATUSES } from "./types";

/**
 * Roll-ups work from counts: the database aggregates stored per-device results with GROUP BY and
 * hands the counts here, so the rule of roll-up lives only in the engine.
 */
export type StatusCounts = Record<DeviceStatus, number>;

export function emptyCounts(): StatusCounts {
  return { BREACH: 0, ACTION_DUE: 0, UNVERIFIED: 0, ADVISORY: 0, COMPLIANT: 0, REMOVED: 0 };
}

export function addCounts(a: StatusCounts, b: StatusCounts): StatusCounts {
  const out = emptyCounts();
  for (const s of DEVICE_STATUSES) out[s] = a[s] + b[s];
  return out;
}

/** Builds counts from GROUP BY rows, ignoring statuses the engine does not know. */
export function countsFromRows(rows: Iterable<{ status: string; count: number }>): StatusCounts {
  const out = emptyCounts();
  for (const row of rows) {
    if ((DEVICE_STATUSES as readonly string[]).includes(row.status)) out[row.status as DeviceStatus] += row.count;
  }
  return out;
}

/**
 * Status of a department (or, with `sites: 1`, of one site). A department with no buildings has
 * told us nothing, so it is NO_DATA. A site with no devices is GREEN: there is nothing on it that
 * the directive could apply to, and its completeness is 1 for the same reason.
 */
export function rollUpStatus(input: { sites: number; counts: StatusCounts }): OrgStatus {
  if (input.sites === 0) return "NO_DATA";
  const c = input.counts;
  if (c.BREACH > 0) return "RED";
  if (c.ACTION_DUE > 0 || c.UNVERIFIED > 0) return "AMBER";
  return "GREEN";
}

/**
 * Share of in-service devices whose facts are complete, 0..1. With nothing in service there is
 * nothing missing, so it is 1. Inconsistent counts are a bug upstream, so they throw rather than
 * being clamped into a plausible figure.
 */
export function completeness(input: { inService: number; inServiceComplete: number }): number {
  const { inService, inServiceComplete } = input;
  if (!(inService >= 0) || !(inServiceComplete >= 0) || inServiceComplete > inService) {
    throw new RangeError(`Inconsistent completeness counts: ${inServiceComplete} complete of ${inService}.`);
  }
  return inService === 0 ? 1 : inServiceComplete / inService;
}

/** The four facts without which a device cannot be fully assessed (DOMAIN.md §3, data completeness). */
export function isFactComplete(facts: DeviceFacts): boolean {
  return (
    facts.producer !== "UNKNOWN" &&
    facts.installedOn != null &&
    facts.network !== "UNKNOWN" &&
    facts.site.sensitivity !== "UNASSESSED"
  );
}

export interface Summary {
  total: number;
  byStatus: StatusCounts;
  /** Number of findings (equally, of devices, since a rule fires at most once per device) by rule id. */
  byRule: Record<string, number>;
}

/** In-memory equivalent of the database aggregation, for tests, scripts and small lists. */
export function summarise(assessments: readonly Assessment[]): Summary {
  const byStatus = emptyCounts();
  const byRule: Record<string, number> = {};
  for (const a of assessments) {
    byStatus[a.status] += 1;
    for (const f of a.findings) byRule[f.ruleId] = (byRule[f.ruleId] ?? 0) + 1;
  }
  return { total: assessments.length, byStatus, byRule };
}
