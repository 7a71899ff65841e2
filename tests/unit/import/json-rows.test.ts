import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { validateJsonRows } from "@/lib/import/json-rows";
import { MAX_LISTED_ERRORS, detectFormat } from "@/lib/import/limits";
import { readValidatedRows, validateFile } from "@/lib/import/validate-file";
import type { ImportRowContext } from "@/lib/validation/import-row";

// The bulk upsert's rows (JSON objects) against the file upload's rows: the same checks, the same
// words, the same rows out, with only the row numbering differing (an index from 0, not a line).

const dir = mkdtempSync(path.join(tmpdir(), "ecr-json-rows-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ctx: ImportRowContext = {
  organisation: (a) => (a === "HO" ? 1 : null),
  defaultOrganisationId: 1,
  today: "2026-11-28",
  findSite: (_org, code) => (code === "HO-0001" ? 10 : null),
};

async function viaFile(csv: string) {
  const file = path.join(dir, `${Math.random().toString(36).slice(2)}.csv`);
  writeFileSync(file, csv);
  const out = `${file}.ndjson`;
  const outcome = await validateFile(file, detectFormat(file, readFileSync(file).subarray(0, 8))!, out, ctx);
  const rows = [];
  for await (const r of readValidatedRows(out)) rows.push(r);
  return { outcome, rows };
}

describe("validateJsonRows", () => {
  it("reads true and false as yes and no, numbers as their digits and null as an empty cell, giving the rows a file gives", async () => {
    const json = validateJsonRows(
      [
        { site_code: "HO-0001", kind: "Camera", brand: "Axis", asset_tag: "AT-1", vendor_cloud: true, ip: null, notes: null },
        { site_code: "HO-0001", kind: "Recorder", brand: "Bosch", serial: 123456, vendor_cloud: false, installed_on: "2020-01-31" },
      ],
      ctx,
    );
    expect(json).toMatchObject({ errorCount: 0, errors: [], organisationIds: [1] });
    const file = await viaFile(
      "site_code,kind,brand,asset_tag,serial,vendor_cloud,ip,installed_on,notes\nHO-0001,Camera,Axis,AT-1,,yes,,,\nHO-0001,Recorder,Bosch,,123456,no,,2020-01-31,\n",
    );
    expect(file.outcome.errorCount).toBe(0);
    // Rows are numbered by index here and by line in a file; everything else is the same.
    expect(json.rows.map(({ row: _row, ...r }) => r)).toEqual(file.rows.map(({ row: _row, ...r }) => r));
    expect(json.rows.map((r) => r.row)).toEqual([0, 1]);
  });

  it("refuses each bad cell with the file's words, named by index and column, and keeps no rows", async () => {
    const json = validateJsonRows(
      [
        { site_code: "HO-0001", kind: "Camera", brand: "Axis", asset_tag: "AT-1" },
        { site_code: "HO-0001", kind: "Periscope", brand: "Axis", asset_tag: "AT-2", installed_on: "2023-02-30" },
        { site_code: "HO-0001", kind: "Camera", brand: "Axis", asset_tag: "AT-1" },
      ],
      ctx,
    );
    const file = await viaFile("site_code,kind,brand,asset_tag,installed_on\nHO-0001,Camera,Axis,AT-1,\nHO-0001,Periscope,Axis,AT-2,2023-02-30\nHO-0001,Camera,Axis,AT-1,\n");
    expect(json.rows).toEqual([]);
    expect(json.errorCount).toBe(file.outcome.errorCount);
    expect(json.errors.map((e) => [e.column, e.message.replace(/row \d+/, "row N")])).toEqual(
      file.outcome.errors.map((e) => [e.column, e.message.replace(/row \d+/, "row N")]),
    );
    expect(json.errors.map((e) => e.index)).toEqual([1, 1, 2]);
    expect(json.errors[2]!.message).toMatch(/row 0/);
  });

  it("refuses what a file cannot hold: objects, arrays, unknown columns and entries that are not objects", () => {
    const json = validateJsonRows(
      [
        { site_code: "HO-0001", kind: "Camera", brand: { name: "Axis" }, asset_tag: ["AT-1"] },
        JSON.parse('{"site_code": "HO-0001", "kind": "Camera", "brand": "Axis", "asset_tag": "AT-3", "__proto__": {"admin": true}, "status": "COMPLIANT"}') as unknown,
        "a device",
        null,
        [],
      ],
      ctx,
    );
    expect(json.errors).toEqual([
      { index: 0, column: "brand", message: "brand must be text, a number, true, false or null" },
      { index: 0, column: "asset_tag", message: "asset_tag must be text, a number, true, false or null" },
      { index: 1, column: "__proto__", message: "__proto__ is not one of the import's columns: see docs/IMPORT.md for their names" },
      { index: 1, column: "status", message: "status is not one of the import's columns: see docs/IMPORT.md for their names" },
      ...[2, 3, 4].map((index) => ({ index, column: null, message: "Each device must be a JSON object whose fields are the import's columns" })),
    ]);
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
  });

  it("counts every problem but lists the first 1,000", () => {
    const json = validateJsonRows(Array.from({ length: 1_500 }, () => ({ kind: "Periscope" })), ctx);
    expect(json.errorCount).toBeGreaterThan(MAX_LISTED_ERRORS);
    expect(json.errors).toHaveLength(MAX_LISTED_ERRORS);
  });
});
