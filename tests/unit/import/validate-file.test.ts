import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { afterAll, describe, expect, it } from "vitest";
import { detectFormat } from "@/lib/import/limits";
import { formatRowError, readValidatedRows, validateFile } from "@/lib/import/validate-file";
import { templateCsv, templateXlsx } from "@/lib/import/template";
import { TEMPLATE_EXAMPLE_PREFIX, type ImportRowContext } from "@/lib/validation/import-row";

const dir = mkdtempSync(path.join(tmpdir(), "ecr-import-unit-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ctx: ImportRowContext = {
  organisation: (a) => (a === "HO" ? 1 : null),
  defaultOrganisationId: 1,
  today: "2026-11-28",
  findSite: (_org, code) => (code === "HO-0001" ? 10 : null),
};

async function check(name: string, content: string | Buffer) {
  const file = path.join(dir, name);
  writeFileSync(file, content);
  const format = detectFormat(name, readFileSync(file).subarray(0, 8))!;
  const out = path.join(dir, `${name}.ndjson`);
  const outcome = await validateFile(file, format, out, ctx);
  const rows = [];
  for await (const r of readValidatedRows(out)) rows.push(r);
  return { outcome, rows };
}

describe("validateFile", () => {
  it("reads a CSV with a BOM, friendly headers, quoted cells and blank lines", async () => {
    const csv = '\uFEFFSite code,Kind,Brand,Asset tag,Notes\r\nHO-0001,Camera,Axis,AT-1,"two\nlines, and a comma"\r\n\r\nHO-0001,Camera,Bosch,AT-2,\r\n';
    const { outcome, rows } = await check("a.csv", csv);
    expect(outcome).toMatchObject({ rows: 2, validRows: 2, errorCount: 0, fileError: null });
    expect(rows.map((r) => [r.row, r.assetTag, r.notes])).toEqual([[2, "AT-1", "two\nlines, and a comma"], [4, "AT-2", null]]);
  });

  it("reports a device listed twice and keeps the first", async () => {
    const csv = "site_code,kind,brand,serial\nHO-0001,Camera,Axis,S1\nHO-0001,Camera,Axis,S2\nHO-0001,Camera,Axis,S1\n";
    const { outcome } = await check("dup.csv", csv);
    expect(outcome.errors.map(formatRowError)).toEqual(["Row 4, column serial: Serial number S1 is also on row 2: list each device once"]);
    expect(outcome.validRows).toBe(2);
  });

  it("refuses a file without the columns it needs, naming them", async () => {
    const { outcome } = await check("cols.csv", "site,make\nx,y\n");
    expect(outcome.fileError).toBe("The first row of the file must be the column names, including columns called site_code, kind, brand: download the template to see the columns");
  });

  it("refuses an empty file and a header without rows", async () => {
    expect((await check("empty.csv", "\n\n")).outcome.fileError).toBe("The selected file is empty");
    expect((await check("header.csv", "site_code,kind,brand\n")).outcome.fileError).toBe("The selected file has a header row but no devices");
  });

  it("reads the first worksheet of an XLSX, with dates, numbers and formulas as shown", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Devices");
    ws.addRow(["site_code", "kind", "brand", "serial", "installed_on", "model"]);
    ws.addRow(["HO-0001", "Camera", "Axis", 12345, new Date(Date.UTC(2020, 0, 31)), { formula: "\"P\"&\"32\"", result: "P32" }]);
    wb.addWorksheet("Notes").addRow(["ignored"]);
    const { outcome, rows } = await check("b.xlsx", Buffer.from(await wb.xlsx.writeBuffer()));
    expect(outcome.errors).toEqual([]);
    expect(rows[0]).toMatchObject({ row: 2, serial: "12345", installedOn: "2020-01-31", model: "P32" });
  });

  it("reads its own templates, and refuses their example rows, which would otherwise be valid", async () => {
    const refused = [
      "Row 2, column site_code: This is the template's example row: replace or delete it",
      "Row 3, column site_code: This is the template's example row: replace or delete it",
    ];
    const csv = await check("template.csv", templateCsv());
    expect(csv.outcome).toMatchObject({ rows: 2, validRows: 0, errorCount: 2, fileError: null, ignoredColumns: [] });
    expect(csv.outcome.errors.map(formatRowError)).toEqual(refused);
    const xlsx = await check("template.xlsx", await templateXlsx());
    expect(xlsx.outcome).toMatchObject({ rows: 2, validRows: 0, errorCount: 2, fileError: null, ignoredColumns: [] });
    expect(xlsx.outcome.errors.map(formatRowError)).toEqual(refused);
    // With their own codes and keys in place of the examples, the same rows are a new site's devices.
    const own = templateCsv().replaceAll(TEMPLATE_EXAMPLE_PREFIX, "OWN-");
    const mine = await check("mine.csv", own);
    expect(mine.outcome).toMatchObject({ rows: 2, validRows: 2, errorCount: 0 });
    expect(mine.rows.map((r) => [r.siteCode, r.assetTag, r.site?.name])).toEqual([["OWN-0001", "OWN-CAM-000001", "Example House"], ["OWN-0001", "OWN-NVR-000002", "Example House"]]);
  });
});

describe("detectFormat", () => {
  it("trusts the extension only when the content agrees", () => {
    const zip = Uint8Array.from([0x50, 0x4b, 0x03, 0x04]);
    const text = Uint8Array.from([0x61, 0x2c, 0x62, 0x0a]);
    expect(detectFormat("a.xlsx", zip)).toBe("xlsx");
    expect(detectFormat("a.csv", text)).toBe("csv");
    expect(detectFormat("a.xlsx", text)).toBeNull();
    expect(detectFormat("a.csv", zip)).toBeNull();
    expect(detectFormat("a.pdf", text)).toBeNull();
  });
});
