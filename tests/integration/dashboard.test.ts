import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/auth/errors";
import {
  dashboardSearch,
  getDashboard,
  organisationRows,
  parseDashboardQuery,
  recordDashboardExport,
  type DashboardQuery,
} from "@/lib/data/dashboard";
import { listSnapshotDates } from "@/lib/data/figures";
import { getOrganisation, listOrganisations, listOrganisationSites, parseSitesQuery } from "@/lib/data/organisations";
import { neutralise, organisationsCsv, organisationsXlsx } from "@/lib/export/organisations-table";
import { actorFor, testDb } from "./helpers";

const CABINET_OFFICE = "analyst@cabinetoffice.example.gov.uk";
const MINISTER = "private.office@minister.example.gov.uk";
const HO_EDITOR = "editor@ho.example.gov.uk";
const MOJ_EDITOR = "editor@moj.example.gov.uk";

const DEFAULT_QUERY: DashboardQuery = parseDashboardQuery({});

/** One number from a single-row, single-column count query. */
async function count(sql: string, ...params: unknown[]): Promise<number> {
  const rows = await testDb().$queryRawUnsafe<{ n: number }[]>(sql, ...params);
  return Number(rows[0]?.n ?? 0);
}

async function orgIdOf(acronym: string): Promise<number> {
  const org = await testDb().organisation.findUniqueOrThrow({ where: { acronym }, select: { id: true } });
  return org.id;
}

// Devices on sites that are not archived: the roll-ups leave archived sites out.
const LIVE = "FROM device_compliance dc JOIN sites s ON s.id = dc.site_id AND s.archived_at IS NULL";

