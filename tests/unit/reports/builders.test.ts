import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pdfText } from "../../support/pdf-text";
import { buildCsv, CSV_COLUMNS } from "@/lib/reports/build-csv";
import { buildPdf } from "@/lib/reports/build-pdf";
import { buildXlsx } from "@/lib/reports/build-xlsx";
import { ORGANISATION_COLUMNS } from "@/lib/reports/format";
import { summaryParagraph } from "@/lib/reports/summary-text";
import { org, sampleFigures } from "./fixtures";

const meta = { generatedBy: "Private Office (private.office@minister.example.gov.uk)", generatedAt: "2026-11-28T14:05:00.000Z" };
describe("buildCsv", () => {
  it("is the organisations table with formula-like text neutralised", () => {
    const rows = parse(buildCsv(sampleFigures())) as string[][];
    expect(rows[0]).toEqual([...ORGANISATION_COLUMNS, "Return round", "Return status"]);
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    expect(rows).toHaveLength(5);
    expect(rows[1]?.slice(0, 9)).toEqual(["Home Office", "HO", "Ministerial department", "", "Red: breach", "10", "2", "100", "12"]);
    // Completeness by the service's one rounding rule; blank for an organisation with nothing in service.
    const completeness = ORGANISATION_COLUMNS.indexOf("Data completeness (%)");
    expect(rows[1]?.[completeness]).toBe("90");
    expect(rows[4]?.[completeness]).toBe("");
    // No round open: the return columns are empty.
    expect(rows[1]?.slice(-2)).toEqual(["", ""]);
    expect(rows[2]?.[0]).toBe("'=HYPERLINK(\"http://evil\")");
    expect(rows[3]?.[3]).toBe("MoJ");
  });
});

