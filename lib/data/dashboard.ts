import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { formatLongDate, RULES_BY_ID, type OrgStatus } from "@/lib/compliance";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/data/audit";
import { figuresBasis } from "@/lib/reports/figures-basis";
import { cachedWhileUnchanged, scopeKey } from "@/lib/data/read-cache";
import { ORG_STATUSES, ORG_TYPES } from "@/lib/validation/dashboard-options";
import {
  getComplianceFigures,
  listSnapshotDates,
  type ComplianceFigures,
  type OrganisationFigures,
  type Totals,
} from "@/lib/data/figures";

// The dashboard reads everything from getComplianceFigures (one source for the dashboard, the
// reports and the exports) and only reshapes it here: sorting, filtering, grouping and the
// derived "change since" figures. No compliance table is queried on its own.

export { ORG_STATUSES, ORG_TYPES, ORG_TYPE_LABELS, type OrgType } from "@/lib/validation/dashboard-options";

export {
  dashboardSearch, ORGANISATIONS_PER_PAGE, SORT_KEYS,
  type ChangeFigure, type DashboardCharts, type DashboardHeadline, type DashboardQuery, type DepartmentOption,
  type OrganisationRow, type OrganisationsPage, type SortDir, type SortKey, type TrendSeries,
} from "@/lib/dashboard/query-types";
import {
  ORGANISATIONS_PER_PAGE, SORT_KEYS,
  type ChangeFigure, type DashboardCharts, type DashboardHeadline, type DashboardQuery, type DepartmentOption,
  type OrganisationRow, type OrganisationsPage, type SortKey,
} from "@/lib/dashboard/query-types";

type SearchParams = Record<string, string | string[] | undefined>;

const first = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[0] : v);

// Unknown or malformed values are ignored rather than reported: the URL is a view, not a form.
const querySchema = z.object({
  asOf: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional().catch(undefined),
  status: z.enum(ORG_STATUSES).optional().catch(undefined),
  type: z.enum(ORG_TYPES).optional().catch(undefined),
  parent: z.string().regex(/^\d{1,9}$/).transform(Number).optional().catch(undefined),
  sort: z.enum(SORT_KEYS).optional().catch(undefined),
  dir: z.enum(["asc", "desc"]).optional().catch(undefined),
  page: z.string().regex(/^\d{1,6}$/).transform(Number).refine((n) => n >= 1).optional().catch(undefined),
});

/** Reads the dashboard's view state from the URL. Pure. */
export function parseDashboardQuery(searchParams: SearchParams): DashboardQuery {
  const parsed = querySchema.parse({
    asOf: first(searchParams.asOf) || undefined,
    status: first(searchParams.status) || undefined,
    type: first(searchParams.type) || undefined,
    parent: first(searchParams.parent) || undefined,
    sort: first(searchParams.sort) || undefined,
    dir: first(searchParams.dir) || undefined,
    page: first(searchParams.page) || undefined,
  });
  const sort = parsed.sort ?? "name";
  return {
    asOf: parsed.asOf ?? null,
    status: parsed.status ?? null,
    type: parsed.type ?? null,
    parent: parsed.parent ?? null,
    sort,
    // Worst first is the useful default for figures; A to Z for names.
    dir: parsed.dir ?? (sort === "name" ? "asc" : "desc"),
    page: parsed.page ?? 1,
  };
}

/**
 * One page of the table. In the grouped view a page that starts among a department's agencies
 * repeats the department first, marked as continued, so every agency is still seen under its
 * department. A page past the end shows the last page. Pure.
 */
export function pageOfRows(rows: readonly OrganisationRow[], page: number, perPage = ORGANISATIONS_PER_PAGE): OrganisationsPage {
  const pageCount = Math.max(1, Math.ceil(rows.length / perPage));
  const current = Math.min(Math.max(1, page), pageCount);
  const start = (current - 1) * perPage;
  const slice = rows.slice(start, start + perPage);
  const head = slice[0];
  if (head?.depth === 1) {
    const parent = rows.slice(0, start).findLast((r) => r.depth === 0);
    if (parent && parent.id === head.parentId) slice.unshift({ ...parent, continued: true });
  }
  return { rows: slice, page: current, pageCount, from: rows.length === 0 ? 0 : start + 1, to: start + (slice.length - (slice[0]?.continued ? 1 : 0)), total: rows.length };
}

