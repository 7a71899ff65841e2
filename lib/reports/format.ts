import { formatLongDate, RULES_BY_ID, type OrgStatus, type RuleId } from "@/lib/compliance";
import type { ComplianceFigures, OrganisationFigures } from "@/lib/data/figures";

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

const integer = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 0 });

export function formatCount(n: number): string {
  return integer.format(n);
}

/** Whole per cent, but never "100%" for an incomplete share nor "0%" for a non-zero one. */
export function formatPercent(share: number): string {
  const pct = share * 100;
  if (pct > 99 && pct < 100) return `${(Math.floor(pct * 10) / 10).toFixed(1)}%`;
  if (pct > 0 && pct < 1) return `${(Math.ceil(pct * 10) / 10).toFixed(1)}%`;
  return `${Math.round(pct)}%`;
}

/** "+12", "-3", "no change". */
export function formatChange(n: number): string {
  if (n === 0) return "no change";
  return n > 0 ? `+${formatCount(n)}` : `-${formatCount(-n)}`;
}

/** "All government", or the department "with its agencies" (an agency reported alone is just named). */
export function scopeLabel(scope: ComplianceFigures["scope"], organisations?: readonly OrganisationFigures[]): string {
  if (scope.kind === "all") return "All government";
  const isAgency = organisations?.some((o) => o.id === scope.organisationId && o.parentId !== null) ?? false;
  return isAgency ? `${scope.name} (${scope.acronym})` : `${scope.name} (${scope.acronym}) with its agencies`;
}

/** "28 November 2026 at 14:05" in UK time. */
export function formatDateTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone: "Europe/London", year: "numeric", month: "long", day: "numeric", hour: "2-digit", minute: "2-digit", hour12: false,
  }).formatToParts(d);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? "";
  return `${get("day")} ${get("month")} ${get("year")} at ${get("hour")}:${get("minute")}`;
}

export function asOfWords(figures: Pick<ComplianceFigures, "asOf" | "source">): string {
  const date = figures.asOf ? formatLongDate(figures.asOf) : "today";
  return figures.source === "snapshot" ? `${date} (snapshot)` : `${date} (current figures)`;
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
  "In-service devices",
  "In-service devices with complete data",
  "Data completeness (%)",
] as const;

export function organisationRow(o: OrganisationFigures): (string | number)[] {
  return [
    o.name, o.acronym, typeWords(o.type), o.parentAcronym ?? "", ORG_STATUS_SHORT[o.status], o.sites, o.sensitiveSites,
    o.devices, o.breach, o.actionDue, o.unverified, o.advisory, o.compliant, o.removed, o.coveredRemaining,
    o.coveredRemoved, o.coveredCore, o.inService, o.inServiceComplete, Math.round(o.completeness * 1000) / 10,
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
