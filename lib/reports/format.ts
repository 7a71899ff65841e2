import type { RoundStatuses } from "@/lib/returns/types";
import { formatLongDate, RULES_BY_ID, type OrgStatus, type RuleId } from "@/lib/compliance";
import type { ComplianceFigures, OrganisationFigures } from "@/lib/figures/types";
import { formatCount, percentOf } from "@/lib/presentation/figures-format";
import { STATUS_WORDS } from "@/lib/presentation/status-words";
import { figuresBasis, figuresBasisLabel } from "@/lib/reports/figures-basis";

// Shared by every report builder, so that the PDF, the spreadsheets and the CSV label the same
// figures with the same words.

export const PROTECTIVE_MARKING = "OFFICIAL-SENSITIVE";

export const REPORT_TITLE = "Visual surveillance equipment on the government estate: compliance summary";

export type ReportFormat = "PDF" | "XLSX" | "CSV";

/** Who asked for the report and when: everything a builder needs beyond the figures. */
export interface ReportMeta {
  generatedBy: string;
  /** ISO timestamp. */
  generatedAt: string;
  /** The latest return round and each department's return in it; absent or null when none is open. */
  returns?: RoundStatuses | null;
}

export const ORG_STATUS_WORDS: Record<OrgStatus, string> = {
  RED: "Red (breach)",
  AMBER: "Amber (action due or unverified)",
  GREEN: "Green (compliant)",
  NO_DATA: "No data",
};

export const ORG_STATUS_SHORT: Record<OrgStatus, string> = {
  RED: "Red",
  AMBER: "Amber",
  GREEN: "Green",
  NO_DATA: "No data",
};

const TYPE_WORDS: Record<OrganisationFigures["type"], string> = {
  MINISTERIAL_DEPARTMENT: "Ministerial department",
  NON_MINISTERIAL_DEPARTMENT: "Non-ministerial department",
  AGENCY: "Agency or public body",
};

export function typeWords(type: OrganisationFigures["type"]): string {
  return TYPE_WORDS[type];
}

/** The rules that can put a device in breach, in the engine's order. */
export const BREACH_RULES: readonly RuleId[] = ["R1-NEW-DEPLOYMENT", "R2-CORE-NETWORK", "R3-REMOVAL"];

export function ruleTitle(ruleId: string): string {
  return (RULES_BY_ID as Record<string, { title: string } | undefined>)[ruleId]?.title ?? ruleId;
}

export function breachCount(o: OrganisationFigures, ruleId: string): number {
  return o.byRule[ruleId]?.BREACH ?? 0;
}

// Numbers, percentages, changes and times are written one way across the service.
export { formatChange, formatCompleteness, formatCount, formatDateTime, formatPercent, percentOf } from "@/lib/presentation/figures-format";

/** Whether any of the organisations in the figures is an agency of the one the scope names. */
function hasAgencies(scope: Extract<ComplianceFigures["scope"], { kind: "organisation" }>, organisations: readonly Pick<OrganisationFigures, "parentId">[]): boolean {
  return organisations.some((o) => o.parentId === scope.organisationId);
}

/**
 * "All government"; a department "with its agencies" when it has any in the figures; otherwise
 * the organisation named alone (an agency, or a department without agencies).
 */
export function scopeLabel(scope: ComplianceFigures["scope"], organisations: readonly Pick<OrganisationFigures, "parentId">[] = []): string {
  if (scope.kind === "all") return "All government";
  const name = `${scope.name} (${scope.acronym})`;
  return hasAgencies(scope, organisations) ? `${name} with its agencies` : name;
}

/** "Live figures, 1 December 2026" or "Snapshot of 30 November 2026" (see figures-basis.ts). */
export function asOfWords(figures: Pick<ComplianceFigures, "asOf" | "source">): string {
  return figuresBasisLabel(figures);
}

export function policyWords(figures: Pick<ComplianceFigures, "policy">): string {
  const p = figures.policy;
  return `Cut-off ${formatLongDate(p.cutOff)}; removal deadline ${formatLongDate(p.removalDeadline)}; ` +
    `sites reclassified as sensitive after the cut-off have ${formatCount(p.reclassificationGraceDays)} days`;
}

export { neutraliseCell } from "@/lib/export/neutralise";

/** The organisations table, one row per organisation, as every format shows it. */
export const ORGANISATION_COLUMNS = [
  "Organisation",
  "Acronym",
  "Type",
  "Parent department",
  "Status",
  "Sites",
  "Sensitive sites",
  "Devices",
  "Breach",
  "Action due",
  "Unverified",
  "Advisory",
  "Compliant",
  "Removed",
  "Covered devices remaining on controlled sites",
  "Covered devices removed from controlled sites",
  "Covered devices on core networks",
  "Probable covered equipment on the network, not recorded",
  "In-service devices",
  "In-service devices with complete data",
  "Data completeness (%)",
  "Figures",
] as const;

/**
 * One organisation's cells. The last says whether the figures are live or a snapshot: a file's rows
 * travel without the page they came from. (lib/reports/build-csv.ts should pass its figures too.)
 */
export function organisationRow(o: OrganisationFigures, basis?: Pick<ComplianceFigures, "asOf" | "source">): (string | number)[] {
  return [
    o.name, o.acronym, typeWords(o.type), o.parentAcronym ?? "", STATUS_WORDS[o.status], o.sites, o.sensitiveSites,
    o.devices, o.breach, o.actionDue, o.unverified, o.advisory, o.compliant, o.removed, o.coveredRemaining,
    o.coveredRemoved, o.coveredCore, o.probableUnrecorded ?? "", o.inService, o.inServiceComplete, o.inService === 0 ? "" : percentOf(o.completeness),
    basis ? figuresBasis(basis) : "",
  ];
}

/** Lower-case, hyphenated, for file names. */
export function slugify(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "") || "organisation";
}

/** `estate-camera-report-all-government-2026-11-28.pdf` */
export function reportFilename(scope: ComplianceFigures["scope"], asOf: string, format: ReportFormat): string {
  const scopePart = scope.kind === "all" ? "all-government" : slugify(scope.acronym);
  return `estate-camera-report-${scopePart}-${asOf}.${format.toLowerCase()}`;
}

export const CONTENT_TYPES: Record<ReportFormat, string> = {
  PDF: "application/pdf",
  XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  CSV: "text/csv; charset=utf-8",
};