const STATUS_ORDER: Record<OrgStatus, number> = { RED: 0, AMBER: 1, GREEN: 2, NO_DATA: 3 };
// One collator for every comparison: localeCompare with a locale builds its rules on each call.
const byNameCollator = new Intl.Collator("en-GB");

function compareBy(sort: SortKey): (a: OrganisationFigures, b: OrganisationFigures) => number {
  switch (sort) {
    case "name":
      return (a, b) => byNameCollator.compare(a.name, b.name);
    // Descending status means worst first, like every other descending figure.
    case "status":
      return (a, b) => STATUS_ORDER[b.status] - STATUS_ORDER[a.status];
    case "lastChange":
      return (a, b) => (a.lastChangeAt ?? "").localeCompare(b.lastChangeAt ?? "");
    default:
      return (a, b) => a[sort] - b[sort];
  }
}

/**
 * Filters and sorts the organisations. Sorted by name, departments come first with their agencies
 * indented beneath them; sorted by anything else the list is flat. Ties fall back to the name so
 * the order is stable. Pure.
 */
export function organisationRows(orgs: readonly OrganisationFigures[], query: DashboardQuery): OrganisationRow[] {
  const names = new Map(orgs.map((o) => [o.id, o.name]));
  const byName = compareBy("name");
  const primary = compareBy(query.sort);
  const sign = query.dir === "asc" ? 1 : -1;
  const compare = (a: OrganisationFigures, b: OrganisationFigures) => sign * primary(a, b) || byName(a, b);

  const matching = orgs.filter(
    (o) =>
      (query.status === null || o.status === query.status) &&
      (query.type === null || o.type === query.type) &&
      (query.parent === null || o.id === query.parent || o.parentId === query.parent),
  );
  const toRow = (o: OrganisationFigures, depth: 0 | 1): OrganisationRow => ({
    ...o,
    depth,
    parentName: o.parentId === null ? null : (names.get(o.parentId) ?? o.parentAcronym),
  });

  if (query.sort !== "name") return [...matching].sort(compare).map((o) => toRow(o, 0));

  const shown = new Set(matching.map((o) => o.id));
  const children = new Map<number, OrganisationFigures[]>();
  const top: OrganisationFigures[] = [];
  for (const o of matching) {
    // An agency whose department is filtered out stands on its own (its parent is named in the row).
    if (o.parentId !== null && shown.has(o.parentId)) {
      const list = children.get(o.parentId) ?? [];
      list.push(o);
      children.set(o.parentId, list);
    } else {
      top.push(o);
    }
  }
  const rows: OrganisationRow[] = [];
  for (const o of top.sort(compare)) {
    rows.push(toRow(o, 0));
    for (const c of (children.get(o.id) ?? []).sort(compare)) rows.push(toRow(c, 1));
  }
  return rows;
}

function changeSince(now: Totals, then: { date: string; totals: Totals } | null): ChangeFigure | null {
  if (!then) return null;
  return {
    date: then.date,
    coveredRemaining: then.totals.coveredRemaining,
    coveredRemoved: then.totals.coveredRemoved,
    removedSince: then.totals.coveredRemaining - now.coveredRemaining,
  };
}

