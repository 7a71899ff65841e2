import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { chartsOf, headlineOf } from "@/lib/data/dashboard";
import { reevaluate } from "@/lib/data/evaluation";
import { computeComplianceFigures, getComplianceFigures, type ComplianceFigures } from "@/lib/data/figures";
import { getOrganisation } from "@/lib/data/organisations";
import { reportChoices } from "@/lib/data/reports";
import { todayInLondon } from "@/lib/platform/today";
import { formatPercent } from "@/lib/presentation/figures-format";
import { buildCsv } from "@/lib/reports/build-csv";
import { figuresBasis } from "@/lib/reports/figures-basis";
import { ORGANISATION_COLUMNS, scopeLabel } from "@/lib/reports/format";
import { actorFor, testDb } from "./helpers";

// The single figures function against a register small enough to count by hand: a department
// with one agency, and a department with none, beside the demo data (every query here is scoped
// to them). Six devices, each chosen for one rule:
//
//   Department (FIG-D), sensitive site S1:  D1 Hikvision from 2020, segregated  -> breach (removal deadline passed)
//                                           D2 Hikvision, removed               -> removed from a controlled site
//                                           D3 Axis, everything known           -> compliant
//                       ordinary site S2:   D4 Hikvision on the core network    -> breach (core network)
//   Agency (FIG-A),     sensitive site S3:  D5 Axis, install date and network unknown -> compliant, incomplete
//                                           D6 Hikvision from 2021, segregated  -> breach (removal deadline passed)
//
// Snapshots by hand on three dates, the last one today's, taken (as at start-up) before the day's
// changes: the live figures must not take its numbers.

const CABINET_OFFICE = "analyst@cabinetoffice.example.gov.uk";
const TODAY = todayInLondon();
const FIRST = "2022-11-30";
const DEADLINE = "2025-04-30";

let department = 0;
let agency = 0;
let lone = 0;
let co: Actor;

async function organisation(name: string, acronym: string, type: "MINISTERIAL_DEPARTMENT" | "AGENCY", parentId: number | null): Promise<number> {
  const row = await testDb().organisation.create({
    data: { name, acronym, slug: acronym.toLowerCase(), type, parentId },
    select: { id: true },
  });
  return row.id;
}

async function site(organisationId: number, code: string, sensitivity: "SENSITIVE" | "NOT_SENSITIVE"): Promise<number> {
  const row = await testDb().site.create({
    data: { organisationId, name: `Figures site ${code}`, siteCode: code, addressLine1: "1 Test Street", town: "Testtown", postcode: "TE1 1ST", sensitivity },
    select: { id: true },
  });
  return row.id;
}

type DeviceFacts = {
  brand: string; installedOn: string | null; network: "CORE" | "SEGREGATED" | "UNKNOWN";
  lifecycle?: "IN_SERVICE" | "REMOVED"; removedOn?: string;
};

async function device(organisationId: number, siteId: number, facts: DeviceFacts): Promise<void> {
  await testDb().device.create({
    data: {
      organisationId, siteId, kind: "CAMERA", brand: facts.brand, network: facts.network, vendorCloud: false,
      installedOn: facts.installedOn ? new Date(`${facts.installedOn}T00:00:00Z`) : null,
      lifecycle: facts.lifecycle ?? "IN_SERVICE",
      removedOn: facts.removedOn ? new Date(`${facts.removedOn}T00:00:00Z`) : null,
    },
  });
}

async function snapshot(organisationId: number, date: string, f: { remaining: number; removed: number; breach: number; status: "RED" | "AMBER" | "GREEN" }): Promise<void> {
  await testDb().orgSnapshot.create({
    data: {
      organisationId, date: new Date(`${date}T00:00:00Z`), status: f.status, sites: 1, sensitiveSites: 1, devices: 3,
      breach: f.breach, actionDue: 0, unverified: 0, advisory: 0, compliant: 1, removed: f.removed, byRule: {},
      inService: 2, inServiceComplete: 2, coveredInService: f.remaining, coveredRemaining: f.remaining,
      coveredRemoved: f.removed, coveredSensitive: f.remaining, coveredCore: 0,
    },
  });
}

