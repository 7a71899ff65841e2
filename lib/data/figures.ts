import "server-only";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { notFound } from "@/lib/auth/errors";
import { completeness, type OrgStatus } from "@/lib/compliance";
import type { BurnDownPoint, ComplianceFigures, FiguresRequest, OrganisationFigures } from "@/lib/figures/types";
import { loadPolicy } from "@/lib/data/evaluation";
import { discoveryFindingsByOrganisation } from "@/lib/data/discovery-views";
import { cachedWhileUnchanged, scopeKey } from "@/lib/data/read-cache";

// The one source of compliance figures: the dashboard, the PDF and the spreadsheets all call
// getComplianceFigures, so they cannot disagree. Figures come from the stored roll-ups and the
// daily snapshots, never from evaluating devices on the request.

export type { BurnDownPoint, ComplianceFigures, FiguresRequest, OrganisationFigures, Totals } from "@/lib/figures/types";

interface Row {
  organisation_id: number;
  name: string;
  acronym: string;
  type: OrganisationFigures["type"];
  parent_id: number | null;
  parent_acronym: string | null;
  status: OrgStatus;
  sites: number; sensitive_sites: number; devices: number; breach: number; action_due: number;
  unverified: number; advisory: number; compliant: number; removed: number;
  by_rule: Record<string, Record<string, number>>;
  in_service: number; in_service_complete: number; covered_in_service: number; covered_remaining: number;
  covered_removed: number; covered_sensitive: number; covered_core: number;
  last_change_at: Date | null;
  date: string;
  computed_at: Date | null;
}

function toFigures(r: Row): OrganisationFigures {
  return {
    id: r.organisation_id, name: r.name, acronym: r.acronym, type: r.type, parentId: r.parent_id,
    parentAcronym: r.parent_acronym, status: r.status, sites: r.sites, sensitiveSites: r.sensitive_sites,
    devices: r.devices, breach: r.breach, actionDue: r.action_due, unverified: r.unverified, advisory: r.advisory,
    compliant: r.compliant, removed: r.removed, byRule: r.by_rule ?? {}, inService: r.in_service,
    inServiceComplete: r.in_service_complete,
    completeness: completeness({ inService: r.in_service, inServiceComplete: r.in_service_complete }),
    coveredInService: r.covered_in_service, coveredRemaining: r.covered_remaining, coveredRemoved: r.covered_removed,
    coveredSensitive: r.covered_sensitive, coveredCore: r.covered_core, probableUnrecorded: null,
    lastChangeAt: r.last_change_at ? r.last_change_at.toISOString() : null,
  };
}

import { burnDownPointOf, departmentOf, totalsOf } from "@/lib/figures/totals";

export { totalsOf } from "@/lib/figures/totals";

/** The organisations the request covers, within what the actor may see. */
async function scopeIds(actor: Actor, organisationId: number | null | undefined): Promise<{ ids: number[] | null; scope: ComplianceFigures["scope"] }> {
  if (organisationId == null) {
    return { ids: actor.scope.all ? null : actor.scope.organisationIds, scope: { kind: "all" } };
  }
  const allowed = actor.scope.all || actor.scope.organisationIds.includes(organisationId);
  const org = allowed
    ? await db().organisation.findUnique({ where: { id: organisationId }, select: { id: true, name: true, acronym: true, children: { select: { id: true } } } })
    : null;
  if (!org) throw notFound("Organisation");
  const ids = [org.id, ...org.children.map((c) => c.id)].filter((id) => actor.scope.all || actor.scope.organisationIds.includes(id));
  return { ids, scope: { kind: "organisation", organisationId: org.id, name: org.name, acronym: org.acronym } };
}

const ORG_COLUMNS = `o.id AS organisation_id, o.name, o.acronym, o.type::text AS type, o.parent_id, p.acronym AS parent_acronym,
  c.status::text AS status, c.sites, c.sensitive_sites, c.devices, c.breach, c.action_due, c.unverified, c.advisory,
  c.compliant, c.removed, c.by_rule, c.in_service, c.in_service_complete, c.covered_in_service, c.covered_remaining,
  c.covered_removed, c.covered_sensitive, c.covered_core`;

