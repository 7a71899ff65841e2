// The downloadable templates: the column names, one example row for a new site and one for a
// device on a site already in the register. The XLSX adds a sheet explaining every column.
import ExcelJS from "exceljs";
import { csvLine } from "@/lib/export/register";
import { IMPORT_COLUMNS, IMPORT_COLUMN_NAMES, type ImportColumnName } from "@/lib/validation/import-row";

const SITE_COLUMNS = new Set<string>(["site_name", "address_line1", "town", "postcode", "sensitivity", "holds_secret_material", "hosts_dv_staff", "used_by_ministers", "socpa_designated", "controls_extended", "sensitive_since", "epims_id"]);

const SECOND_ROW: Partial<Record<ImportColumnName, string>> = {
  organisation: "HO", site_code: "HO-0001", system: "Main CCTV", kind: "Recorder", brand: "Hanwha Vision",
  model: "XRN-820S", serial: "ZNB1234567", asset_tag: "HO-NVR-000002", installed_on: "2021-11-15",
  network: "Segregated", vendor_cloud: "no", lifecycle: "In service",
};

export function templateRows(): string[][] {
  const example = IMPORT_COLUMNS.map((c) => c.example);
  // A second device on the same site: a new site's details are repeated on each of its rows.
  const second = IMPORT_COLUMNS.map((c) => SECOND_ROW[c.name] ?? (SITE_COLUMNS.has(c.name) ? c.example : ""));
  return [[...IMPORT_COLUMN_NAMES], example, second];
}

export function templateCsv(): string {
  return `\uFEFF${templateRows().map(csvLine).join("")}`;
}

const REQUIRED_WORDS = { always: "Every row", "new-site": "New sites", no: "No" } as const;

export async function templateXlsx(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Estate Camera Register";
  const sheet = workbook.addWorksheet("Devices", { views: [{ state: "frozen", ySplit: 1 }] });
  const rows = templateRows();
  sheet.addRows(rows);
  sheet.getRow(1).font = { bold: true };
  // Text cells throughout, so Excel keeps leading zeros and does not turn dates into serials.
  IMPORT_COLUMN_NAMES.forEach((name, i) => {
    const column = sheet.getColumn(i + 1);
    column.width = Math.max(12, name.length + 2);
    column.numFmt = "@";
  });
  const help = workbook.addWorksheet("Columns");
  help.addRow(["Column", "Required", "What to enter", "Example"]).font = { bold: true };
  for (const c of IMPORT_COLUMNS) help.addRow([c.name, REQUIRED_WORDS[c.required], c.description, c.example]);
  help.getColumn(1).width = 24;
  help.getColumn(2).width = 12;
  help.getColumn(3).width = 100;
  help.getColumn(4).width = 20;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
