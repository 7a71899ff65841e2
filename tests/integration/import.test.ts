import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actorFor, testDb } from "./helpers";
import type { Actor } from "@/lib/auth/actor";
import { exportRegister } from "@/lib/data/exports";
import { confirmImportBatch, createImportBatch, getImportBatch } from "@/lib/data/imports";
import { registerCsvStream } from "@/lib/export/register";
import { formatRowError } from "@/lib/import/validate-file";
import { IMPORT_COLUMN_NAMES } from "@/lib/validation/import-row";

const HEADER = "organisation,site_code,site_name,address_line1,town,postcode,sensitivity,holds_secret_material,kind,brand,model,serial,asset_tag,mac,installed_on,network,vendor_cloud,lifecycle";

function csv(lines: string[]): Readable {
  return Readable.from([Buffer.from([HEADER, ...lines].join("\r\n"), "utf8")]);
}

const GOOD = [
  "HO,IMP-T1,Import Test House,1 Test Street,London,SW1A 2AA,Sensitive,yes,Camera,Hikvision,DS-2CD2143,IMPSER1,IMP-AT-1,44:47:CC:00:00:01,2023-03-01,Segregated,no,In service",
  "HO,IMP-T1,Import Test House,1 Test Street,London,SW1A 2AA,Sensitive,yes,Camera,Axis,P3245,IMPSER2,IMP-AT-2,,2019-05-01,Standalone,no,In service",
  "HO,IMP-T1,Import Test House,1 Test Street,London,SW1A 2AA,Sensitive,yes,Recorder,Dahua,NVR4104,IMPSER3,IMP-AT-3,,2018-01-10,Core,no,In service",
  "HO,IMP-T1,Import Test House,1 Test Street,London,SW1A 2AA,Sensitive,yes,Camera,Bosch,FLEXIDOME,IMPSER4,,,2020-02-02,Segregated,unknown,In service",
];

let dataDir: string;
let editor: Actor;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), "ecr-import-"));
  process.env.DATA_DIR = dataDir;
  editor = await actorFor("editor@ho.example.gov.uk");
});

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