/** The headline numbers derived from the figures. Pure. */
export function headlineOf(figures: ComplianceFigures): DashboardHeadline {
  const t = figures.totals;
  const ruleTitle = (id: string) => (RULES_BY_ID as Record<string, { title: string } | undefined>)[id]?.title ?? id;
  const breachesByRule = Object.entries(t.breachesByRule)
    .filter(([, n]) => n > 0)
    .map(([ruleId, count]) => ({ ruleId, title: ruleTitle(ruleId), count }))
    .sort((a, b) => b.count - a.count || a.ruleId.localeCompare(b.ruleId));
  const onControlled = t.coveredRemaining + t.coveredRemoved;
  return {
    totals: t,
    breachesByRule,
    sinceLast: changeSince(t, figures.previous),
    sinceDirective: changeSince(t, figures.baseline),
    removedShare: onControlled === 0 ? 1 : t.coveredRemoved / onControlled,
  };
}

/** Up to `n` dates spread evenly over the list, always keeping the first and last. Pure. */
export function sampleDates(dates: readonly string[], n: number): string[] {
  if (dates.length <= n) return [...dates];
  const out = new Set<string>();
  for (let i = 0; i < n; i++) {
    const d = dates[Math.round((i * (dates.length - 1)) / (n - 1))];
    if (d !== undefined) out.add(d);
  }
  return [...out];
}

/**
 * The snapshot dates the charts plot: the last of each month, and every day of the last two weeks.
 * Snapshots are daily, so without this the burn-down (and its table) would gain a point a day for
 * as long as the service runs; on a chart spanning years a daily point cannot be seen anyway.
 * The first snapshot (the directive's baseline) is always kept. Pure; `dates` ascending.
 */
export function chartDates(dates: readonly string[], recentDays = 14): string[] {
  if (dates.length === 0) return [];
  const last = dates.at(-1)!;
  const recentFrom = new Date(Date.parse(`${last}T00:00:00Z`) - (recentDays - 1) * 86_400_000).toISOString().slice(0, 10);
  const keep = new Set<string>([dates[0]!]);
  for (let i = 0; i < dates.length; i++) {
    const d = dates[i]!;
    const next = dates[i + 1];
    if (d >= recentFrom || next === undefined || next.slice(0, 7) !== d.slice(0, 7)) keep.add(d);
  }
  return dates.filter((d) => keep.has(d));
}

/** Chart data, plain and serialisable for client components. Pure. */
export function chartsOf(figures: ComplianceFigures, trendLines = 6): DashboardCharts {
  const status = ORG_STATUSES.map((s) => ({ status: s as OrgStatus, count: figures.totals.byStatus[s] }));
  const plotted = new Set(chartDates(figures.burnDown.map((p) => p.date)));
  const burnDown = figures.burnDown
    .filter((p) => plotted.has(p.date))
    .map((p) => ({ date: p.date, coveredRemaining: p.coveredRemaining, coveredRemoved: p.coveredRemoved }));
  const latest = (s: { points: { coveredRemaining: number }[] }) => s.points.at(-1)?.coveredRemaining ?? 0;
  const peak = (s: { points: { coveredRemaining: number }[] }) => Math.max(0, ...s.points.map((p) => p.coveredRemaining));
  const series = figures.trendByOrganisation
    .map((s) => ({
      acronym: s.acronym,
      points: s.points.filter((p) => plotted.has(p.date)).map((p) => ({ date: p.date, coveredRemaining: p.coveredRemaining })),
    }))
    .filter((s) => peak(s) > 0)
    .sort((a, b) => latest(b) - latest(a) || peak(b) - peak(a) || a.acronym.localeCompare(b.acronym));
  const dates = sampleDates(burnDown.map((p) => p.date), 6);
  const charted = series.slice(0, trendLines);
  const trendTable = {
    dates,
    rows: charted.map((s) => {
      const at = new Map(s.points.map((p) => [p.date, p.coveredRemaining]));
      return { acronym: s.acronym, values: dates.map((d) => at.get(d) ?? null) };
    }),
  };
  const liveDate = figures.source === "current" && figures.asOf ? figures.asOf : null;
  return { status, liveDate, burnDown, deadline: figures.policy.removalDeadline, trend: charted, trendTable };
}

