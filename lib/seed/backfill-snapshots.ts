import {

  assessDevice,
  isControlled,
  isFactComplete,
  rollUpStatus,
  emptyCounts,
  type DeviceFacts,
  type OrgStatus,
  type Policy,
} from "@/lib/compliance";
import { FactBuilder, type Register } from "@/lib/data/evaluation";
import type { DeviceRow, ExemptionRow, HistoryRow, SeedData } from "@/lib/seed/generate";

export interface SnapshotRow {
  organisationId: number;
  date: string;
  status: OrgStatus;
  sites: number;
  sensitiveSites: number;
  devices: number;
  counts: Record<string, number>;
  /** ruleId → finding status → count. */
  byRule: Record<string, Record<string, number>>;
  inService: number;
  inServiceComplete: number;
  coveredInService: number;
  coveredRemaining: number;
  coveredRemoved: number;
  coveredSensitive: number;
  coveredCore: number;
}

/** Month ends from the directive until before `today`, and each of the 14 days before it. */
export function historyDates(today: string): string[] {
  const dates = new Set<string>();
  const t = Date.parse(`${today}T00:00:00Z`);
  for (let d = Date.UTC(2022, 10, 30); d < t; ) {
    dates.add(new Date(d).toISOString().slice(0, 10));
    const x = new Date(d);
    d = Date.UTC(x.getUTCFullYear(), x.getUTCMonth() + 2, 0);
  }
  for (let i = 14; i >= 1; i--) dates.add(new Date(t - i * 86_400_000).toISOString().slice(0, 10));
  return [...dates].sort();
}

function siteStateOn(history: readonly HistoryRow[], date: string): HistoryRow | null {
  let current: HistoryRow | null = null;
  for (const h of history) if (h.effectiveFrom <= date) current = h;
  return current;
}

/**
 * Reconstructs the daily snapshots the service would have written since the directive, by running
 * the engine over each device's facts as they stood on each date (install, removal and
 * decommission dates, the site's sensitivity history, exemptions approved by then).
 */
export function backfillSnapshots(
  data: SeedData,
  register: Register,
  policy: Policy,
  dates: readonly string[],
): SnapshotRow[] {
  const builder = new FactBuilder(register);
  const historyBySite = new Map<number, HistoryRow[]>();
  for (const h of data.history) historyBySite.set(h.siteId, [...(historyBySite.get(h.siteId) ?? []), h]);
  for (const list of historyBySite.values()) list.sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));
  const siteOrg = new Map(data.sites.map((s) => [s.id, s] as const));
  const exemptionByDevice = new Map<number, ExemptionRow>();

  const rows = new Map<string, SnapshotRow>();
  const key = (org: number, date: string) => `${org}|${date}`;
  for (const date of dates) {
    for (const org of data.organisations) {
      rows.set(key(org.id, date), {
        organisationId: org.id, date, status: "NO_DATA", sites: 0, sensitiveSites: 0, devices: 0,
        counts: { ...emptyCounts() }, byRule: {}, inService: 0, inServiceComplete: 0, coveredInService: 0,
        coveredRemaining: 0, coveredRemoved: 0, coveredSensitive: 0, coveredCore: 0,
      });
    }
    for (const site of data.sites) {
      const row = rows.get(key(site.organisationId, date))!;
      row.sites++;
      if (siteStateOn(historyBySite.get(site.id) ?? [], date)?.sensitivity === "SENSITIVE") row.sensitiveSites++;
    }
  }

  const devices: Iterable<DeviceRow> = data.devices();
  for (const e of data.exemptions) exemptionByDevice.set(e.deviceId, e);
  for (const device of devices) {
    const site = siteOrg.get(device.siteId)!;
    const history = historyBySite.get(device.siteId) ?? [];
    const resolution = builder.resolve(device.brand, device.model);
    const macEvidence = builder.macEvidence(device.mac);
    const exemption = exemptionByDevice.get(device.id) ?? null;
    for (const date of dates) {
      if (device.installedOn !== null && device.installedOn > date) continue;
      const state = siteStateOn(history, date);
      const lifecycle: DeviceFacts["lifecycle"] =
        device.removedOn !== null && device.removedOn <= date
          ? "REMOVED"
          : device.decommissionedOn !== null && device.decommissionedOn <= date
            ? "DECOMMISSIONED"
            : "IN_SERVICE";
      const facts: DeviceFacts = {
        producer: resolution.producer,
        installedOn: device.installedOn,
        network: device.network,
        vendorCloud: device.vendorCloud,
        lifecycle,
        site: {
          sensitivity: state?.sensitivity ?? "UNASSESSED",
          sensitiveSince: state?.sensitivity === "SENSITIVE" ? site.sensitiveSince : null,
          controlsExtended: state?.controlsExtended ?? false,
        },
        exemption: exemption && exemption.approvedOn <= date ? { approvedBy: exemption.approvedBy, expiresOn: exemption.expiresOn } : null,
        macEvidence,
      };
      const assessment = assessDevice(facts, date, policy);
      const row = rows.get(key(site.organisationId, date))!;
      const covered = facts.producer === "COVERED";
      const inService = lifecycle === "IN_SERVICE";
      const controlled = isControlled(facts.site);
      row.devices++;
      row.counts[assessment.status] = (row.counts[assessment.status] ?? 0) + 1;
      for (const f of assessment.findings) {
        const byStatus = (row.byRule[f.ruleId] ??= {});
        byStatus[f.status] = (byStatus[f.status] ?? 0) + 1;
      }
      if (inService) row.inService++;
      if (inService && isFactComplete(facts)) row.inServiceComplete++;
      if (covered && inService) row.coveredInService++;
      if (covered && controlled && assessment.status !== "REMOVED") row.coveredRemaining++;
      if (covered && controlled && assessment.status === "REMOVED") row.coveredRemoved++;
      if (covered && inService && facts.site.sensitivity === "SENSITIVE") row.coveredSensitive++;
      if (covered && inService && facts.network === "CORE") row.coveredCore++;
    }
  }
  for (const row of rows.values()) {
    row.status = rollUpStatus({ sites: row.sites, counts: { ...emptyCounts(), ...row.counts } });
  }
  return [...rows.values()];
}