describe("buildXlsx", () => {
  it("puts the same figures on named sheets with frozen headers and the marking", async () => {
    const figures = sampleFigures();
    const workbook = new ExcelJS.Workbook();
    // exceljs declares its own Buffer type (an ArrayBuffer), so hand it a copy of the bytes.
    await workbook.xlsx.load(new Uint8Array(await buildXlsx(figures, meta)).buffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(["Summary", "Organisations", "Returns", "Breaches", "Trend"]);
    for (const sheet of workbook.worksheets) {
      expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
      expect(sheet.headerFooter.oddHeader).toContain("OFFICIAL-SENSITIVE");
      expect(sheet.headerFooter.oddFooter).toContain("OFFICIAL-SENSITIVE");
    }
    const summary = workbook.getWorksheet("Summary")!;
    const values = new Map<string, unknown>();
    summary.eachRow((row) => {
      const label = String(row.getCell(1).value);
      if (!values.has(label)) values.set(label, row.getCell(2).value);
    });
    expect(values.get("Protective marking")).toBe("OFFICIAL-SENSITIVE");
    expect(values.get("Summary")).toBe(summaryParagraph(figures));
    expect(values.get("Devices in breach")).toBe(12);
    expect(values.get("Scope")).toBe("All government");

    const orgs = workbook.getWorksheet("Organisations")!;
    expect(orgs.getRow(1).getCell(1).value).toBe("Organisation");
    expect(orgs.getRow(2).getCell(1).value).toBe("Home Office");
    expect(orgs.getRow(2).getCell(9).value).toBe(12);
    // Each row says whether its figures are live or a snapshot.
    expect(orgs.getRow(2).getCell(ORGANISATION_COLUMNS.indexOf("Figures") + 1).value).toBe("live");
    expect(orgs.getRow(3).getCell(1).value).toBe("'=HYPERLINK(\"http://evil\")");
    expect(orgs.rowCount).toBe(5);

    const breaches = workbook.getWorksheet("Breaches")!;
    expect(breaches.getRow(2).values).toEqual([undefined, "Home Office", "HO", 0, 7, 6, 12]);
    expect(breaches.getRow(3).values).toEqual([undefined, "Total", "", 0, 7, 6, 12]);
  });

  it("lists every department's covered equipment remaining at each snapshot on the Trend sheet", async () => {
    const figures = sampleFigures({
      trendByOrganisation: [
        { acronym: "MoJ", points: [{ date: "2022-11-30", coveredRemaining: 30, breach: 4 }, { date: "2026-11-28", coveredRemaining: 10, breach: 2 }] },
        { acronym: "HO", points: [{ date: "2022-11-30", coveredRemaining: 30, breach: 6 }, { date: "2024-06-30", coveredRemaining: 20, breach: 5 }, { date: "2026-11-28", coveredRemaining: 15, breach: 10 }] },
      ],
    });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(new Uint8Array(await buildXlsx(figures, meta)).buffer);
    const trend = workbook.getWorksheet("Trend")!;
    expect(trend.getRow(1).values).toEqual([undefined, "Snapshot date (or live)", "HO", "MoJ"]);
    // A department without a snapshot that day has an empty cell, not a zero.
    expect([2, 3, 4, 5].map((r) => trend.getRow(r).values)).toEqual([
      [undefined, "2022-11-30", 30, 30],
      [undefined, "2024-06-30", 20],
      [undefined, "2026-11-27"],
      [undefined, "2026-11-28 (live)", 15, 10],
    ]);
    expect(trend.rowCount).toBe(1 + figures.burnDown.length);
  });
});

describe("buildPdf", () => {
  let dir = "";
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "report-pdf-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("is an A4 PDF", async () => {
    const pdf = await buildPdf(sampleFigures(), meta);
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(pdf.toString("latin1")).toMatch(/\/MediaBox \[0 0 595\.28 841\.89\]/);
  });

  it("has selectable text with the marking and page number on every page", async () => {
    // Enough organisations to run over several pages.
    const many = Array.from({ length: 120 }, (_, i) => org({ id: 100 + i, name: `Organisation number ${i + 1}`, acronym: `O${i + 1}`, status: "GREEN" }));
    const figures = sampleFigures({ organisations: many });
    const file = join(dir, "report.pdf");
    await writeFile(file, await buildPdf(figures, meta));
    const stdout = await pdfText(file);
    const pages = stdout.split("\f").filter((p) => p.trim() !== "");
    expect(pages.length).toBeGreaterThan(2);
    pages.forEach((page, i) => {
      const lines = page.split("\n").map((l) => l.trim()).filter(Boolean);
      expect(lines[0]).toBe("OFFICIAL-SENSITIVE");
      expect(lines[lines.length - 1]).toMatch(new RegExp(`^OFFICIAL-SENSITIVE\\s+Page ${i + 1} of ${pages.length}$`));
    });
    const text = stdout.replace(/\s+/g, " ");
    expect(text).toContain("Visual surveillance equipment on the government estate: compliance summary");
    expect(text).toContain("Scope All government");
    expect(text).toContain("Live figures, 28 November 2026");
    expect(text).toContain("Generated by Private Office (private.office@minister.example.gov.uk)");
    expect(text).toContain("Generated at 28 November 2026 at 14:05");
    expect(text).toContain("Cut-off 24 November 2022; removal deadline 30 April 2025");
    expect(text).toContain(summaryParagraph(figures).replace(/\s+/g, " ").slice(0, 60));
    for (const heading of ["Headline figures", "Status of organisations", "Removal progress", "Breaches by rule and organisation", "Data completeness", "Method notes"]) {
      expect(text).toContain(heading);
    }
    expect(text).toContain("Organisation number 120 (O120)");
  });
});

