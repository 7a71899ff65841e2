import { createHash } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pdfText } from "../support/pdf-text";
import { AppError } from "@/lib/auth/errors";
import { listSnapshotDates } from "@/lib/data/figures";
import { generateReport, listRecentReports, reportChoices } from "@/lib/data/reports";
import { actorFor, testDb } from "./helpers";

const MINISTER = "private.office@minister.example.gov.uk";
const MOJ_EDITOR = "editor@moj.example.gov.uk";
const HO_VIEWER = "viewer@ho.example.gov.uk";
interface OrgRow { acronym: string; name: string; status: string; breach: number; covered_remaining: number; devices: number }

/** The stored figures, read straight from the database to check the reports against. */
async function storedOrganisations(acronyms?: string[]): Promise<OrgRow[]> {
  return testDb().$queryRawUnsafe<OrgRow[]>(
    `SELECT o.acronym, o.name, c.status::text AS status, c.breach, c.covered_remaining, c.devices
     FROM organisations o JOIN org_compliance c ON c.organisation_id = o.id
     ${acronyms ? "WHERE o.acronym = ANY($1::text[])" : ""} ORDER BY o.name`,
    ...(acronyms ? [acronyms] : []),
  );
}

async function auditFor(reportId: number) {
  return testDb().auditEvent.findMany({
    where: { entityType: "report", entityId: String(reportId) },
    select: { action: true, actorEmail: true, organisationId: true, summary: true, after: true },
  });
}

