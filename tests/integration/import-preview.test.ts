// The preview works statuses out in memory and writes nothing; confirming writes and re-evaluates.
// These tests hold the two equal on a file that does a bit of everything an estates team does.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actorFor, testDb } from "./helpers";
import type { Actor } from "@/lib/auth/actor";
import { reevaluate } from "@/lib/data/evaluation";
import { exportRegister } from "@/lib/data/exports";
import { confirmImportBatch, createImportBatch, getImportBatch } from "@/lib/data/imports";
import { registerCsvStream } from "@/lib/export/register";
import type { ImportResult } from "@/lib/import/apply";
import { todayInLondon } from "@/lib/platform/today";

let dataDir: string;
let editor: Actor;
let organisationId: number;
let acronym: string;

type Record = { [column: string]: string };

// An agency no other test file edits, so its register holds still while this file runs. The
// uploader is the Home Office editor, scoped here to that agency alone.
beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), "ecr-import-preview-"));
  process.env.DATA_DIR = dataDir;
  const ho = await actorFor("editor@ho.example.gov.uk");
  const [org] = await testDb().$queryRawUnsafe<{ id: number; acronym: string }[]>(
    `SELECT o.id, o.acronym FROM organisations o JOIN sites s ON s.organisation_id = o.id
     WHERE o.type = 'AGENCY' AND o.acronym NOT IN ('HMCTS', 'HMPPS', 'UKVI', 'HMPO', 'DVLA')
     GROUP BY o.id, o.acronym HAVING count(DISTINCT s.id) >= 4 ORDER BY o.acronym DESC LIMIT 1`,
  );
  if (!org) throw new Error("the seed has no agency with four sites");
  organisationId = org.id;
  acronym = org.acronym;
  editor = { ...ho, organisationId, scope: { all: false, organisationIds: [organisationId] } };
});

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

async function exportedRecords(): Promise<{ columns: string[]; records: Record[] }> {
  const { pages } = await exportRegister(editor, organisationId, "csv");
  const text = Buffer.from(await new Response(registerCsvStream(pages)).arrayBuffer()).toString("utf8").replace(/^\uFEFF/, "");
  const all = parse(text, { columns: true, skip_empty_lines: true }) as Record[];
  const columns = Object.keys(all[0] ?? {});
  // A device recorded without an asset tag, serial number or MAC address cannot be matched by a
  // file (the import refuses such rows), so it cannot take part in a round trip.
  const records = all.filter((r) => r.asset_tag || r.serial || r.mac);
  return { columns, records };
}

function upload(columns: string[], records: Record[]): Readable {
  return Readable.from([Buffer.from(stringify(records, { header: true, columns }), "utf8")]);
}

/** What the preview promised and the import did, without the fields only one of them fills in. */
function outcome(r: ImportResult) {
  return {
    created: r.created, updated: r.updated, unchanged: r.unchanged, sitesCreated: r.sitesCreated,
    systemsCreated: r.systemsCreated, conflictCount: r.conflictCount, changes: r.changes,
  };
}