async function organisationRows(ids: number[] | null, asOf: string | null): Promise<Row[]> {
  const filter = ids ? "AND o.id = ANY($1::int[])" : "";
  const params: unknown[] = ids ? [ids] : [];
  if (asOf === null) {
    return db().$queryRawUnsafe<Row[]>(
      `SELECT ${ORG_COLUMNS}, c.last_change_at, c.evaluated_on::text AS date, c.evaluated_at AS computed_at
       FROM organisations o JOIN org_compliance c ON c.organisation_id = o.id
       LEFT JOIN organisations p ON p.id = o.parent_id
       WHERE true ${filter} ORDER BY o.name`,
      ...params,
    );
  }
  return db().$queryRawUnsafe<Row[]>(
    `SELECT ${ORG_COLUMNS}, NULL::timestamp AS last_change_at, c.date::text AS date, NULL::timestamp AS computed_at
     FROM organisations o JOIN org_snapshots c ON c.organisation_id = o.id AND c.date = $${params.length + 1}::date
     LEFT JOIN organisations p ON p.id = o.parent_id
     WHERE true ${filter} ORDER BY o.name`,
    ...params, asOf,
  );
}

interface HistoryRow {
  department_id: number;
  acronym: string;
  date: string;
  covered_remaining: number;
  covered_removed: number;
  breach: number;
  red: number;
  amber: number;
  green: number;
}

/**
 * The daily snapshots summed per department (with its agencies) and date, for the trend lines,
 * and per date, for the burn-down. One pass over the snapshots serves both. Grouping by the
 * department's id and naming it afterwards matters: grouping 30,000 rows by acronym sorted them
 * as text, which took most of the dashboard's data time.
 */
type DepartmentSeries = ComplianceFigures["trendByOrganisation"][number] & { departmentId: number };