describe("the latest return round in each format", () => {
  const returns = {
    round: { id: 3, name: "December 2026 return", asOf: "2026-12-01", dueOn: "2026-12-15" },
    departments: [
      { organisationId: 1, name: "Home Office", acronym: "HO", status: "ATTESTED" as const, attestedBy: "Olu Official", attestedAt: "2026-12-02T10:30:00.000Z" },
      { organisationId: 2, name: "=HYPERLINK(\"http://evil\")", acronym: "EVIL", status: "CHANGED" as const, attestedBy: "Sam Senior", attestedAt: "2026-12-01T16:00:00.000Z" },
      { organisationId: 4, name: "Ministry of Justice", acronym: "MoJ", status: "OVERDUE" as const, attestedBy: null, attestedAt: null },
    ],
  };
  const withReturns = { ...meta, returns };
  const PARAGRAPH =
    "The Cabinet Office's return round \"December 2026 return\" asks each department to attest its figures as of 1 December 2026, by 15 December 2026. " +
    "1 of 3 departments has attested figures that still stand; 1 department attested, but its figures have changed since; 1 department is overdue.";

  it("ends each CSV row with the round and its department's return, an agency's being its department's", () => {
    const rows = parse(buildCsv(sampleFigures(), returns)) as string[][];
    const byAcronym = new Map(rows.slice(1).map((r) => [r[1], r.slice(-2)]));
    expect(byAcronym.get("HO")).toEqual(["December 2026 return", "Attested"]);
    expect(byAcronym.get("EVIL")).toEqual(["December 2026 return", "Changed since attestation"]);
    expect(byAcronym.get("HMPPS")).toEqual(["December 2026 return", "Overdue"]);
    expect(byAcronym.get("MoJ")).toEqual(["December 2026 return", "Overdue"]);
    const outside = parse(buildCsv(sampleFigures(), { ...returns, departments: returns.departments.slice(0, 1) })) as string[][];
    expect(outside[4]?.slice(-2)).toEqual(["December 2026 return", "Not in the round"]);
  });

  it("names the round on the Summary sheet and lists each department's return on the Returns sheet", async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(new Uint8Array(await buildXlsx(sampleFigures(), withReturns)).buffer);
    const summary = workbook.getWorksheet("Summary")!;
    let round: unknown = null;
    summary.eachRow((row) => {
      if (row.getCell(1).value === "Return round") round = row.getCell(2).value;
    });
    expect(round).toBe(PARAGRAPH);
    const sheet = workbook.getWorksheet("Returns")!;
    const values = sheet.getSheetValues().slice(1).map((r) => (r as unknown[]).slice(1));
    expect(values).toEqual([
      ["Department", "Return", "Attested by", "Attested on"],
      ["Home Office (HO)", "Attested", "Olu Official", "2 December 2026"],
      ["'=HYPERLINK(\"http://evil\") (EVIL)", "Changed since attestation", "Sam Senior", "1 December 2026"],
      ["Ministry of Justice (MoJ)", "Overdue", "Not attested", ""],
    ]);
    const none = new ExcelJS.Workbook();
    await none.xlsx.load(new Uint8Array(await buildXlsx(sampleFigures(), meta)).buffer);
    expect(none.getWorksheet("Returns")!.rowCount).toBe(1);
  });

  it("gives the PDF a Returns section with the round and a row per department, and none without a round", async () => {
    const dir = await mkdtemp(join(tmpdir(), "returns-pdf-"));
    const file = join(dir, "returns.pdf");
    await writeFile(file, await buildPdf(sampleFigures(), withReturns));
    const text = await pdfText(file);
    expect(text).toContain("Returns");
    expect(text.replace(/\s+/g, " ")).toContain("1 of 3 departments has attested figures that still stand");
    expect(text).toMatch(/Home Office \(HO\)\s+Attested\s+Olu Official\s+2 December 2026/);
    expect(text).toMatch(/Ministry of Justice \(MoJ\)\s+Overdue\s+Not attested/);
    await writeFile(file, await buildPdf(sampleFigures(), meta));
    const without = await pdfText(file);
    await rm(dir, { recursive: true, force: true });
    expect(without).not.toContain("return round");
  });
});
