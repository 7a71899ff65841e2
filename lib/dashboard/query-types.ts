import type { OrgStatus } from "@/lib/compliance";
import type { OrganisationFigures, Totals } from "@/lib/figures/types";
import type { OrgType } from "@/lib/validation/dashboard-options";

// The dashboard's view state and the shapes of what it shows, shared by the data layer that works
// them out (lib/data/dashboard.ts) and the components that draw them, which must not import the
// data layer. Types and pure helpers only.

export const SORT_KEYS = [
  "name",
  "status",
  "sites",
  "sensitiveSites",
  "breach",
  "actionDue",
  "unverified",
  "coveredRemaining",
  "completeness",
  "lastChange",
] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export type SortDir = "asc" | "desc";

export interface DashboardQuery {
  asOf: string | null;
  status: OrgStatus | null;
  type: OrgType | null;
  parent: number | null;
  sort: SortKey;
  dir: SortDir;
  /** Page of the organisations table, from 1. */
  page: number;
}

/** Rows on a page of the organisations table: a screenful that still renders quickly. */
export const ORGANISATIONS_PER_PAGE = 20;

/**
 * The query string of a view, leaving out defaults so shared links stay short. A new filter or
 * sort starts again at the first page, so overriding anything but the page drops it. Pure.
 */
export function dashboardSearch(query: DashboardQuery, overrides: Partial<DashboardQuery> = {}): string {
  const q = { ...query, page: 1, ...overrides };
  const params = new URLSearchParams();
  if (q.asOf) params.set("asOf", q.asOf);
  if (q.status) params.set("status", q.status);
  if (q.type) params.set("type", q.type);
  if (q.parent !== null) params.set("parent", String(q.parent));
  if (q.sort !== "name") params.set("sort", q.sort);
  if (q.dir !== (q.sort === "name" ? "asc" : "desc")) params.set("dir", q.dir);
  if (q.page > 1) params.set("page", String(q.page));
  const s = params.toString();
  return s ? `?${s}` : "";
}

export interface OrganisationRow extends OrganisationFigures {
  /** 1 for an agency shown beneath its department in the grouped view. */
  depth: 0 | 1;
  parentName: string | null;
  /** A department repeated at the top of a page because its agencies carry on from the last one. */
  continued?: boolean;
}

export interface OrganisationsPage {
  rows: OrganisationRow[];
  page: number;
  pageCount: number;
  /** Position (from 1) of the first and last organisation on the page among all that match. */
  from: number;
  to: number;
  total: number;
}

export interface DepartmentOption {
  id: number;
  name: string;
  acronym: string;
}

export interface ChangeFigure {
  date: string;
  coveredRemaining: number;
  coveredRemoved: number;
  /** Fewer remaining is progress: positive means this many fewer than then. */
  removedSince: number;
}

export interface DashboardHeadline {
  totals: Totals;
  breachesByRule: { ruleId: string; title: string; count: number }[];
  sinceLast: ChangeFigure | null;
  sinceDirective: ChangeFigure | null;
  /** Share of covered equipment on controlled sites already removed, 0..1. */
  removedShare: number;
}

export interface TrendSeries {
  acronym: string;
  points: { date: string; coveredRemaining: number }[];
}

export interface DashboardCharts {
  status: { status: OrgStatus; count: number }[];
  /** The date of the burn-down's last point when it is the live figures rather than a snapshot. */
  liveDate: string | null;
  burnDown: { date: string; coveredRemaining: number; coveredRemoved: number }[];
  deadline: string;
  /** The departments with the most covered equipment still to remove, then by history. */
  trend: TrendSeries[];
  /** The charted departments' remaining equipment at a few dates: the chart's table alternative. */
  trendTable: { dates: string[]; rows: { acronym: string; values: (number | null)[] }[] };
}
