import { completeness } from "@/lib/compliance";
import type { BurnDownPoint, OrganisationFigures, Totals } from "@/lib/figures/types";

// The sums every page and file shows for a set of organisations: one function, so that a total on
// the dashboard, an organisation page, the reports page and the downloaded files cannot differ.
// Pure.

/** The figures of a set of organisations added up; completeness is recomputed from the sums. */
export function totalsOf(orgs: readonly OrganisationFigures[]): Totals {
  const t: Totals = {
    organisations: orgs.length, byStatus: { RED: 0, AMBER: 0, GREEN: 0, NO_DATA: 0 }, sites: 0, sensitiveSites: 0,
    devices: 0, breach: 0, actionDue: 0, unverified: 0, advisory: 0, compliant: 0, removed: 0, coveredInService: 0,
    coveredSensitive: 0, coveredCore: 0, coveredRemaining: 0, coveredRemoved: 0, probableUnrecorded: 0, breachesByRule: {},
    findingsByRule: {}, inService: 0, inServiceComplete: 0, completeness: 1,
  };
  for (const o of orgs) {
    t.byStatus[o.status]++;
    t.sites += o.sites; t.sensitiveSites += o.sensitiveSites; t.devices += o.devices; t.breach += o.breach;
    t.actionDue += o.actionDue; t.unverified += o.unverified; t.advisory += o.advisory; t.compliant += o.compliant;
    t.removed += o.removed; t.coveredInService += o.coveredInService; t.coveredSensitive += o.coveredSensitive;
    t.coveredCore += o.coveredCore; t.coveredRemaining += o.coveredRemaining; t.coveredRemoved += o.coveredRemoved;
    t.inService += o.inService; t.inServiceComplete += o.inServiceComplete;
    t.probableUnrecorded = t.probableUnrecorded === null || o.probableUnrecorded === null ? null : t.probableUnrecorded + o.probableUnrecorded;
    for (const [rule, byStatus] of Object.entries(o.byRule)) {
      for (const [status, n] of Object.entries(byStatus)) {
        t.findingsByRule[rule] = (t.findingsByRule[rule] ?? 0) + n;
        if (status === "BREACH") t.breachesByRule[rule] = (t.breachesByRule[rule] ?? 0) + n;
      }
    }
  }
  t.completeness = completeness({ inService: t.inService, inServiceComplete: t.inServiceComplete });
  return t;
}

/**
 * The burn-down's point for a date from the totals of that date. The live figures' own point is
 * made this way, so the chart's last point is the headline, not the snapshot taken earlier that day.
 */
export function burnDownPointOf(date: string, t: Totals): BurnDownPoint {
  return {
    date, coveredRemaining: t.coveredRemaining, coveredRemoved: t.coveredRemoved, breach: t.breach,
    red: t.byStatus.RED, amber: t.byStatus.AMBER, green: t.byStatus.GREEN,
  };
}

/** The department an organisation's figures count towards in the trend: itself, or its parent. */
export function departmentOf(o: Pick<OrganisationFigures, "id" | "acronym" | "parentId" | "parentAcronym">): { id: number; acronym: string } {
  return o.parentId === null ? { id: o.id, acronym: o.acronym } : { id: o.parentId, acronym: o.parentAcronym ?? o.acronym };
}
