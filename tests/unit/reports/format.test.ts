import { describe, expect, it } from "vitest";
import { formatChange, formatPercent, neutraliseCell, reportFilename, scopeLabel } from "@/lib/reports/format";
import { reportQuerySchema } from "@/lib/reports/query";
import { org } from "./fixtures";

describe("neutraliseCell", () => {
  it.each(["=1+1", "+44 20", "-2", "@SUM(A1)", "\tx", "\rx"])("quotes %j so a spreadsheet reads it as text", (value) => {
    expect(neutraliseCell(value)).toBe(`'${value}`);
  });
  it.each(["Home Office", "", "1-2", "a=b"])("leaves %j alone", (value) => {
    expect(neutraliseCell(value)).toBe(value);
  });
});

describe("formatting", () => {
  it("never rounds an incomplete share up to 100% or a non-zero one down to 0%", () => {
    expect(formatPercent(0.9996)).toBe("99.9%");
    expect(formatPercent(0.0004)).toBe("0.1%");
    expect(formatPercent(1)).toBe("100%");
    expect(formatPercent(0.857)).toBe("86%");
  });
  it("signs changes", () => {
    expect(formatChange(-1234)).toBe("-1,234");
    expect(formatChange(3)).toBe("+3");
    expect(formatChange(0)).toBe("no change");
  });
  it("names files by scope and date", () => {
    expect(reportFilename({ kind: "all" }, "2026-11-28", "PDF")).toBe("estate-camera-report-all-government-2026-11-28.pdf");
    expect(reportFilename({ kind: "organisation", organisationId: 7, name: "Ministry of Justice", acronym: "MoJ" }, "2026-11-28", "XLSX"))
      .toBe("estate-camera-report-moj-2026-11-28.xlsx");
    const moj = { kind: "organisation" as const, organisationId: 7, name: "Ministry of Justice", acronym: "MoJ" };
    const hmpps = org({ id: 8, name: "HM Prison and Probation Service", acronym: "HMPPS", status: "RED", type: "AGENCY", parentId: 7 });
    // "With its agencies" only when the figures hold any of its agencies.
    expect(scopeLabel(moj, [org({ id: 7, name: moj.name, acronym: "MoJ", status: "GREEN" }), hmpps])).toBe("Ministry of Justice (MoJ) with its agencies");
    expect(scopeLabel(moj, [org({ id: 7, name: moj.name, acronym: "MoJ", status: "GREEN" })])).toBe("Ministry of Justice (MoJ)");
    expect(scopeLabel(moj)).toBe("Ministry of Justice (MoJ)");
    const agency = { kind: "organisation" as const, organisationId: 8, name: "HM Prison and Probation Service", acronym: "HMPPS" };
    expect(scopeLabel(agency, [org({ id: 8, name: agency.name, acronym: "HMPPS", status: "RED", type: "AGENCY", parentId: 7 })])).toBe("HM Prison and Probation Service (HMPPS)");
  });
});

describe("reportQuerySchema", () => {
  it("accepts the download link's values", () => {
    expect(reportQuerySchema.parse({ format: "PDF", asOf: "today", organisationId: "12" })).toEqual({ format: "PDF", asOf: null, organisationId: 12 });
    expect(reportQuerySchema.parse({ format: "csv", asOf: "2026-06-30" })).toEqual({ format: "CSV", asOf: "2026-06-30", organisationId: null });
  });
  it("reports every problem at once", () => {
    const result = reportQuerySchema.safeParse({ format: "docx", asOf: "2026-02-30", organisationId: "x" });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.message)).toEqual([
      "Choose a format: pdf, xlsx or csv",
      "As-of date must be 'today' or a real date written as YYYY-MM-DD",
      "Organisation must be 'all' or an organisation number",
    ]);
  });
  it("needs a format", () => {
    expect(reportQuerySchema.safeParse({}).success).toBe(false);
  });
});
