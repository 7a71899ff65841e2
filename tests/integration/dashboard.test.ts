import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/auth/errors";
import {
  chartDates,
  dashboardSearch,
  getDashboard,
  ORGANISATIONS_PER_PAGE,
  organisationRows,
  pageOfRows,
  parseDashboardQuery,
  recordDashboardExport,
  type DashboardQuery,
  type OrganisationRow,
  type OrganisationsPage,
} from "@/lib/data/dashboard";
import { computeComplianceFigures, listSnapshotDates, type BurnDownPoint, type OrganisationFigures } from "@/lib/data/figures";
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

  it("sums the snapshot history per date and per department with its agencies, as SQL over org_snapshots does", async () => {
    for (const email of [CABINET_OFFICE, HO_EDITOR]) {
      const actor = await actorFor(email);
      const figures = await computeComplianceFigures(actor);
      const inScope = actor.scope.all ? "" : "WHERE s.organisation_id = ANY($1::int[])";
      const params = actor.scope.all ? [] : [actor.scope.organisationIds];
      const perDate = await testDb().$queryRawUnsafe<BurnDownPoint[]>(
        `SELECT s.date::text AS date, sum(s.covered_remaining)::int AS "coveredRemaining", sum(s.covered_removed)::int AS "coveredRemoved",
           sum(s.breach)::int AS breach, count(*) FILTER (WHERE s.status = 'RED')::int AS red,
           count(*) FILTER (WHERE s.status = 'AMBER')::int AS amber, count(*) FILTER (WHERE s.status = 'GREEN')::int AS green
         FROM org_snapshots s ${inScope} GROUP BY 1 ORDER BY 1`,
        ...params,
      );
      expect(perDate.length).toBeGreaterThan(1);
      // The history up to the day before; the live figures make the last point, as the headline.
      expect(figures.source).toBe("current");
      expect(figures.burnDown.slice(0, -1)).toEqual(perDate.filter((p) => p.date < figures.asOf));
      expect(figures.burnDown.at(-1)).toEqual({
        date: figures.asOf, coveredRemaining: figures.totals.coveredRemaining, coveredRemoved: figures.totals.coveredRemoved,
        breach: figures.totals.breach, red: figures.totals.byStatus.RED, amber: figures.totals.byStatus.AMBER, green: figures.totals.byStatus.GREEN,
      });
      const perDepartment = await testDb().$queryRawUnsafe<{ acronym: string; date: string; coveredRemaining: number; breach: number }[]>(
        `SELECT COALESCE(p.acronym, o.acronym) AS acronym, s.date::text AS date, sum(s.covered_remaining)::int AS "coveredRemaining",
           sum(s.breach)::int AS breach
         FROM org_snapshots s JOIN organisations o ON o.id = s.organisation_id LEFT JOIN organisations p ON p.id = o.parent_id
         ${inScope} GROUP BY 1, 2 ORDER BY 1, 2`,
        ...params,
      );
      const expected = new Map<string, { date: string; coveredRemaining: number; breach: number }[]>();
      for (const { acronym, ...point } of perDepartment) {
        if (point.date < figures.asOf) expected.set(acronym, [...(expected.get(acronym) ?? []), point]);
      }
      // Each department's last point is its live figures, with its agencies'.
      for (const o of figures.organisations) {
        const department = o.parentAcronym ?? o.acronym;
        const points = expected.get(department) ?? [];
        const last = points.at(-1)?.date === figures.asOf ? points.pop()! : { date: figures.asOf, coveredRemaining: 0, breach: 0 };
        expected.set(department, [...points, { date: figures.asOf, coveredRemaining: last.coveredRemaining + o.coveredRemaining, breach: last.breach + o.breach }]);
      }
      const got = [...figures.trendByOrganisation].sort((a, b) => (a.acronym < b.acronym ? -1 : 1));
      expect(new Map(got.map((t) => [t.acronym, t.points]))).toEqual(expected);
      if (!actor.scope.all) expect(got.map((t) => t.acronym)).toEqual(["HO"]);
    }
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

  it("plots month ends and the last two weeks, however many daily snapshots there are", () => {
    const days = (from: string, n: number) =>
      Array.from({ length: n }, (_, i) => new Date(Date.parse(`${from}T00:00:00Z`) + i * 86_400_000).toISOString().slice(0, 10));
    // Four years of daily snapshots.
    const daily = days("2022-11-30", 4 * 365);
    const plotted = chartDates(daily);
    expect(plotted[0]).toBe("2022-11-30");
    expect(plotted).toContain("2025-04-30");
    expect(plotted).toContain("2023-02-28");
    expect(plotted).not.toContain("2023-02-27");
    expect(plotted.slice(-14)).toEqual(daily.slice(-14));
    expect(plotted.length).toBeLessThanOrEqual(1 + 49 + 14);
    expect(plotted).toEqual([...plotted].sort());
    // Already sparse history (month ends and two weeks, as the seed writes) is kept whole.
    const sparse = ["2022-11-30", "2022-12-31", "2023-01-31", ...days("2023-02-15", 14)];
    expect(chartDates(sparse)).toEqual(sparse);
    expect(chartDates([])).toEqual([]);
    expect(chartDates(["2026-11-28"])).toEqual(["2026-11-28"]);
  });

  it("charts the burn-down from the snapshots with the removal deadline", async () => {
    const { charts, figures } = await getDashboard(await actorFor(CABINET_OFFICE), DEFAULT_QUERY);
    expect(charts.deadline).toBe(figures.policy.removalDeadline);
    const dates = [...(await listSnapshotDates())].reverse();
    expect(charts.burnDown.map((p) => p.date)).toEqual(chartDates(dates));
    expect(charts.burnDown.map((p) => p.date)).toContain(charts.deadline);
    expect(charts.status.map((s) => s.count).reduce((a, b) => a + b, 0)).toBe(figures.organisations.length);
    expect(charts.trend.length).toBeGreaterThan(0);
    expect(charts.trend.length).toBeLessThanOrEqual(6);
    // The table alternative has the chart's departments, in the chart's order.
    expect(charts.trendTable.rows.map((r) => r.acronym)).toEqual(charts.trend.map((s) => s.acronym));
  });
});