async function snapshotHistory(ids: number[] | null): Promise<{ burnDown: BurnDownPoint[]; trend: DepartmentSeries[] }> {
  const filter = ids ? "WHERE s.organisation_id = ANY($1::int[])" : "";
  const rows = await db().$queryRawUnsafe<HistoryRow[]>(
    `WITH by_department AS (
       SELECT COALESCE(o.parent_id, o.id) AS department_id, s.date,
         sum(s.covered_remaining)::int AS covered_remaining, sum(s.covered_removed)::int AS covered_removed,
         sum(s.breach)::int AS breach, count(*) FILTER (WHERE s.status = 'RED')::int AS red,
         count(*) FILTER (WHERE s.status = 'AMBER')::int AS amber, count(*) FILTER (WHERE s.status = 'GREEN')::int AS green
       FROM org_snapshots s JOIN organisations o ON o.id = s.organisation_id ${filter}
       GROUP BY 1, 2)
     SELECT h.department_id, d.acronym, h.date::text AS date, h.covered_remaining, h.covered_removed, h.breach, h.red, h.amber, h.green
     FROM by_department h JOIN organisations d ON d.id = h.department_id
     ORDER BY h.department_id, h.date`,
    ...(ids ? [ids] : []),
  );
  const byDate = new Map<string, BurnDownPoint>();
  const byDepartment = new Map<number, DepartmentSeries>();
  for (const r of rows) {
    const point = byDate.get(r.date) ?? { date: r.date, coveredRemaining: 0, coveredRemoved: 0, breach: 0, red: 0, amber: 0, green: 0 };
    point.coveredRemaining += r.covered_remaining;
    point.coveredRemoved += r.covered_removed;
    point.breach += r.breach;
    point.red += r.red;
    point.amber += r.amber;
    point.green += r.green;
    byDate.set(r.date, point);
    const series = byDepartment.get(r.department_id) ?? { departmentId: r.department_id, acronym: r.acronym, points: [] };
    series.points.push({ date: r.date, coveredRemaining: r.covered_remaining, breach: r.breach });
    byDepartment.set(r.department_id, series);
  }
  const burnDown = [...byDate.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return { burnDown, trend: [...byDepartment.values()] };
}

/** Each department's series, ending with its live figures (department and agencies summed) when live. */
function trendWithLivePoint(
  series: DepartmentSeries[],
  live: { date: string; organisations: readonly OrganisationFigures[] } | null,
): ComplianceFigures["trendByOrganisation"] {
  const byDepartment = new Map(series.map((s) => [s.departmentId, s]));
  if (live) {
    const sums = new Map<number, { acronym: string; coveredRemaining: number; breach: number }>();
    for (const o of live.organisations) {
      const department = departmentOf(o);
      const sum = sums.get(department.id) ?? { acronym: department.acronym, coveredRemaining: 0, breach: 0 };
      sum.coveredRemaining += o.coveredRemaining;
      sum.breach += o.breach;
      sums.set(department.id, sum);
    }
    for (const [departmentId, sum] of sums) {
      const known = byDepartment.get(departmentId) ?? { departmentId, acronym: sum.acronym, points: [] };
      byDepartment.set(departmentId, {
        ...known,
        points: [...known.points, { date: live.date, coveredRemaining: sum.coveredRemaining, breach: sum.breach }],
      });
    }
  }
  return [...byDepartment.values()]
    .filter((s) => s.points.length > 0)
    .map(({ acronym, points }) => ({ acronym, points }));
}

/** Snapshot dates available to choose from, newest first. */
export async function listSnapshotDates(limit = 400): Promise<readonly string[]> {
  return cachedWhileUnchanged(db(), `snapshot-dates:${limit}`, async () => {
    const rows = await db().$queryRawUnsafe<{ d: string }[]>(
      `SELECT DISTINCT date::text AS d FROM org_snapshots ORDER BY d DESC LIMIT $1`, limit);
    return rows.map((r) => r.d);
  });
}

/**
 * The figures for the actor's scope (or one organisation in it), as of now or a snapshot date.
 * Reused while the database is unchanged: the dashboard is read far more often than it changes.
 * The result is frozen; copy before rearranging.
 */
export async function getComplianceFigures(actor: Actor, request: FiguresRequest = {}): Promise<ComplianceFigures> {
  const key = `figures:${scopeKey(actor.scope)}:${request.organisationId ?? ""}:${request.asOf ?? ""}`;
  return cachedWhileUnchanged(db(), key, () => computeComplianceFigures(actor, request));
}

/** The figures read afresh from the stored results and snapshots (no cache). */
export async function computeComplianceFigures(actor: Actor, request: FiguresRequest = {}): Promise<ComplianceFigures> {
  const { ids, scope } = await scopeIds(actor, request.organisationId);
  const asOf = request.asOf ?? null;
  const [rows, history] = await Promise.all([organisationRows(ids, asOf), snapshotHistory(ids)]);
  if (asOf !== null && rows.length === 0) throw notFound("Snapshot");
  const organisations = rows.map(toFigures);
  if (asOf === null) {
    const discovered = await discoveryFindingsByOrganisation(ids);
    for (const o of organisations) o.probableUnrecorded = discovered.get(o.id)?.probableUnrecorded ?? 0;
  }
  const date = rows[0]?.date ?? asOf ?? "";
  const computedAt = asOf === null
    ? (rows.reduce<Date | null>((max, r) => (r.computed_at && (!max || r.computed_at > max) ? r.computed_at : max), null)?.toISOString() ?? "")
    : `${asOf}T23:59:59Z`;

  // Live figures are the stored results as they are now, and a snapshot of the same day was taken
  // earlier (at start-up or midnight), before the day's edits. So the history stops before that
  // day and the live figures make its last point: the chart ends where the headline stands.
  const live = asOf === null;
  const inHistory = (d: string) => (live ? d < date : d <= date);
  const totals = totalsOf(organisations);
  const burnDown = history.burnDown.filter((h) => inHistory(h.date));
  if (live && organisations.length > 0) burnDown.push(burnDownPointOf(date, totals));
  const previousDate = [...burnDown].reverse().find((h) => h.date < date)?.date ?? null;
  const baselineDate = burnDown[0]?.date ?? null;
  const [previousRows, baselineRows, policy] = await Promise.all([
    previousDate ? organisationRows(ids, previousDate) : null,
    baselineDate && baselineDate !== date ? organisationRows(ids, baselineDate) : null,
    loadPolicy(db()),
  ]);
  const previous = previousDate && previousRows ? { date: previousDate, totals: totalsOf(previousRows.map(toFigures)) } : null;
  const baseline = baselineDate && baselineRows ? { date: baselineDate, totals: totalsOf(baselineRows.map(toFigures)) } : null;
  const trendByOrganisation = trendWithLivePoint(
    history.trend.map((t) => ({ ...t, points: t.points.filter((p) => inHistory(p.date)) })),
    live ? { date, organisations } : null,
  );
  return {
    asOf: date,
    computedAt,
    source: asOf === null ? "current" : "snapshot",
    scope,
    policy,
    organisations,
    totals,
    previous,
    baseline,
    burnDown,
    trendByOrganisation,
  };
}
