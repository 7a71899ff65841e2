import { describe, expect, it } from "vitest";
import { neutraliseCell } from "@/lib/export/neutralise";
import ExcelJS from "exceljs";
import { EXPORT_COLUMNS, csvLine, exportCells, registerXlsxStream, type RegisterExportRow } from "@/lib/export/register";

describe("neutraliseCell", () => {
  it.each(["=SUM(A1:A2)", "+44 20 7946 0000", "-1+1", "@cmd", "\tindent", "\rreturn"])("prefixes %j with a quote", (value) => {
    expect(neutraliseCell(value)).toBe(`'${value}`);
  });

  it.each(["", "Axis", "2023-01-01", " =not first", "HO-0001"])("leaves %j alone", (value) => {
    expect(neutraliseCell(value)).toBe(value);
  });
});

const ROW: RegisterExportRow = {
  id: 1, organisation: "HO", site_code: "HO-0001", epims_id: null, site_name: "=HYPERLINK(\"http://x\")",
  address_line1: "1 Street", town: "London", postcode: "SW1A 2AA", sensitivity: "NOT_SENSITIVE",
  holds_secret_material: false, hosts_dv_staff: false, used_by_ministers: false, socpa_designated: false,
  controls_extended: true, sensitive_since: null, system: null, kind: "CAMERA", brand: "Hikvision", model: "DS-2CD",
  serial: "S1", asset_tag: "@A1", mac: "4447CC123456", ip: null, installed_on: "2023-01-01", network: "CORE",
  vendor_cloud: null, lifecycle: "IN_SERVICE", decommissioned_on: null, removed_on: null, removal_evidence: null,
  notes: "+note", status: "BREACH", producer_name: "Hikvision",
  findings: [{ ruleId: "R2-CORE-NETWORK", status: "BREACH", message: "On the core network." }, { ruleId: "R4-OUTSIDE-SENSITIVE", status: "ADVISORY", message: "Consider removal." }],
  evaluated_on: "2026-11-28",
};

describe("exportCells", () => {
  it("writes words the import reads back, joins findings and neutralises formulas", () => {
    const cells = exportCells(ROW);
    expect(cells).toContain("'=HYPERLINK(\"http://x\")");
    expect(cells).toContain("'@A1");
    expect(cells).toContain("'+note");
    expect(cells).toContain("Not sensitive");
    expect(cells).toContain("44:47:CC:12:34:56");
    expect(cells).toContain("Breach");
    expect(cells).toContain("On the core network.; Consider removal.");
    expect(cells).toContain("unknown");
  });

  it("quotes CSV fields that need it", () => {
    expect(csvLine(["a", "b,c", 'say "hi"', "line\nbreak"])).toBe('a,"b,c","say ""hi""","line\nbreak"\r\n');
  });
});

describe("registerXlsxStream", () => {
  it("streams a workbook that reads back with the header and neutralised cells", async () => {
    async function* pages() {
      yield [ROW, { ...ROW, id: 2, serial: "S2" }];
    }
    const bytes = await new Response(registerXlsxStream(pages(), "Camera register HO")).arrayBuffer();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes);
    const ws = wb.getWorksheet("Register")!;
    expect(ws.getRow(1).values).toEqual([undefined, ...EXPORT_COLUMNS]);
    expect(ws.rowCount).toBe(3);
    expect(ws.getRow(2).getCell(EXPORT_COLUMNS.indexOf("asset_tag") + 1).value).toBe("'@A1");
    expect(ws.getRow(3).getCell(EXPORT_COLUMNS.indexOf("serial") + 1).value).toBe("S2");
  });
});