describe("the organisations table", () => {
  it("reads filters and sort from the URL and ignores nonsense", () => {
    expect(parseDashboardQuery({ status: "RED", type: "AGENCY", parent: "12", sort: "breach", dir: "asc", asOf: "2025-04-30" })).toEqual({
      status: "RED", type: "AGENCY", parent: 12, sort: "breach", dir: "asc", asOf: "2025-04-30", page: 1,
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
    const csv = organisationsCsv(rows, figures);
    const lines = parse(csv.replace(/^\uFEFF/, ""), { relax_column_count: true }) as string[][];
    expect(lines[0]?.[0]).toContain("OFFICIAL-SENSITIVE");
    expect(lines[0]?.[0]).toContain("(live)");
    expect(lines[1]?.[0]).toBe("Organisation");
    expect(lines.slice(2).map((l) => l[1])).toEqual(rows.map((r) => r.acronym));
    expect(lines.slice(2).every((l) => l[4] === "Red: breach")).toBe(true);

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await organisationsXlsx(rows, figures)) as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet("Organisations");
    expect(sheet?.headerFooter.oddHeader).toContain("OFFICIAL-SENSITIVE");
    expect(sheet?.headerFooter.oddFooter).toContain("OFFICIAL-SENSITIVE");
    expect(sheet?.getRow(4).getCell(2).value).toBe(rows[0]?.acronym);

    expect(neutralise("=HYPERLINK(\"x\")")).toBe("'=HYPERLINK(\"x\")");
    for (const bad of ["+1", "-1", "@SUM(A1)", "\tx", "\rx"]) expect(neutralise(bad)).toBe(`'${bad}`);
    expect(neutralise("Home Office")).toBe("Home Office");
    const [first] = rows;
    if (first) {
      const evil = organisationsCsv([{ ...first, name: "=cmd|' /C calc'!A0" }], figures);
      expect(evil).toContain("'=cmd");
    }
  });
});

/** An organisation's figures with nothing in them but what paging looks at (breach doubles as a sort key). */
function fakeOrganisation(id: number, name: string, parentId: number | null = null): OrganisationFigures {
  return {
    id, name, acronym: `O${id}`, type: parentId === null ? "MINISTERIAL_DEPARTMENT" : "AGENCY", parentId,
    parentAcronym: parentId === null ? null : `O${parentId}`, status: "GREEN", sites: 0, sensitiveSites: 0, devices: 0,
    breach: id, actionDue: 0, unverified: 0, advisory: 0, compliant: 0, removed: 0, byRule: {}, inService: 0,
    inServiceComplete: 0, completeness: 1, coveredInService: 0, coveredRemaining: 0, coveredRemoved: 0,
    coveredSensitive: 0, coveredCore: 0, probableUnrecorded: 0, lastChangeAt: null,
  };
}

// Three departments, two of them with agencies, listed out of order.
const FAKE_ORGANISATIONS: OrganisationFigures[] = [
  fakeOrganisation(32, "Charlie Kilo", 3),
  fakeOrganisation(2, "Bravo"),
  fakeOrganisation(12, "Alpha South", 1),
  fakeOrganisation(3, "Charlie"),
  fakeOrganisation(11, "Alpha North", 1),
  fakeOrganisation(1, "Alpha"),
  fakeOrganisation(31, "Charlie East", 3),
  fakeOrganisation(13, "Alpha West", 1),
];

/** What a page shows in its name column, marking a repeated department. */
const namesOn = (page: OrganisationsPage) => page.rows.map((r) => (r.continued ? `${r.name} (continued)` : r.name));

/** Every page of `rows` at `perPage`, checked against the rules of paging; returns the pages. */
function checkedPages(rows: readonly OrganisationRow[], perPage: number): OrganisationsPage[] {
  const pageCount = Math.max(1, Math.ceil(rows.length / perPage));
  const pages: OrganisationsPage[] = [];
  for (let n = 1; n <= pageCount; n++) {
    const page = pageOfRows(rows, n, perPage);
    const at = `page ${n} of ${pageCount} at ${perPage} a page`;
    expect(page.page, at).toBe(n);
    expect(page.pageCount, at).toBe(pageCount);
    expect(page.total, at).toBe(rows.length);
    const own = page.rows.filter((r) => !r.continued);
    const expected = rows.slice((n - 1) * perPage, n * perPage);
    expect(own.map((r) => r.id), at).toEqual(expected.map((r) => r.id));
    expect(page.from, at).toBe(rows.length === 0 ? 0 : (n - 1) * perPage + 1);
    expect(page.to, at).toBe((n - 1) * perPage + own.length);
    // A repeated department comes first, only when the page opens among its agencies.
    const head = expected[0];
    const opensMidGroup = n > 1 && head?.depth === 1;
    expect(page.rows.filter((r) => r.continued).length, at).toBe(opensMidGroup ? 1 : 0);
    if (opensMidGroup && head) {
      expect(page.rows[0], at).toMatchObject({ id: head.parentId, depth: 0, continued: true });
      expect(page.rows[1]?.id, at).toBe(head.id);
    }
    pages.push(page);
  }
  return pages;
}

describe("paging the organisations table", () => {
  it("reads the page from the URL, and starts at the first page when it is missing or nonsense", () => {
    expect(DEFAULT_QUERY.page).toBe(1);
    expect(parseDashboardQuery({ page: "2" }).page).toBe(2);
    expect(parseDashboardQuery({ page: "17", status: "RED", sort: "breach" })).toEqual({ ...DEFAULT_QUERY, status: "RED", sort: "breach", dir: "desc", page: 17 });
    expect(parseDashboardQuery({ page: ["3", "5"] }).page).toBe(3);
    for (const nonsense of ["0", "-1", "abc", "", "1.5", "2e3", " 2", "0x10", "99999999999999999999", "9".repeat(400)]) {
      expect(parseDashboardQuery({ page: nonsense }).page, JSON.stringify(nonsense)).toBe(1);
    }
    // A large but well-formed page is kept here and shown as the last page (see getDashboard below).
    expect(parseDashboardQuery({ page: "999999" }).page).toBe(999_999);
  });

  it("keeps the page in a link only when the link is to a page, and leaves out the first page", () => {
    const onPage2: DashboardQuery = { ...DEFAULT_QUERY, page: 2 };
    expect(dashboardSearch(onPage2, { page: 3 })).toBe("?page=3");
    expect(dashboardSearch(onPage2, { page: 2 })).toBe("?page=2");
    expect(dashboardSearch(onPage2, { page: 1 })).toBe("");
    // A new sort, filter or date starts again at the first page.
    expect(dashboardSearch(onPage2)).toBe("");
    expect(dashboardSearch(onPage2, { sort: "breach", dir: "desc" })).toBe("?sort=breach");
    expect(dashboardSearch(onPage2, { sort: "name", dir: "desc" })).toBe("?dir=desc");
    expect(dashboardSearch(onPage2, { status: "RED" })).toBe("?status=RED");
    expect(dashboardSearch(onPage2, { asOf: "2025-04-30" })).toBe("?asOf=2025-04-30");
    // Paging keeps the view's filters and sort.
    const filtered: DashboardQuery = { ...DEFAULT_QUERY, status: "AMBER", type: "AGENCY", sort: "coveredRemaining", dir: "asc", page: 4 };
    expect(dashboardSearch(filtered, { page: 5 })).toBe("?status=AMBER&type=AGENCY&sort=coveredRemaining&dir=asc&page=5");
    expect(dashboardSearch(filtered, { page: 1 })).toBe("?status=AMBER&type=AGENCY&sort=coveredRemaining&dir=asc");
    // What a page link writes, the URL reads back.
    const params = Object.fromEntries(new URLSearchParams(dashboardSearch(filtered, { page: 5 })));
    expect(parseDashboardQuery(params)).toEqual({ ...filtered, page: 5 });
  });

  it("cuts the rows into pages, the last one partial, and shows a page past the end as the last", () => {
    const rows = organisationRows(FAKE_ORGANISATIONS, DEFAULT_QUERY);
    expect(rows.map((r) => r.name)).toEqual(["Alpha", "Alpha North", "Alpha South", "Alpha West", "Bravo", "Charlie", "Charlie East", "Charlie Kilo"]);

    const all = pageOfRows(rows, 1);
    expect(all).toMatchObject({ page: 1, pageCount: 1, from: 1, to: 8, total: 8 });
    expect(all.rows.map((r) => r.id)).toEqual(rows.map((r) => r.id));

    const fours = [pageOfRows(rows, 1, 4), pageOfRows(rows, 2, 4)];
    expect(fours.map((p) => [p.page, p.pageCount, p.from, p.to, p.rows.length])).toEqual([[1, 2, 1, 4, 4], [2, 2, 5, 8, 4]]);

    const fives = pageOfRows(rows, 2, 5);
    expect(fives).toMatchObject({ page: 2, pageCount: 2, from: 6, to: 8, total: 8 });
    expect(namesOn(fives)).toEqual(["Charlie", "Charlie East", "Charlie Kilo"]);

    for (const past of [3, 99, 999_999]) {
      const last = pageOfRows(rows, past, 5);
      expect(last.page).toBe(2);
      expect(namesOn(last)).toEqual(namesOn(fives));
    }
    for (const before of [0, -1]) expect(pageOfRows(rows, before, 5)).toEqual(pageOfRows(rows, 1, 5));

    for (const page of [1, 2, 50]) {
      expect(pageOfRows([], page)).toEqual({ rows: [], page: 1, pageCount: 1, from: 0, to: 0, total: 0 });
    }
  });

  it("repeats the department at the top of a page that starts among its agencies, outside the count", () => {
    const rows = organisationRows(FAKE_ORGANISATIONS, DEFAULT_QUERY);
    const pages = [1, 2, 3].map((n) => pageOfRows(rows, n, 3));
    expect(pages.map(namesOn)).toEqual([
      ["Alpha", "Alpha North", "Alpha South"],
      ["Alpha (continued)", "Alpha West", "Bravo", "Charlie"],
      ["Charlie (continued)", "Charlie East", "Charlie Kilo"],
    ]);
    expect(pages.map((p) => [p.from, p.to])).toEqual([[1, 3], [4, 6], [7, 8]]);
    expect(pages[1]?.rows[0]).toMatchObject({ id: 1, depth: 0, parentId: null, continued: true });
    // The repeated row is a copy: the rows paged stay as they were.
    expect(rows.some((r) => r.continued)).toBe(false);
    // A page that starts with a department repeats nothing.
    expect(pageOfRows(rows, 2, 4).rows[0]).toMatchObject({ name: "Bravo" });
    expect(pageOfRows(rows, 2, 4).rows.some((r) => r.continued)).toBe(false);

    for (let perPage = 1; perPage <= rows.length + 1; perPage++) checkedPages(rows, perPage);
    expect(checkedPages(rows, 1).filter((p) => p.rows[0]?.continued).map((p) => p.page)).toEqual([2, 3, 4, 7, 8]);
  });

  it("never repeats a row in a flat list, sorted by a figure or with agencies on their own", () => {
    const flat = organisationRows(FAKE_ORGANISATIONS, { ...DEFAULT_QUERY, sort: "breach", dir: "desc" });
    expect(flat.map((r) => r.id)).toEqual([32, 31, 13, 12, 11, 3, 2, 1]);
    const agencies = organisationRows(FAKE_ORGANISATIONS, { ...DEFAULT_QUERY, type: "AGENCY" });
    expect(agencies.every((r) => r.depth === 0)).toBe(true);
    for (const rows of [flat, agencies]) {
      for (let perPage = 1; perPage <= rows.length + 1; perPage++) {
        for (const page of checkedPages(rows, perPage)) expect(page.rows.some((r) => r.continued)).toBe(false);
      }
    }
  });

  it("shows every seeded organisation exactly once across the pages, in the table's order, whatever the page size", async () => {
    const { figures } = await getDashboard(await actorFor(CABINET_OFFICE), DEFAULT_QUERY);
    const queries: DashboardQuery[] = [
      DEFAULT_QUERY,
      { ...DEFAULT_QUERY, dir: "desc" },
      { ...DEFAULT_QUERY, sort: "coveredRemaining", dir: "desc" },
      { ...DEFAULT_QUERY, sort: "status", dir: "desc" },
      { ...DEFAULT_QUERY, status: "RED" },
    ];
    for (const query of queries) {
      const rows = organisationRows(figures.organisations, query);
      for (const perPage of [1, 2, 3, 7, 10, ORGANISATIONS_PER_PAGE, rows.length, rows.length + 1]) {
        if (perPage < 1) continue;
        const shown = checkedPages(rows, perPage).flatMap((p) => p.rows.filter((r) => !r.continued).map((r) => r.id));
        expect(shown).toEqual(rows.map((r) => r.id));
        expect(new Set(shown).size).toBe(shown.length);
      }
    }
    const all = organisationRows(figures.organisations, DEFAULT_QUERY);
    expect(new Set(all.map((r) => r.id))).toEqual(new Set(figures.organisations.map((o) => o.id)));
  });

  it("gives the dashboard a page of the table and every matching row for the export", async () => {
    const actor = await actorFor(CABINET_OFFICE);
    const first = await getDashboard(actor, DEFAULT_QUERY);
    const total = first.figures.organisations.length;
    // The seed has more organisations than fit on one page.
    expect(total).toBeGreaterThan(ORGANISATIONS_PER_PAGE);
    const pageCount = Math.ceil(total / ORGANISATIONS_PER_PAGE);
    expect(first.table).toMatchObject({ page: 1, pageCount, from: 1, to: ORGANISATIONS_PER_PAGE, total });
    expect(first.table.rows).toHaveLength(ORGANISATIONS_PER_PAGE);
    expect(first.rows).toHaveLength(total);
    expect(first.query.page).toBe(1);

    const shown: number[] = [];
    for (let n = 1; n <= pageCount; n++) {
      const { table, rows, query } = await getDashboard(actor, { ...DEFAULT_QUERY, page: n });
      expect(query.page).toBe(n);
      expect(table.page).toBe(n);
      expect(table.from).toBe((n - 1) * ORGANISATIONS_PER_PAGE + 1);
      expect(table.to).toBe(Math.min(n * ORGANISATIONS_PER_PAGE, total));
      // The export takes every row, whichever page is on screen.
      expect(rows.map((r) => r.id)).toEqual(first.rows.map((r) => r.id));
      shown.push(...table.rows.filter((r) => !r.continued).map((r) => r.id));
    }
    expect(shown).toEqual(organisationRows(first.figures.organisations, DEFAULT_QUERY).map((r) => r.id));
    expect(new Set(shown).size).toBe(total);

    const beyond = await getDashboard(actor, parseDashboardQuery({ page: "999999" }));
    expect(beyond.table.page).toBe(pageCount);
    expect(beyond.query.page).toBe(pageCount);
    expect(beyond.table.to).toBe(total);

    // A filter that fits on one page shows it all.
    const red = await getDashboard(actor, { ...DEFAULT_QUERY, status: "RED", page: 3 });
    if (red.rows.length <= ORGANISATIONS_PER_PAGE) {
      expect(red.table).toMatchObject({ page: 1, pageCount: 1, total: red.rows.length });
      expect(red.table.rows.map((r) => r.id)).toEqual(red.rows.map((r) => r.id));
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
    expect(events[0]?.summary).toBe("Downloaded the organisations table as XLSX: 7 organisations, as of 1 January 2026 (live)");
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