beforeAll(async () => {
  co = await actorFor(CABINET_OFFICE);
  department = await organisation("Department for Figures", "FIG-D", "MINISTERIAL_DEPARTMENT", null);
  agency = await organisation("Agency for Figures", "FIG-A", "AGENCY", department);
  lone = await organisation("Department Without Agencies", "FIG-L", "MINISTERIAL_DEPARTMENT", null);
  const s1 = await site(department, "FIG-S1", "SENSITIVE");
  const s2 = await site(department, "FIG-S2", "NOT_SENSITIVE");
  const s3 = await site(agency, "FIG-S3", "SENSITIVE");
  await device(department, s1, { brand: "Hikvision", installedOn: "2020-01-01", network: "SEGREGATED" });
  await device(department, s1, { brand: "Hikvision", installedOn: "2020-01-01", network: "SEGREGATED", lifecycle: "REMOVED", removedOn: "2024-05-01" });
  await device(department, s1, { brand: "Axis", installedOn: "2021-06-01", network: "SEGREGATED" });
  await device(department, s2, { brand: "Hikvision", installedOn: "2019-03-01", network: "CORE" });
  await device(agency, s3, { brand: "Axis", installedOn: null, network: "UNKNOWN" });
  await device(agency, s3, { brand: "Hikvision", installedOn: "2021-02-01", network: "SEGREGATED" });
  await reevaluate(testDb(), { organisationIds: [department, agency, lone] }, TODAY);

  await snapshot(department, FIRST, { remaining: 3, removed: 0, breach: 1, status: "RED" });
  await snapshot(agency, FIRST, { remaining: 2, removed: 0, breach: 0, status: "AMBER" });
  await snapshot(department, DEADLINE, { remaining: 2, removed: 1, breach: 1, status: "RED" });
  await snapshot(agency, DEADLINE, { remaining: 1, removed: 0, breach: 1, status: "RED" });
  await snapshot(department, TODAY, { remaining: 3, removed: 0, breach: 1, status: "RED" });
  await snapshot(agency, TODAY, { remaining: 1, removed: 0, breach: 1, status: "RED" });
});

afterAll(async () => {
  const ids = [department, agency, lone].filter((id) => id > 0);
  const db = testDb();
  await db.deviceCompliance.deleteMany({ where: { device: { organisationId: { in: ids } } } });
  await db.device.deleteMany({ where: { organisationId: { in: ids } } });
  await db.siteCompliance.deleteMany({ where: { site: { organisationId: { in: ids } } } });
  await db.site.deleteMany({ where: { organisationId: { in: ids } } });
  await db.orgCompliance.deleteMany({ where: { organisationId: { in: ids } } });
  await db.orgSnapshot.deleteMany({ where: { organisationId: { in: ids } } });
  await db.organisation.deleteMany({ where: { id: { in: [agency, department, lone].filter((id) => id > 0) } } });
});

