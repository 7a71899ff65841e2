// The templates a user downloads are made on request by lib/import/template.ts (the routes
// /import/template.csv and /import/template.xlsx return exactly these bytes). Uploaded unchanged,
// they must add nothing: importing the template once added two devices to a real site.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actorFor, testDb } from "./helpers";
import type { Actor } from "@/lib/auth/actor";
import { confirmImportBatch, createImportBatch, getImportBatch } from "@/lib/data/imports";
import { templateCsv, templateXlsx } from "@/lib/import/template";
import { formatRowError } from "@/lib/import/validate-file";
import { TEMPLATE_EXAMPLE_PREFIX } from "@/lib/validation/import-row";

let dataDir: string;
let editor: Actor;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), "ecr-import-template-"));
  process.env.DATA_DIR = dataDir;
  editor = await actorFor("editor@ho.example.gov.uk");
});

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

async function registerSize(): Promise<string> {
  const [row] = await testDb().$queryRawUnsafe<{ v: string }[]>(
    `SELECT (SELECT count(*) FROM devices) || '/' || (SELECT count(*) FROM sites) || '/' || (SELECT count(*) FROM camera_systems) AS v`,
  );
  return row!.v;
}

describe("the import templates", () => {
  it.each([
    ["camera-register-import-template.csv", () => Buffer.from(templateCsv(), "utf8")],
    ["camera-register-import-template.xlsx", templateXlsx],
  ])("%s uploaded unchanged is refused row by row, and adds nothing", async (filename, make) => {
    const before = await registerSize();
    const outcome = await createImportBatch(editor, { filename, body: Readable.from([await make()]) });
    if (!outcome.ok) throw new Error(outcome.error);
    const batch = await getImportBatch(editor, outcome.batchId);
    expect(batch.blocked).toBe(true);
    expect(batch.summary).toMatchObject({ rows: 2, validRows: 0, errorCount: 2, ignoredColumns: [] });
    expect(batch.summary.errors.map(formatRowError)).toEqual([
      "Row 2, column site_code: This is the template's example row: replace or delete it",
      "Row 3, column site_code: This is the template's example row: replace or delete it",
    ]);
    await expect(confirmImportBatch(editor, outcome.batchId)).rejects.toThrow(/errors/);
    expect(await registerSize()).toBe(before);
    const pending = await testDb().$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM import_pending_rows WHERE batch_id = $1`, outcome.batchId);
    expect(pending[0]!.n).toBe(0);
  });

  it("no site in the register uses the examples' reserved code", async () => {
    const clash = await testDb().$queryRawUnsafe<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM sites WHERE upper(site_code) LIKE $1`, `${TEMPLATE_EXAMPLE_PREFIX}%`,
    );
    expect(clash[0]!.n).toBe(0);
  });

  it("filled in with a real site's code and the user's own keys, the same rows import", async () => {
    const own = templateCsv().replaceAll(TEMPLATE_EXAMPLE_PREFIX, "TPL-");
    const outcome = await createImportBatch(editor, { filename: "filled-in.csv", body: Readable.from([Buffer.from(own, "utf8")]) });
    if (!outcome.ok) throw new Error(outcome.error);
    const batch = await getImportBatch(editor, outcome.batchId);
    expect(batch.summary.errors).toEqual([]);
    expect(batch.summary.preview).toMatchObject({ created: 2, sitesCreated: 1, systemsCreated: 1, conflictCount: 0 });
  });
});