describe("the dashboard's headline figures", () => {
  it("equal direct counts over device_compliance and org_compliance", async () => {
    const { figures, headline } = await getDashboard(await actorFor(CABINET_OFFICE), DEFAULT_QUERY);
    const t = headline.totals;

    const byStatus = await testDb().$queryRawUnsafe<{ status: string; n: number }[]>(
      `SELECT status::text AS status, count(*)::int AS n FROM org_compliance GROUP BY 1`,
    );
    const expectedByStatus = { RED: 0, AMBER: 0, GREEN: 0, NO_DATA: 0, ...Object.fromEntries(byStatus.map((r) => [r.status, r.n])) };
    expect(t.byStatus).toEqual(expectedByStatus);
    expect(t.organisations).toBe(await count(`SELECT count(*)::int AS n FROM org_compliance`));
    expect(t.byStatus.RED + t.byStatus.AMBER + t.byStatus.GREEN).toBeGreaterThan(0);

    expect(t.sensitiveSites).toBe(
      await count(`SELECT count(*)::int AS n FROM sites s JOIN site_compliance sc ON sc.site_id = s.id
                   WHERE s.archived_at IS NULL AND s.sensitivity = 'SENSITIVE'`),
    );
    expect(t.coveredInService).toBe(await count(`SELECT count(*)::int AS n ${LIVE} WHERE dc.covered AND dc.in_service`));
    expect(t.coveredSensitive).toBe(
      await count(`SELECT count(*)::int AS n ${LIVE} WHERE dc.covered AND dc.in_service AND dc.sensitive_site`),
    );
    expect(t.coveredCore).toBe(
      await count(`SELECT count(*)::int AS n ${LIVE} WHERE dc.covered AND dc.in_service AND dc.core_network`),
    );
    expect(t.coveredRemaining).toBe(
      await count(`SELECT count(*)::int AS n ${LIVE} WHERE dc.covered AND dc.controlled_site AND dc.status <> 'REMOVED'`),
    );
    expect(t.coveredRemoved).toBe(
      await count(`SELECT count(*)::int AS n ${LIVE} WHERE dc.covered AND dc.controlled_site AND dc.status = 'REMOVED'`),
    );
    expect(t.breach).toBe(await count(`SELECT count(*)::int AS n ${LIVE} WHERE dc.status = 'BREACH'`));
    expect(t.inService).toBe(await count(`SELECT count(*)::int AS n ${LIVE} WHERE dc.in_service`));
    expect(t.inServiceComplete).toBe(await count(`SELECT count(*)::int AS n ${LIVE} WHERE dc.in_service AND dc.complete`));
    expect(t.completeness).toBeCloseTo(t.inServiceComplete / t.inService, 10);

    const breaches = await testDb().$queryRawUnsafe<{ rule_id: string; n: number }[]>(
      `SELECT f->>'ruleId' AS rule_id, count(*)::int AS n ${LIVE}, jsonb_array_elements(dc.findings) f
       WHERE f->>'status' = 'BREACH' GROUP BY 1`,
    );
    expect(Object.fromEntries(headline.breachesByRule.map((r) => [r.ruleId, r.count]))).toEqual(
      Object.fromEntries(breaches.map((r) => [r.rule_id, r.n])),
    );
    expect(headline.breachesByRule.every((r) => r.title.length > 0 && r.title !== r.ruleId)).toBe(true);

    // Per organisation, the table shows the stored roll-up.
    const stored = await testDb().$queryRawUnsafe<{ organisation_id: number; status: string; covered_remaining: number; breach: number }[]>(
      `SELECT organisation_id, status::text AS status, covered_remaining, breach FROM org_compliance`,
    );
    expect(figures.organisations).toHaveLength(stored.length);
    for (const s of stored) {
      const o = figures.organisations.find((x) => x.id === s.organisation_id);
      expect(o?.status).toBe(s.status);
      expect(o?.coveredRemaining).toBe(s.covered_remaining);
      expect(o?.breach).toBe(s.breach);
    }
    expect(figures.computedAt).not.toBe("");
  });

  it("for a snapshot date equal direct sums over org_snapshots, with change since the previous snapshot", async () => {
    const dates = await listSnapshotDates();
    const date = dates[1] ?? dates[0];
    expect(date).toBeDefined();
    const { figures, headline, query } = await getDashboard(await actorFor(CABINET_OFFICE), { ...DEFAULT_QUERY, asOf: date! });
    expect(query.asOf).toBe(date);
    expect(figures.asOf).toBe(date);
    expect(figures.source).toBe("snapshot");
    expect(headline.totals.coveredRemaining).toBe(
      await count(`SELECT COALESCE(sum(covered_remaining), 0)::int AS n FROM org_snapshots WHERE date = $1::date`, date),
    );
    expect(headline.totals.byStatus.RED).toBe(
      await count(`SELECT count(*)::int AS n FROM org_snapshots WHERE date = $1::date AND status = 'RED'`, date),
    );
    const previous = dates.find((d) => d < date!);
    if (previous) {
      const then = await count(`SELECT COALESCE(sum(covered_remaining), 0)::int AS n FROM org_snapshots WHERE date = $1::date`, previous);
      expect(headline.sinceLast?.date).toBe(previous);
      expect(headline.sinceLast?.removedSince).toBe(then - headline.totals.coveredRemaining);
    }
    const baseline = dates.at(-1);
    const baselineRemaining = await count(`SELECT COALESCE(sum(covered_remaining), 0)::int AS n FROM org_snapshots WHERE date = $1::date`, baseline);
    expect(headline.sinceDirective?.date).toBe(baseline);
    expect(headline.sinceDirective?.removedSince).toBe(baselineRemaining - headline.totals.coveredRemaining);
  });

  it("ignores an as-of date that is not a snapshot", async () => {
    const { figures, query } = await getDashboard(await actorFor(CABINET_OFFICE), { ...DEFAULT_QUERY, asOf: "1999-01-01" });
    expect(query.asOf).toBeNull();
    expect(figures.source).toBe("current");
  });

  it("gives the minister's office the same aggregates as the Cabinet Office", async () => {
    const co = await getDashboard(await actorFor(CABINET_OFFICE), DEFAULT_QUERY);
    const minister = await getDashboard(await actorFor(MINISTER), DEFAULT_QUERY);
    expect(minister.headline).toEqual(co.headline);
    expect(minister.charts).toEqual(co.charts);
    expect(minister.rows.map((r) => [r.id, r.status, r.coveredRemaining])).toEqual(co.rows.map((r) => [r.id, r.status, r.coveredRemaining]));
  });

  it("charts the burn-down from the snapshots with the removal deadline", async () => {
    const { charts, figures } = await getDashboard(await actorFor(CABINET_OFFICE), DEFAULT_QUERY);
    expect(charts.deadline).toBe(figures.policy.removalDeadline);
    expect(charts.burnDown.length).toBe((await listSnapshotDates()).length);
    expect(charts.status.map((s) => s.count).reduce((a, b) => a + b, 0)).toBe(figures.organisations.length);
    expect(charts.trend.length).toBeGreaterThan(0);
    expect(charts.trend.length).toBeLessThanOrEqual(6);
    expect(charts.trendTable.rows.length).toBeGreaterThanOrEqual(charts.trend.length);
  });
});

