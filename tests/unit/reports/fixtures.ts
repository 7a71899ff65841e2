import type { OrgStatus } from "@/lib/compliance";
import { totalsOf, type ComplianceFigures, type OrganisationFigures } from "@/lib/data/figures";

// totalsOf is pure; the figures module's database imports are never touched by these tests.

export function org(overrides: Partial<OrganisationFigures> & { id: number; name: string; acronym: string; status: OrgStatus }): OrganisationFigures {
  return {
    type: "MINISTERIAL_DEPARTMENT", parentId: null, parentAcronym: null, sites: 10, sensitiveSites: 2, devices: 100,
    breach: 0, actionDue: 0, unverified: 0, advisory: 0, compliant: 100, removed: 0, byRule: {}, inService: 100,
    inServiceComplete: 90, completeness: 0.9, coveredInService: 0, coveredRemaining: 0, coveredRemoved: 0,
    coveredSensitive: 0, coveredCore: 0, probableUnrecorded: 0, lastChangeAt: null,
    ...overrides,
  };
}

export function sampleOrganisations(): OrganisationFigures[] {
  return [
    org({
      id: 1, name: "Home Office", acronym: "HO", status: "RED", breach: 12, actionDue: 3, unverified: 4, compliant: 81,
      byRule: { "R2-CORE-NETWORK": { BREACH: 7 }, "R3-REMOVAL": { BREACH: 6, ACTION_DUE: 1 }, "D1-PRODUCER-UNKNOWN": { UNVERIFIED: 4 } },
      coveredRemaining: 20, coveredRemoved: 30, coveredCore: 7, probableUnrecorded: 3,
    }),
    org({ id: 2, name: "=HYPERLINK(\"http://evil\")", acronym: "EVIL", status: "GREEN", type: "NON_MINISTERIAL_DEPARTMENT" }),
    org({
      id: 3, name: "HM Prison and Probation Service", acronym: "HMPPS", status: "AMBER", type: "AGENCY", parentId: 4,
      parentAcronym: "MoJ", actionDue: 5, unverified: 2, compliant: 93, byRule: { "R5-VENDOR-CLOUD": { ACTION_DUE: 5 } },
      coveredRemaining: 5, coveredRemoved: 1,
    }),
    org({ id: 4, name: "Ministry of Justice", acronym: "MoJ", status: "NO_DATA", sites: 0, sensitiveSites: 0, devices: 0, compliant: 0, inService: 0, inServiceComplete: 0, completeness: 1 }),
  ];
}

export function sampleFigures(overrides: Partial<ComplianceFigures> = {}): ComplianceFigures {
  const organisations = overrides.organisations ?? sampleOrganisations();
  const totals = totalsOf(organisations);
  const previousOrgs = organisations.map((o) => ({ ...o, coveredRemaining: o.coveredRemaining + 4, coveredRemoved: Math.max(0, o.coveredRemoved - 4) }));
  return {
    asOf: "2026-11-28",
    computedAt: "2026-11-28T06:00:00.000Z",
    source: "current",
    scope: { kind: "all" },
    policy: { cutOff: "2022-11-24", removalDeadline: "2025-04-30", reclassificationGraceDays: 365 },
    organisations,
    totals,
    previous: { date: "2026-11-27", totals: totalsOf(previousOrgs) },
    baseline: { date: "2022-11-30", totals: totalsOf(previousOrgs) },
    burnDown: [
      { date: "2022-11-30", coveredRemaining: 60, coveredRemoved: 0, breach: 10, red: 1, amber: 1, green: 1 },
      { date: "2024-06-30", coveredRemaining: 40, coveredRemoved: 20, breach: 14, red: 1, amber: 1, green: 1 },
      { date: "2026-11-27", coveredRemaining: 33, coveredRemoved: 27, breach: 12, red: 1, amber: 1, green: 1 },
      { date: "2026-11-28", coveredRemaining: 25, coveredRemoved: 31, breach: 12, red: 1, amber: 1, green: 1 },
    ],
    trendByOrganisation: [],
    ...overrides,
  };
}
