import type { OrgStatus, Policy } from "@/lib/compliance";

// The shape of the compliance figures, shared by the data layer that reads them
// (lib/data/figures.ts), the pages and components that show them and the report builders. Types
// only: a component may import them without touching the data layer.

export interface OrganisationFigures {
  id: number;
  name: string;
  acronym: string;
  type: "MINISTERIAL_DEPARTMENT" | "NON_MINISTERIAL_DEPARTMENT" | "AGENCY";
  parentId: number | null;
  parentAcronym: string | null;
  status: OrgStatus;
  sites: number;
  sensitiveSites: number;
  devices: number;
  breach: number;
  actionDue: number;
  unverified: number;
  advisory: number;
  compliant: number;
  removed: number;
  /** ruleId → finding status → count. */
  byRule: Record<string, Record<string, number>>;
  inService: number;
  inServiceComplete: number;
  /** Share of in-service devices with all four facts known, 0..1. */
  completeness: number;
  coveredInService: number;
  coveredRemaining: number;
  coveredRemoved: number;
  coveredSensitive: number;
  coveredCore: number;
  /**
   * Probable covered equipment that network discovery found and the register lacks (the rules
   * engine's discovery finding), by the latest scan of each site; null in a snapshot, which does
   * not record it.
   */
  probableUnrecorded: number | null;
  lastChangeAt: string | null;
}

export interface Totals {
  organisations: number;
  byStatus: Record<OrgStatus, number>;
  sites: number;
  sensitiveSites: number;
  devices: number;
  breach: number;
  actionDue: number;
  unverified: number;
  advisory: number;
  compliant: number;
  removed: number;
  coveredInService: number;
  coveredSensitive: number;
  coveredCore: number;
  coveredRemaining: number;
  coveredRemoved: number;
  /** See OrganisationFigures; null when any organisation's is unknown. */
  probableUnrecorded: number | null;
  /** Breaches by rule (findings whose own status is BREACH). */
  breachesByRule: Record<string, number>;
  /** All findings by rule, whatever their status. */
  findingsByRule: Record<string, number>;
  inService: number;
  inServiceComplete: number;
  completeness: number;
}

export interface BurnDownPoint {
  date: string;
  coveredRemaining: number;
  coveredRemoved: number;
  breach: number;
  red: number;
  amber: number;
  green: number;
}

export interface ComplianceFigures {
  /** The date the figures are true for. */
  asOf: string;
  /** When the figures were computed (the stored evaluation or the snapshot). */
  computedAt: string;
  source: "current" | "snapshot";
  scope: { kind: "all" } | { kind: "organisation"; organisationId: number; name: string; acronym: string };
  policy: Policy;
  organisations: OrganisationFigures[];
  totals: Totals;
  /** The latest snapshot before asOf, for "since last report" comparisons. */
  previous: { date: string; totals: Totals } | null;
  /** The first snapshot on record (the directive's baseline). */
  baseline: { date: string; totals: Totals } | null;
  burnDown: BurnDownPoint[];
  /** Per organisation (in scope, departments only when scope is all): date → covered remaining. */
  trendByOrganisation: { acronym: string; points: { date: string; coveredRemaining: number; breach: number }[] }[];
}

export interface FiguresRequest {
  /** A snapshot date; omitted for the current stored results. */
  asOf?: string | null;
  /** A department (with its agencies) or agency; omitted for everything the actor may see. */
  organisationId?: number | null;
}