describe("the figures of a hand-built register", () => {
  it("add up to what was counted by hand, live", async () => {
    const figures = await computeComplianceFigures(co, { organisationId: department });
    expect(figures.source).toBe("current");
    expect(figures.asOf).toBe(TODAY);
    expect(figures.organisations.map((o) => o.acronym).sort()).toEqual(["FIG-A", "FIG-D"]);
    const t = figures.totals;
    expect({
      organisations: t.organisations, byStatus: t.byStatus, sites: t.sites, sensitiveSites: t.sensitiveSites, devices: t.devices,
      breach: t.breach, compliant: t.compliant, removed: t.removed, coveredRemaining: t.coveredRemaining,
      coveredRemoved: t.coveredRemoved, coveredCore: t.coveredCore, coveredInService: t.coveredInService,
      inService: t.inService, inServiceComplete: t.inServiceComplete,
    }).toEqual({
      organisations: 2, byStatus: { RED: 2, AMBER: 0, GREEN: 0, NO_DATA: 0 }, sites: 3, sensitiveSites: 2, devices: 6,
      breach: 3, compliant: 2, removed: 1, coveredRemaining: 2, coveredRemoved: 1, coveredCore: 1, coveredInService: 3,
      inService: 5, inServiceComplete: 4,
    });
    expect(t.completeness).toBe(0.8);
    expect(t.breachesByRule).toEqual({ "R2-CORE-NETWORK": 1, "R3-REMOVAL": 2 });
    const own = figures.organisations.find((o) => o.id === department)!;
    const theirs = figures.organisations.find((o) => o.id === agency)!;
    expect([own.breach, own.coveredRemaining, own.coveredRemoved, own.inService, own.inServiceComplete]).toEqual([2, 1, 1, 3, 3]);
    expect([theirs.breach, theirs.coveredRemaining, theirs.coveredRemoved, theirs.inService, theirs.inServiceComplete]).toEqual([1, 1, 0, 2, 1]);
  });

  it("end the burn-down and the trend on the live figures, not on the snapshot taken earlier today", async () => {
    const figures = await computeComplianceFigures(co, { organisationId: department });
    expect(figures.burnDown).toEqual([
      { date: FIRST, coveredRemaining: 5, coveredRemoved: 0, breach: 1, red: 1, amber: 1, green: 0 },
      { date: DEADLINE, coveredRemaining: 3, coveredRemoved: 1, breach: 2, red: 2, amber: 0, green: 0 },
      { date: TODAY, coveredRemaining: 2, coveredRemoved: 1, breach: 3, red: 2, amber: 0, green: 0 },
    ]);
    // The agency counts towards its department's line.
    expect(figures.trendByOrganisation).toEqual([
      { acronym: "FIG-D", points: [
        { date: FIRST, coveredRemaining: 5, breach: 1 },
        { date: DEADLINE, coveredRemaining: 3, breach: 2 },
        { date: TODAY, coveredRemaining: 2, breach: 3 },
      ] },
    ]);
    expect(figures.previous?.date).toBe(DEADLINE);
    expect(figures.previous?.totals.coveredRemaining).toBe(3);
    expect(figures.baseline?.date).toBe(FIRST);

    // Every view of them says the same.
    const headline = headlineOf(figures);
    const charts = chartsOf(figures);
    expect(charts.burnDown.at(-1)).toEqual({ date: TODAY, coveredRemaining: headline.totals.coveredRemaining, coveredRemoved: headline.totals.coveredRemoved });
    expect(charts.liveDate).toBe(TODAY);
    expect(charts.trendTable.rows).toEqual([{ acronym: "FIG-D", values: [5, 3, 2] }]);
    expect(headline.sinceLast).toEqual({ date: DEADLINE, coveredRemaining: 3, coveredRemoved: 1, removedSince: 1 });
    expect(headline.sinceDirective?.removedSince).toBe(3);
  });

  it("as of a snapshot are that snapshot's, to the end of its chart", async () => {
    for (const [date, remaining, removed] of [[DEADLINE, 3, 1], [TODAY, 4, 0]] as const) {
      const figures = await computeComplianceFigures(co, { organisationId: department, asOf: date });
      expect(figures.source).toBe("snapshot");
      expect([figures.totals.coveredRemaining, figures.totals.coveredRemoved]).toEqual([remaining, removed]);
      expect(figures.burnDown.at(-1)).toMatchObject({ date, coveredRemaining: remaining, coveredRemoved: removed });
      expect(figuresBasis(figures)).toBe(date === TODAY ? `snapshot of ${formatLongDateOf(TODAY)}` : "snapshot of 30 April 2025");
    }
  });

  it("are the same through the cache, on the organisation page and in the CSV", async () => {
    const fresh = await computeComplianceFigures(co, { organisationId: department });
    const cached = await getComplianceFigures(co, { organisationId: department });
    expect(strip(cached)).toEqual(strip(fresh));

    const page = await getOrganisation(co, department);
    expect(page.source).toBe("current");
    expect(page.withAgencies).toEqual(fresh.totals);
    expect((await getOrganisation(co, agency)).withAgencies).toBeNull();

    const rows = parse(buildCsv(fresh)) as string[][];
    const column = (name: (typeof ORGANISATION_COLUMNS)[number]) => ORGANISATION_COLUMNS.indexOf(name);
    const byAcronym = new Map(rows.slice(1).map((r) => [r[column("Acronym")], r]));
    expect(byAcronym.get("FIG-D")?.[column("Data completeness (%)")]).toBe("100");
    expect(byAcronym.get("FIG-A")?.[column("Data completeness (%)")]).toBe("50");
    expect(byAcronym.get("FIG-A")?.[column("Status")]).toBe("Red: breach");
    expect(formatPercent(fresh.totals.completeness)).toBe("80%");
  });

  it("name a department 'with its agencies' only when it has any", async () => {
    const withAgency = await computeComplianceFigures(co, { organisationId: department });
    const alone = await computeComplianceFigures(co, { organisationId: lone });
    const justTheAgency = await computeComplianceFigures(co, { organisationId: agency });
    expect(scopeLabel(withAgency.scope, withAgency.organisations)).toBe("Department for Figures (FIG-D) with its agencies");
    expect(scopeLabel(alone.scope, alone.organisations)).toBe("Department Without Agencies (FIG-L)");
    expect(scopeLabel(justTheAgency.scope, justTheAgency.organisations)).toBe("Agency for Figures (FIG-A)");
    const { scopes } = await reportChoices(co);
    expect(scopes.find((s) => s.organisationId === department)?.label).toBe("Department for Figures (FIG-D) with its agencies");
    expect(scopes.find((s) => s.organisationId === lone)?.label).toBe("Department Without Agencies (FIG-L)");
  });
});

function formatLongDateOf(iso: string): string {
  return new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(new Date(`${iso}T00:00:00Z`));
}

/** The figures without the time they were read, which the cache keeps from its first read. */
function strip(f: ComplianceFigures) {
  return { ...f, computedAt: "" };
}
