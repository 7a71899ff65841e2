// The downloadable templates: the column names and two example rows, a new site and a second
// device on it. The examples' site code, asset tags and serial numbers start EXAMPLE-, which the
// import refuses ("This is the template's example row"), so a template uploaded unchanged adds
// nothing to any real site. The organisation is left empty: it means the uploader's own. The
// XLSX adds a sheet explaining every column.
import ExcelJS from "exceljs";
import { csvLine } from "@/lib/export/register";
import { IMPORT_COLUMNS, IMPORT_COLUMN_NAMES, TEMPLATE_EXAMPLE_PREFIX as EX, type ImportColumnName } from "@/lib/validation/import-row";

const NEW_SITE: Partial<Record<ImportColumnName, string>> = {
  site_code: `${EX}0001`, site_name: "Example House", address_line1: "1 Example Street", town: "London", postcode: "SW1A 2AA",
  sensitivity: "Sensitive", holds_secret_material: "yes", hosts_dv_staff: "no", used_by_ministers: "no", socpa_designated: "no",
  controls_extended: "no",
};

/** Each example row: a new site's details are repeated on every row of the site. */
export const TEMPLATE_EXAMPLES: readonly Partial<Record<ImportColumnName, string>>[] = [
  {
    ...NEW_SITE, system: "Main CCTV", kind: "Camera", brand: "Axis", model: "P3245-V", serial: `${EX}SN-000001`,
    asset_tag: `${EX}CAM-000001`, mac: "AC:CC:8E:12:34:56", ip: "10.0.0.12", installed_on: "2019-06-01", network: "Segregated",
    vendor_cloud: "no", lifecycle: "In service",
  },
  {
    ...NEW_SITE, system: "Main CCTV", kind: "Recorder", brand: "Hanwha Vision", model: "XRN-820S", serial: `${EX}SN-000002`,
    asset_tag: `${EX}NVR-000002`, installed_on: "2021-11-15", network: "Segregated", vendor_cloud: "no", lifecycle: "In service",
  },
];

export function templateRows(): string[][] {
  return [[...IMPORT_COLUMN_NAMES], ...TEMPLATE_EXAMPLES.map((example) => IMPORT_COLUMN_NAMES.map((name) => example[name] ?? ""))];
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