export interface Dashboard {
  figures: ComplianceFigures;
  headline: DashboardHeadline;
  charts: DashboardCharts;
  /** Every organisation that matches the filters, in order (the export's rows). */
  rows: OrganisationRow[];
  /** The page of them the table shows. */
  table: OrganisationsPage;
  departments: DepartmentOption[];
  snapshotDates: readonly string[];
  query: DashboardQuery;
}

// The figures are shared while the database is unchanged (see read-cache.ts), so the views of them
// are too: each filter and sort is worked out once per set of figures, not once per request.
const viewsOf = new WeakMap<ComplianceFigures, Map<string, { rows: OrganisationRow[]; charts: DashboardCharts; headline: DashboardHeadline; departments: DepartmentOption[] }>>();

function viewOf(figures: ComplianceFigures, query: DashboardQuery) {
  const key = [query.status, query.type, query.parent, query.sort, query.dir].join("|");
  let views = viewsOf.get(figures);
  if (!views) viewsOf.set(figures, (views = new Map()));
  let view = views.get(key);
  if (!view) {
    const departments = figures.organisations
      .filter((o) => o.type !== "AGENCY")
      .map((o) => ({ id: o.id, name: o.name, acronym: o.acronym }))
      .sort((a, b) => byNameCollator.compare(a.name, b.name));
    // Frozen like the figures they come from: every request with the same figures shares them.
    const rows = Object.freeze(organisationRows(figures.organisations, query).map((r) => Object.freeze(r))) as OrganisationRow[];
    view = { rows, charts: chartsOf(figures), headline: headlineOf(figures), departments };
    views.set(key, view);
  }
  return view;
}

/**
 * Everything the dashboard shows, for the actor's scope. An `asOf` that is not a snapshot date is
 * ignored (the current figures are shown) so that an old bookmark still opens.
 */
export async function getDashboard(actor: Actor, query: DashboardQuery): Promise<Dashboard> {
  // One look at the database's state for the whole page while nothing has changed.
  const { snapshotDates, figures, asOf } = await cachedWhileUnchanged(db(), `dashboard:${scopeKey(actor.scope)}:${query.asOf ?? ""}`, async () => {
    const dates = await listSnapshotDates();
    // Any snapshot opens (a bookmark, a link from a report); the chooser offers the charted ones.
    const chosen = query.asOf !== null && dates.includes(query.asOf) ? query.asOf : null;
    const offered = chartDates([...dates].reverse()).reverse();
    if (chosen !== null && !offered.includes(chosen)) offered.push(chosen);
    offered.sort((a, b) => (a < b ? 1 : a > b ? -1 : 0));
    return { snapshotDates: offered, figures: await getComplianceFigures(actor, { asOf: chosen }), asOf: chosen };
  });
  const effective: DashboardQuery = { ...query, asOf };
  const { rows, charts, headline, departments } = viewOf(figures, effective);
  const table = pageOfRows(rows, effective.page);
  return {
    figures,
    headline,
    charts,
    rows,
    table,
    departments,
    snapshotDates,
    query: { ...effective, page: table.page },
  };
}

/**
 * The register's data is OFFICIAL-SENSITIVE: every download of the organisations table is on the
 * audit trail, with the view it was taken from.
 */
export async function recordDashboardExport(
  actor: Actor,
  exported: { format: "csv" | "xlsx"; filename: string; asOf: string; source: "current" | "snapshot"; rows: number; query: DashboardQuery },
): Promise<void> {
  await recordAudit(db(), actor, {
    action: "dashboard.exported",
    entityType: "dashboard-export",
    entityId: exported.filename,
    organisationId: null,
    summary: `Downloaded the organisations table as ${exported.format.toUpperCase()}: ${exported.rows} organisations, as of ${formatLongDate(exported.asOf)} (${figuresBasis(exported)})`,
    after: {
      format: exported.format, filename: exported.filename, asOf: exported.asOf, source: exported.source, rows: exported.rows,
      filters: { status: exported.query.status, type: exported.query.type, parent: exported.query.parent, sort: exported.query.sort, dir: exported.query.dir },
    },
  });
}