let dir = "";
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "reports-it-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("reports for the minister's office (all government)", () => {
  it("the CSV lists every organisation with the stored figures, and the download is recorded with its hash", async () => {
    const actor = await actorFor(MINISTER);
    const report = await generateReport(actor, { format: "CSV", asOf: null, organisationId: null });
    const stored = await storedOrganisations();
    const rows = parse(report.body.toString("utf8"), { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r.Acronym)).toEqual(stored.map((s) => s.acronym));
    for (const [i, s] of stored.entries()) {
      expect(Number(rows[i]?.Breach)).toBe(s.breach);
      expect(Number(rows[i]?.Devices)).toBe(s.devices);
      expect(Number(rows[i]?.["Covered devices remaining on controlled sites"])).toBe(s.covered_remaining);
    }
    expect(report.filename).toMatch(/^estate-camera-report-all-government-\d{4}-\d{2}-\d{2}\.csv$/);

    const sha = createHash("sha256").update(report.body).digest("hex");
    expect(report.sha256).toBe(sha);
    const row = await testDb().generatedReport.findUniqueOrThrow({
      where: { id: report.id },
      select: { userId: true, userEmail: true, format: true, scope: true, organisationId: true, sha256: true, bytes: true },
    });
    expect(row).toEqual({ userId: actor.id, userEmail: MINISTER, format: "CSV", scope: "All government", organisationId: null, sha256: sha, bytes: report.body.length });
    const audit = await auditFor(report.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: "report.generated", actorEmail: MINISTER, organisationId: null });
    expect(audit[0]?.after).toMatchObject({ format: "CSV", scope: "All government", sha256: sha, bytes: report.body.length });
  });

  it("the XLSX totals agree with the database", async () => {
    const actor = await actorFor(MINISTER);
    const report = await generateReport(actor, { format: "XLSX", asOf: null, organisationId: null });
    const stored = await storedOrganisations();
    const workbook = new ExcelJS.Workbook();
    // exceljs declares its own Buffer type (an ArrayBuffer), so hand it a copy of the bytes.
    await workbook.xlsx.load(new Uint8Array(report.body).buffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(["Summary", "Organisations", "Returns", "Breaches", "Trend"]);
    const summary = new Map<string, unknown>();
    workbook.getWorksheet("Summary")!.eachRow((r) => {
      // The headline figures come before the progress table, which repeats some labels.
      const label = String(r.getCell(1).value);
      if (!summary.has(label)) summary.set(label, r.getCell(2).value);
    });
    expect(summary.get("Protective marking")).toBe("OFFICIAL-SENSITIVE");
    expect(summary.get("Devices in breach")).toBe(stored.reduce((s, o) => s + o.breach, 0));
    expect(summary.get("Devices recorded")).toBe(stored.reduce((s, o) => s + o.devices, 0));
    expect(summary.get("Organisations red (breach)")).toBe(stored.filter((o) => o.status === "RED").length);
    const orgs = workbook.getWorksheet("Organisations")!;
    expect(orgs.rowCount).toBe(stored.length + 1);
    for (const sheet of workbook.worksheets) expect(sheet.headerFooter.oddHeader).toContain("OFFICIAL-SENSITIVE");
  });

  it("the PDF carries the marking on every page and the database's figures", async () => {
    const actor = await actorFor(MINISTER);
    const report = await generateReport(actor, { format: "PDF", asOf: null, organisationId: null });
    const file = join(dir, report.filename);
    await writeFile(file, report.body);
    const stdout = await pdfText(file);
    const pages = stdout.split("\f").filter((p) => p.trim() !== "");
    expect(pages.length).toBeGreaterThan(1);
    pages.forEach((page, i) => {
      const lines = page.split("\n").map((l) => l.trim()).filter(Boolean);
      expect(lines[0]).toBe("OFFICIAL-SENSITIVE");
      expect(lines.at(-1)).toMatch(new RegExp(`^OFFICIAL-SENSITIVE\\s+Page ${i + 1} of ${pages.length}$`));
    });
    const stored = await storedOrganisations();
    const withData = stored.filter((o) => o.status !== "NO_DATA").length;
    const green = stored.filter((o) => o.status === "GREEN").length;
    const breach = stored.reduce((s, o) => s + o.breach, 0);
    const text = stdout.replace(/\s+/g, " ");
    expect(text).toContain(`${withData} organisations have data: ${green} ${green === 1 ? "is" : "are"} compliant (green)`);
    expect(text).toContain(`with ${breach.toLocaleString("en-GB")} devices in breach of the directive`);
    expect(text).toContain(`Total (${stored.length} organisations)`);
    // Counts only: no site name or site code appears anywhere in the minister's report.
    const sites = await testDb().site.findMany({ where: { name: { not: "" } }, select: { name: true }, take: 200 });
    for (const s of sites) expect(text).not.toContain(s.name);
  });

  it("a snapshot date gives that day's figures", async () => {
    const actor = await actorFor(MINISTER);
    const dates = await listSnapshotDates();
    const date = dates[Math.min(5, dates.length - 1)]!;
    const report = await generateReport(actor, { format: "CSV", asOf: date, organisationId: null });
    expect(report.filename).toContain(date);
    const snapshot = await testDb().$queryRawUnsafe<{ total: number }[]>(
      `SELECT sum(breach)::int AS total FROM org_snapshots WHERE date = $1::date`, date);
    const rows = parse(report.body.toString("utf8"), { columns: true }) as Record<string, string>[];
    expect(rows.reduce((s, r) => s + Number(r.Breach), 0)).toBe(snapshot[0]?.total);
    const row = await testDb().generatedReport.findUniqueOrThrow({ where: { id: report.id }, select: { asOf: true } });
    expect(row.asOf.toISOString().slice(0, 10)).toBe(date);
  });

  it("a date without a snapshot is not found", async () => {
    const actor = await actorFor(MINISTER);
    await expect(generateReport(actor, { format: "CSV", asOf: "1999-01-01", organisationId: null })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("offers all government and every department", async () => {
    const choices = await reportChoices(await actorFor(MINISTER));
    expect(choices.scopes[0]).toEqual({ organisationId: null, label: "All government" });
    expect(choices.scopes.some((s) => s.label.startsWith("Ministry of Justice"))).toBe(true);
    expect(choices.scopes.some((s) => s.label.startsWith("HM Prison and Probation Service"))).toBe(false);
    expect(choices.snapshotDates.length).toBeGreaterThan(0);
  });
});

describe("reports for an organisation's own users", () => {
  it("a MoJ editor gets MoJ with its agencies, whatever scope they ask for by default", async () => {
    const actor = await actorFor(MOJ_EDITOR);
    const report = await generateReport(actor, { format: "CSV", asOf: null, organisationId: null });
    const rows = parse(report.body.toString("utf8"), { columns: true }) as Record<string, string>[];
    const expected = await testDb().organisation.findMany({
      where: { OR: [{ id: actor.organisationId! }, { parentId: actor.organisationId! }] },
      select: { acronym: true },
    });
    expect(rows.map((r) => r.Acronym).sort()).toEqual(expected.map((o) => o.acronym).sort());
    expect(report.filename).toMatch(/^estate-camera-report-moj-/);
    const row = await testDb().generatedReport.findUniqueOrThrow({ where: { id: report.id }, select: { organisationId: true, scope: true } });
    expect(row.organisationId).toBe(actor.organisationId);
    expect(row.scope).toContain("Ministry of Justice");

    const choices = await reportChoices(actor);
    expect(choices.scopes).toEqual([{ organisationId: actor.organisationId, label: expect.stringContaining("Ministry of Justice") }]);
  });

  it("another organisation is not found, and nothing is recorded", async () => {
    const actor = await actorFor(MOJ_EDITOR);
    const ho = await testDb().organisation.findUniqueOrThrow({ where: { acronym: "HO" }, select: { id: true } });
    const before = await testDb().generatedReport.count();
    const attempt = generateReport(actor, { format: "PDF", asOf: null, organisationId: ho.id });
    await expect(attempt).rejects.toBeInstanceOf(AppError);
    await expect(attempt).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await testDb().generatedReport.count()).toBe(before);
  });

  it("recent reports are scoped: the Home Office sees none of the MoJ's, the minister's office sees them all", async () => {
    const moj = await actorFor(MOJ_EDITOR);
    const mojReport = await generateReport(moj, { format: "CSV", asOf: null, organisationId: null });
    const ho = await actorFor(HO_VIEWER);
    const hoReport = await generateReport(ho, { format: "CSV", asOf: null, organisationId: null });

    const seenByHo = await listRecentReports(ho);
    expect(seenByHo.map((r) => r.id)).toContain(hoReport.id);
    expect(seenByHo.map((r) => r.id)).not.toContain(mojReport.id);
    expect(seenByHo.every((r) => r.scope.includes("Home Office"))).toBe(true);

    const seenByMinister = await listRecentReports(await actorFor(MINISTER));
    expect(seenByMinister.map((r) => r.id)).toEqual(expect.arrayContaining([mojReport.id, hoReport.id]));
    expect(seenByMinister[0]?.id).toBe(hoReport.id);
    expect(seenByMinister[0]?.sha256).toMatch(/^[0-9a-f]{64}$/);
  });
});