describe("the organisations table", () => {
  it("reads filters and sort from the URL and ignores nonsense", () => {
    expect(parseDashboardQuery({ status: "RED", type: "AGENCY", parent: "12", sort: "breach", dir: "asc", asOf: "2025-04-30" })).toEqual({
      status: "RED", type: "AGENCY", parent: 12, sort: "breach", dir: "asc", asOf: "2025-04-30",
    });
    expect(parseDashboardQuery({ status: "PURPLE", type: "x", parent: "abc", sort: "drop table", dir: "up", asOf: "yesterday" })).toEqual(DEFAULT_QUERY);
    expect(parseDashboardQuery({ sort: "coveredRemaining" }).dir).toBe("desc");
    expect(dashboardSearch(DEFAULT_QUERY)).toBe("");
    expect(dashboardSearch(DEFAULT_QUERY, { status: "AMBER", sort: "status", dir: "desc" })).toBe("?status=AMBER&sort=status");
  });

  it("groups agencies beneath their department when sorted by name", async () => {
    const { figures } = await getDashboard(await actorFor(CABINET_OFFICE), DEFAULT_QUERY);
    const rows = organisationRows(figures.organisations, DEFAULT_QUERY);
    expect(rows).toHaveLength(figures.organisations.length);
    const moj = await orgIdOf("MoJ");
    const at = rows.findIndex((r) => r.id === moj);
    const agencies = figures.organisations.filter((o) => o.parentId === moj).length;
    expect(agencies).toBeGreaterThanOrEqual(2);
    expect(rows.slice(at + 1, at + 1 + agencies).every((r) => r.parentId === moj && r.depth === 1)).toBe(true);
    const departments = rows.filter((r) => r.depth === 0).map((r) => r.name);
    expect(departments).toEqual([...departments].sort((a, b) => a.localeCompare(b, "en-GB")));
  });

  it("filters by status, type and parent department, and sorts by a figure", async () => {
    const { figures } = await getDashboard(await actorFor(CABINET_OFFICE), DEFAULT_QUERY);
    const red = organisationRows(figures.organisations, { ...DEFAULT_QUERY, status: "RED" });
    expect(red.length).toBe(figures.totals.byStatus.RED);
    expect(red.every((r) => r.status === "RED")).toBe(true);

    const agencies = organisationRows(figures.organisations, { ...DEFAULT_QUERY, type: "AGENCY" });
    expect(agencies.length).toBeGreaterThan(0);
    expect(agencies.every((r) => r.type === "AGENCY" && r.depth === 0 && r.parentName !== null)).toBe(true);

    const moj = await orgIdOf("MoJ");
    const mojFamily = organisationRows(figures.organisations, { ...DEFAULT_QUERY, parent: moj });
    expect(mojFamily[0]?.id).toBe(moj);
    expect(mojFamily.slice(1).every((r) => r.parentId === moj)).toBe(true);

    const sorted = organisationRows(figures.organisations, { ...DEFAULT_QUERY, sort: "coveredRemaining", dir: "desc" });
    const values = sorted.map((r) => r.coveredRemaining);
    expect(values).toEqual([...values].sort((a, b) => b - a));
    expect(sorted.every((r) => r.depth === 0)).toBe(true);

    const byStatus = organisationRows(figures.organisations, { ...DEFAULT_QUERY, sort: "status", dir: "desc" });
    const order = ["RED", "AMBER", "GREEN", "NO_DATA"];
    const ranks = byStatus.map((r) => order.indexOf(r.status));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
  });

  it("exports the same rows as CSV and XLSX, dated and neutralised", async () => {
    const { figures, rows } = await getDashboard(await actorFor(CABINET_OFFICE), { ...DEFAULT_QUERY, status: "RED" });
    const csv = organisationsCsv(rows, figures.asOf);
    const lines = parse(csv.replace(/^\uFEFF/, ""), { relax_column_count: true }) as string[][];
    expect(lines[0]?.[0]).toContain("OFFICIAL-SENSITIVE");
    expect(lines[1]?.[0]).toBe("Organisation");
    expect(lines.slice(2).map((l) => l[1])).toEqual(rows.map((r) => r.acronym));
    expect(lines.slice(2).every((l) => l[4] === "Red: breach")).toBe(true);

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await organisationsXlsx(rows, figures.asOf, figures.computedAt)) as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet("Organisations");
    expect(sheet?.headerFooter.oddHeader).toContain("OFFICIAL-SENSITIVE");
    expect(sheet?.headerFooter.oddFooter).toContain("OFFICIAL-SENSITIVE");
    expect(sheet?.getRow(4).getCell(2).value).toBe(rows[0]?.acronym);

    expect(neutralise("=HYPERLINK(\"x\")")).toBe("'=HYPERLINK(\"x\")");
    for (const bad of ["+1", "-1", "@SUM(A1)", "\tx", "\rx"]) expect(neutralise(bad)).toBe(`'${bad}`);
    expect(neutralise("Home Office")).toBe("Home Office");
    const [first] = rows;
    if (first) {
      const evil = organisationsCsv([{ ...first, name: "=cmd|' /C calc'!A0" }], figures.asOf);
      expect(evil).toContain("'=cmd");
    }
  });
});