describe("import preview", () => {
  it("promises exactly what confirming then does: creates, updates, moves, new sites and systems, statuses", async () => {
    const { columns, records } = await exportedRecords();
    expect(records.length).toBeGreaterThan(12);
    const siteCodes = [...new Set(records.map((r) => r.site_code!))];
    expect(siteCodes.length).toBeGreaterThanOrEqual(3);
    // Rows from two sites that the file changes, and from a third that it leaves alone.
    const [site0, site1, site2] = siteCodes as [string, string, string];
    const keep = [
      ...records.filter((r) => r.site_code === site0 || r.site_code === site1).slice(0, 30),
      ...records.filter((r) => r.site_code === site2).slice(0, 10),
    ];
    const inService = keep.filter((r) => r.site_code !== site2 && /in service/i.test(r.lifecycle!));
    expect(inService.length).toBeGreaterThanOrEqual(6);

    const [onCore, moved, newSystem, removed, covered] = inService;
    onCore!.network = onCore!.network === "Core" ? "Segregated" : "Core";
    moved!.site_code = moved!.site_code === site0 ? site1 : site0;
    newSystem!.system = "Preview test system";
    removed!.lifecycle = "Removed";
    removed!.removed_on = "2025-01-15";
    removed!.removal_evidence = "Disposal certificate PREVIEW-1";
    covered!.brand = "Hikvision";
    covered!.model = "DS-2CD2143";
    covered!.installed_on = "2023-06-01";

    // Stored results that are out of date (as between a policy change and the next evaluation):
    // the import re-evaluates one whose site another row touches, and leaves the other alone.
    const changed = new Set([onCore, moved, newSystem, removed, covered]);
    const staleOnTouched = keep.find((r) => !changed.has(r) && r.site_code !== site2);
    const staleElsewhere = keep.find((r) => r.site_code === site2);
    expect(staleOnTouched && staleElsewhere).toBeTruthy();

    const blank = Object.fromEntries(columns.map((c) => [c, ""]));
    const newRows: Record[] = [
      { ...blank, organisation: acronym, site_code: "PREVIEW-NEW-1", site_name: "Preview House", address_line1: "1 Preview Street", town: "York", postcode: "YO1 7HH", sensitivity: "Sensitive", holds_secret_material: "yes", system: "Gatehouse", kind: "Camera", brand: "Dahua", asset_tag: "PREVIEW-AT-1", installed_on: "2021-04-01", network: "Core", vendor_cloud: "no" },
      { ...blank, organisation: acronym, site_code: "PREVIEW-NEW-1", site_name: "Preview House", address_line1: "1 Preview Street", town: "York", postcode: "YO1 7HH", sensitivity: "Sensitive", holds_secret_material: "yes", kind: "Camera", brand: "Axis", asset_tag: "PREVIEW-AT-2", installed_on: "2022-04-01", network: "Segregated", vendor_cloud: "no" },
      { ...blank, organisation: acronym, site_code: "PREVIEW-NEW-2", site_name: "Preview Depot", address_line1: "2 Preview Road", town: "Hull", postcode: "HU1 1AA", sensitivity: "Not sensitive", controls_extended: "yes", kind: "Recorder", brand: "Hikvision", asset_tag: "PREVIEW-AT-3", installed_on: "2024-02-01", network: "Standalone" },
      { ...blank, organisation: acronym, site_code: "PREVIEW-NEW-2", site_name: "Preview Depot", address_line1: "2 Preview Road", town: "Hull", postcode: "HU1 1AA", sensitivity: "Not sensitive", controls_extended: "yes", kind: "Camera", brand: "Unknown Co", asset_tag: "PREVIEW-AT-4", network: "Unknown" },
      { ...blank, organisation: acronym, site_code: siteCodes[0]!, kind: "Camera", brand: "Hikvision", asset_tag: "PREVIEW-AT-5", installed_on: "2020-01-01", network: "Core", vendor_cloud: "yes" },
    ];

    // Stored as a status the engine would not give it now.
    const tamper = async (r: Record | undefined) => {
      if (!r) return null;
      const status = r.status === "Compliant" ? "BREACH" : "COMPLIANT";
      const key = r.asset_tag ? { col: "asset_tag", v: r.asset_tag } : r.serial ? { col: "serial", v: r.serial } : { col: "mac", v: r.mac! };
      const [d] = await testDb().$queryRawUnsafe<{ id: number }[]>(
        `SELECT id FROM devices WHERE organisation_id = $1 AND ${key.col} = $2`, organisationId, key.v);
      await testDb().$executeRawUnsafe(`UPDATE device_compliance SET status = $2::"DeviceStatus" WHERE device_id = $1`, d!.id, status);
      return d!.id;
    };
    const staleIds = [await tamper(staleOnTouched), await tamper(staleElsewhere)].filter((id): id is number => id !== null);

    try {
      const batch = await createImportBatch(editor, { filename: "mixed.csv", body: upload(columns, [...keep, ...newRows]) });
      if (!batch.ok) throw new Error(batch.error);
      const view = await getImportBatch(editor, batch.batchId);
      expect(view.summary.errors).toEqual([]);
      const preview = view.summary.preview!;
      expect(preview).toMatchObject({ created: 5, updated: 5, unchanged: keep.length - 5, sitesCreated: 2, systemsCreated: 2, conflictCount: 0 });
      expect(preview.changes.length).toBeGreaterThanOrEqual(3);

      const applied = await confirmImportBatch(editor, batch.batchId);
      expect(outcome(applied)).toEqual(outcome(preview));
    } finally {
      if (staleIds.length) await reevaluate(testDb(), { deviceIds: staleIds }, todayInLondon());
    }
  });

  it("says a re-imported export changes nothing, and it does not", async () => {
    const { columns, records } = await exportedRecords();
    const batch = await createImportBatch(editor, { filename: "again.csv", body: upload(columns, records) });
    if (!batch.ok) throw new Error(batch.error);
    const { summary } = await getImportBatch(editor, batch.batchId);
    expect(summary.errors).toEqual([]);
    const preview = summary.preview!;
    expect(preview).toMatchObject({ created: 0, updated: 0, unchanged: records.length, sitesCreated: 0, systemsCreated: 0 });
    expect(preview.changes.every((c) => c.from === c.to)).toBe(true);
    const applied = await confirmImportBatch(editor, batch.batchId);
    expect(outcome(applied)).toEqual(outcome(preview));
  });
});
