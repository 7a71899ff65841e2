import "server-only";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { notFound } from "@/lib/auth/errors";
import { completeness, type OrgStatus, type Policy } from "@/lib/compliance";
import { loadPolicy } from "@/lib/data/evaluation";
import { cachedWhileUnchanged, scopeKey } from "@/lib/data/read-cache";

// The one source of compliance figures: the dashboard, the PDF and the spreadsheets all call
// getComplianceFigures, so they cannot disagree. Figures come from the stored roll-ups and the
// daily snapshots, never from evaluating devices on the request.

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
    coveredSensitive: r.covered_sensitive, coveredCore: r.covered_core,
    lastChangeAt: r.last_change_at ? r.last_change_at.toISOString() : null,
  };
}

export function totalsOf(orgs: readonly OrganisationFigures[]): Totals {
  const t: Totals = {
    organisations: orgs.length, byStatus: { RED: 0, AMBER: 0, GREEN: 0, NO_DATA: 0 }, sites: 0, sensitiveSites: 0,
    devices: 0, breach: 0, actionDue: 0, unverified: 0, advisory: 0, compliant: 0, removed: 0, coveredInService: 0,
    coveredSensitive: 0, coveredCore: 0, coveredRemaining: 0, coveredRemoved: 0, breachesByRule: {},
    findingsByRule: {}, inService: 0, inServiceComplete: 0, completeness: 1,
  };
  for (const o of orgs) {
    t.byStatus[o.status]++;
    t.sites += o.sites; t.sensitiveSites += o.sensitiveSites; t.devices += o.devices; t.breach += o.breach;
    t.actionDue += o.actionDue; t.unverified += o.unverified; t.advisory += o.advisory; t.compliant += o.compliant;
    t.removed += o.removed; t.coveredInService += o.coveredInService; t.coveredSensitive += o.coveredSensitive;
    t.coveredCore += o.coveredCore; t.coveredRemaining += o.coveredRemaining; t.coveredRemoved += o.coveredRemoved;
    t.inService += o.inService; t.inServiceComplete += o.inServiceComplete;
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
async function snapshotHistory(ids: number[] | null): Promise<{ burnDown: BurnDownPoint[]; trend: ComplianceFigures["trendByOrganisation"] }> {
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
  const byDepartment = new Map<number, ComplianceFigures["trendByOrganisation"][number]>();
  for (const r of rows) {
    const point = byDate.get(r.date) ?? { date: r.date, coveredRemaining: 0, coveredRemoved: 0, breach: 0, red: 0, amber: 0, green: 0 };
    point.coveredRemaining += r.covered_remaining;
    point.coveredRemoved += r.covered_removed;
    point.breach += r.breach;
    point.red += r.red;
    point.amber += r.amber;
    point.green += r.green;
    byDate.set(r.date, point);
    const series = byDepartment.get(r.department_id) ?? { acronym: r.acronym, points: [] };
    series.points.push({ date: r.date, coveredRemaining: r.covered_remaining, breach: r.breach });
    byDepartment.set(r.department_id, series);
  }
  const burnDown = [...byDate.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return { burnDown, trend: [...byDepartment.values()] };
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
  const date = rows[0]?.date ?? asOf ?? "";
  const computedAt = asOf === null
    ? (rows.reduce<Date | null>((max, r) => (r.computed_at && (!max || r.computed_at > max) ? r.computed_at : max), null)?.toISOString() ?? "")
    : `${asOf}T23:59:59Z`;

  const burnDown = history.burnDown.filter((h) => h.date <= date);
  const previousDate = [...burnDown].reverse().find((h) => h.date < date)?.date ?? null;
  const baselineDate = burnDown[0]?.date ?? null;
  const [previousRows, baselineRows, policy] = await Promise.all([
    previousDate ? organisationRows(ids, previousDate) : null,
    baselineDate && baselineDate !== date ? organisationRows(ids, baselineDate) : null,
    loadPolicy(db()),
  ]);
  const previous = previousDate && previousRows ? { date: previousDate, totals: totalsOf(previousRows.map(toFigures)) } : null;
  const baseline = baselineDate && baselineRows ? { date: baselineDate, totals: totalsOf(baselineRows.map(toFigures)) } : null;
  const trendByOrganisation = history.trend
    .map((t) => ({ acronym: t.acronym, points: t.points.filter((p) => p.date <= date) }))
    .filter((t) => t.points.length > 0);
  return {
    asOf: date,
    computedAt,
    source: asOf === null ? "current" : "snapshot",
    scope,
    policy,
    organisations,
    totals: totalsOf(organisations),
    previous,
    baseline,
    burnDown,
    trendByOrganisation,
  };
}