describe("dashboard exports", () => {
  it("are recorded on the audit trail with the view they came from", async () => {
    const actor = await actorFor(MINISTER);
    const query = { ...DEFAULT_QUERY, status: "RED" as const };
    await recordDashboardExport(actor, { format: "xlsx", filename: "organisations-compliance-2026-01-01.xlsx", asOf: "2026-01-01", source: "current", rows: 7, query });
    const events = await testDb().auditEvent.findMany({
      where: { action: "dashboard.exported", actorEmail: MINISTER },
      select: { entityType: true, entityId: true, summary: true, after: true },
    });
    expect(events).toHaveLength(1);
    expect(events[0]?.entityId).toBe("organisations-compliance-2026-01-01.xlsx");
    expect(events[0]?.summary).toBe("Downloaded the organisations table as XLSX: 7 organisations, as of 1 January 2026");
    expect(events[0]?.after).toMatchObject({ format: "xlsx", rows: 7, filters: { status: "RED" } });
  });
});

describe("organisations in the register", () => {
  it("an editor sees their own department and its agencies only", async () => {
    const actor = await actorFor(MOJ_EDITOR);
    const { rows } = await listOrganisations(actor);
    const moj = await orgIdOf("MoJ");
    expect(rows[0]?.id).toBe(moj);
    expect(rows.length).toBeGreaterThanOrEqual(3);
    expect(rows.every((r) => r.id === moj || r.parentId === moj)).toBe(true);
    const all = await listOrganisations(await actorFor(CABINET_OFFICE));
    expect(all.rows.length).toBe(await count(`SELECT count(*)::int AS n FROM org_compliance`));
  });

  it("an organisation outside the actor's scope is not found", async () => {
    const ho = await actorFor(HO_EDITOR);
    const moj = await orgIdOf("MoJ");
    await expect(getOrganisation(ho, moj)).rejects.toSatisfy((e) => e instanceof AppError && e.code === "NOT_FOUND");
    await expect(listOrganisationSites(ho, moj, parseSitesQuery({}))).rejects.toSatisfy((e) => e instanceof AppError && e.code === "NOT_FOUND");
    await expect(getOrganisation(ho, 999_999)).rejects.toSatisfy((e) => e instanceof AppError && e.code === "NOT_FOUND");
  });

  it("shows an organisation's own figures, its agencies and its sites, 50 to a page, filtered by status", async () => {
    const co = await actorFor(CABINET_OFFICE);
    const moj = await orgIdOf("MoJ");
    const org = await getOrganisation(co, moj);
    const stored = await testDb().$queryRawUnsafe<{ status: string; sites: number; covered_remaining: number }[]>(
      `SELECT status::text AS status, sites, covered_remaining FROM org_compliance WHERE organisation_id = $1`, moj);
    expect(org.figures?.status).toBe(stored[0]?.status);
    expect(org.figures?.coveredRemaining).toBe(stored[0]?.covered_remaining);
    expect(org.agencies.map((a) => a.parentId)).toEqual(org.agencies.map(() => moj));
    expect(org.agencies.length).toBeGreaterThanOrEqual(2);

    const total = await count(`SELECT count(*)::int AS n FROM sites WHERE organisation_id = $1 AND archived_at IS NULL`, moj);
    const page1 = await listOrganisationSites(co, moj, parseSitesQuery({}));
    expect(page1.total).toBe(total);
    expect(page1.rows.length).toBe(Math.min(50, total));
    if (total > 50) {
      const page2 = await listOrganisationSites(co, moj, parseSitesQuery({ page: "2" }));
      expect(page2.page).toBe(2);
      expect(page2.rows[0]?.id).not.toBe(page1.rows[0]?.id);
    }
    const beyond = await listOrganisationSites(co, moj, parseSitesQuery({ page: "9999" }));
    expect(beyond.page).toBe(beyond.pages);

    const redSites = await count(
      `SELECT count(*)::int AS n FROM sites s JOIN site_compliance c ON c.site_id = s.id
       WHERE s.organisation_id = $1 AND s.archived_at IS NULL AND c.status = 'RED'`, moj);
    const red = await listOrganisationSites(co, moj, parseSitesQuery({ status: "RED" }));
    expect(red.total).toBe(redSites);
    expect(red.rows.every((s) => s.status === "RED")).toBe(true);
  });
});