async function deviceCount(): Promise<number> {
  const rows = await testDb().$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM devices`);
  return rows[0]!.n;
}

describe("bulk import", () => {
  it("reports every bad row with its row and column, and writes nothing", async () => {
    const before = await deviceCount();
    const lines = [...GOOD];
    lines[0] = lines[0]!.replace("2023-03-01", "2023-02-30");
    lines[1] = lines[1]!.replace(",Camera,", ",Periscope,");
    lines[3] = lines[3]!.replace(",Bosch,", ",,");
    const outcome = await createImportBatch(editor, { filename: "bad.csv", body: csv(lines) });
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    const batch = await getImportBatch(editor, outcome.batchId);
    expect(batch.blocked).toBe(true);
    expect(batch.summary.errorCount).toBe(3);
    const messages = batch.summary.errors.map(formatRowError);
    expect(messages).toEqual([
      "Row 2, column installed_on: Install date must be a real date in the form YYYY-MM-DD",
      "Row 3, column kind: Kind must be Camera, Recorder, Encoder or Other",
      "Row 5, column brand: Enter the brand on the device's label",
    ]);
    await expect(confirmImportBatch(editor, outcome.batchId)).rejects.toThrow(/errors/);
    expect(await deviceCount()).toBe(before);
  });

  it("previews, applies in one go, and changes nothing when the same file is imported again", async () => {
    const before = await deviceCount();
    const first = await createImportBatch(editor, { filename: "good.csv", body: csv(GOOD) });
    if (!first.ok) throw new Error(first.error);
    const preview = (await getImportBatch(editor, first.batchId)).summary.preview!;
    expect(preview).toMatchObject({ created: 4, updated: 0, unchanged: 0, sitesCreated: 1, conflictCount: 0 });
    // The dry run left the register as it was.
    expect(await deviceCount()).toBe(before);
    expect(preview.changes.every((c) => c.from === "NEW")).toBe(true);
    expect(preview.changes.some((c) => c.to === "BREACH")).toBe(true);

    const applied = await confirmImportBatch(editor, first.batchId);
    expect(applied).toMatchObject({ created: 4, updated: 0, unchanged: 0 });
    expect(applied.changes).toEqual(preview.changes);
    expect(await deviceCount()).toBe(before + 4);
    const statuses = await testDb().$queryRawUnsafe<{ asset_tag: string | null; serial: string; status: string }[]>(
      `SELECT d.asset_tag, d.serial, c.status::text AS status FROM devices d JOIN device_compliance c ON c.device_id = d.id
       WHERE d.serial LIKE 'IMPSER%' ORDER BY d.serial`,
    );
    expect(statuses.map((s) => s.status)).toEqual(["BREACH", "COMPLIANT", "BREACH", "COMPLIANT"]);
    const audit = await testDb().$queryRawUnsafe<{ summary: string }[]>(
      `SELECT summary FROM audit_events WHERE action = 'import.apply' AND entity_id = $1`, first.batchId,
    );
    expect(audit).toHaveLength(1);
    expect(audit[0]!.summary).toContain("4 devices created");
    await expect(confirmImportBatch(editor, first.batchId)).rejects.toThrow(/already been imported/);

    const stamp = await testDb().$queryRawUnsafe<{ v: string }[]>(
      `SELECT string_agg(id || ':' || version || ':' || updated_at::text, ',' ORDER BY id) AS v FROM devices WHERE serial LIKE 'IMPSER%'`,
    );
    const again = await createImportBatch(editor, { filename: "good.csv", body: csv(GOOD) });
    if (!again.ok) throw new Error(again.error);
    expect((await getImportBatch(editor, again.batchId)).summary.preview).toMatchObject({ created: 0, updated: 0, unchanged: 4, sitesCreated: 0 });
    await confirmImportBatch(editor, again.batchId);
    const stampAfter = await testDb().$queryRawUnsafe<{ v: string }[]>(
      `SELECT string_agg(id || ':' || version || ':' || updated_at::text, ',' ORDER BY id) AS v FROM devices WHERE serial LIKE 'IMPSER%'`,
    );
    expect(stampAfter[0]!.v).toBe(stamp[0]!.v);
    expect(await deviceCount()).toBe(before + 4);
  });

  it("updates a device found by serial number and reports the status change", async () => {
    const lines = [GOOD[3]!.replace(",Segregated,unknown,", ",Core,unknown,").replace(",Bosch,", ",Hikvision,")];
    const outcome = await createImportBatch(editor, { filename: "update.csv", body: csv(lines) });
    if (!outcome.ok) throw new Error(outcome.error);
    const preview = (await getImportBatch(editor, outcome.batchId)).summary.preview!;
    expect(preview).toMatchObject({ created: 0, updated: 1, unchanged: 0 });
    expect(preview.changes).toEqual([{ from: "COMPLIANT", to: "BREACH", devices: 1 }]);
  });

  it("refuses a serial number already on another device, naming the row", async () => {
    const lines = [GOOD[1]!.replace("IMP-AT-2", "IMP-AT-99").replace("IMPSER2", "IMPSER1")];
    const outcome = await createImportBatch(editor, { filename: "clash.csv", body: csv(lines) });
    if (!outcome.ok) throw new Error(outcome.error);
    const batch = await getImportBatch(editor, outcome.batchId);
    expect(batch.blocked).toBe(true);
    expect(batch.summary.preview!.conflicts.map(formatRowError)).toEqual([
      "Row 2, column serial: Serial number IMPSER1 is already recorded on another device (asset tag IMP-AT-1)",
    ]);
  });

  it("reads XLSX files, including dates typed as dates", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Devices");
    sheet.addRow([...IMPORT_COLUMN_NAMES]);
    const values: Record<string, unknown> = {
      organisation: "HO", site_code: "IMP-T1", kind: "Camera", brand: "Axis", serial: "IMPXLSX1",
      installed_on: new Date(Date.UTC(2021, 5, 30)), network: "Standalone",
    };
    sheet.addRow(IMPORT_COLUMN_NAMES.map((n) => values[n] ?? null));
    const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
    const outcome = await createImportBatch(editor, { filename: "devices.xlsx", body: Readable.from([buffer]) });
    if (!outcome.ok) throw new Error(outcome.error);
    const batch = await getImportBatch(editor, outcome.batchId);
    expect(batch.summary.errors).toEqual([]);
    expect(batch.summary.preview).toMatchObject({ created: 1, sitesCreated: 0 });
  });

  it("refuses files that are not CSV or XLSX, and organisations out of scope", async () => {
    const wrong = await createImportBatch(editor, { filename: "notes.pdf", body: Readable.from([Buffer.from("%PDF-1.7")]) });
    expect(wrong).toEqual({ ok: false, error: "The selected file must be a CSV or XLSX file" });
    const outcome = await createImportBatch(editor, { filename: "moj.csv", body: csv([GOOD[1]!.replace(/^HO,/, "MOJ,")]) });
    if (!outcome.ok) throw new Error(outcome.error);
    const batch = await getImportBatch(editor, outcome.batchId);
    expect(batch.summary.errors.map(formatRowError)[0]).toMatch(/^Row 2, column organisation: Organisation MOJ is not one you can import for/);
  });

  it("shows a batch only to the person who uploaded it", async () => {
    const outcome = await createImportBatch(editor, { filename: "good.csv", body: csv(GOOD) });
    if (!outcome.ok) throw new Error(outcome.error);
    const other = await actorFor("editor@moj.example.gov.uk");
    await expect(getImportBatch(other, outcome.batchId)).rejects.toThrow(/not found/);
    await expect(confirmImportBatch(other, outcome.batchId)).rejects.toThrow(/not found/);
  });
});

describe("register export", () => {
  it("streams the organisation's devices with statuses and findings, neutralising formulas", async () => {
    const org = await testDb().organisation.findUniqueOrThrow({ where: { acronym: "HO" }, select: { id: true } });
    const lines = [GOOD[2]!.replace("IMPSER3", "IMPSER-F").replace("IMP-AT-3", "=1+1").replace("NVR4104", "@SUM(A1)")];
    const outcome = await createImportBatch(editor, { filename: "formula.csv", body: csv(lines) });
    if (!outcome.ok) throw new Error(outcome.error);
    await confirmImportBatch(editor, outcome.batchId);

    const { label, pages } = await exportRegister(editor, org.id, "csv");
    expect(label).toBe("HO");
    const bytes = Buffer.from(await new Response(registerCsvStream(pages)).arrayBuffer());
    // A byte-order mark first, so Excel reads the file as UTF-8.
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = bytes.subarray(3).toString("utf8").split("\r\n");
    expect(rows[0]).toMatch(/^organisation,site_code,/);
    expect(rows[0]).toMatch(/,status,producer,findings,finding_rules,evaluated_on$/);
    const imported = rows.find((r) => r.includes("IMPSER-F"))!;
    expect(imported).toContain(",'=1+1,");
    expect(imported).toContain(",'@SUM(A1),");
    expect(imported).toContain(",Breach,");
    expect(rows.filter((r) => r.includes("IMPSER")).length).toBe(5);
    expect(rows.slice(1).every((r) => r === "" || r.startsWith("HO,"))).toBe(true);
  });

  it("answers not found for an organisation out of scope", async () => {
    const moj = await testDb().organisation.findUniqueOrThrow({ where: { acronym: "MoJ" }, select: { id: true } }).catch(() => null);
    const other = moj ?? (await testDb().organisation.findFirstOrThrow({ where: { acronym: { not: "HO" }, parentId: null }, select: { id: true } }));
    await expect(exportRegister(editor, other.id, "xlsx")).rejects.toThrow(/not found/);
  });
});
