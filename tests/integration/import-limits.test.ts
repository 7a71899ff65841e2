// Hostile uploads: each is refused with its own clear message, nothing is stored, no file is left
// in the imports directory, and the import slots are free again afterwards. The files are built
// here, from the zip format up, so each one is exactly the attack it names.
import { mkdtempSync, readdirSync, rmSync, type Dirent } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actorFor, testDb } from "./helpers";
import type { Actor } from "@/lib/auth/actor";
import { confirmImportBatch, createImportBatch, type UploadOutcome } from "@/lib/data/imports";
import { LIMIT_MESSAGES } from "@/lib/import/limits";
import { importsInProgress } from "@/lib/import/slots";
import { buildZip, inlineRow, inlineStringBomb, repeated, workbookParts, type ZipPart } from "../support/zip";

const HEADER = ["site_code", "kind", "brand", "asset_tag"];
const GOOD_ROW = ["HO-0001", "Camera", "Axis", "LIMITS-AT-1"];

let dataDir: string;
let editor: Actor;
let mojEditor: Actor;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), "ecr-import-limits-"));
  process.env.DATA_DIR = dataDir;
  editor = await actorFor("editor@ho.example.gov.uk");
  mojEditor = await actorFor("editor@moj.example.gov.uk");
});

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

async function batchCount(): Promise<number> {
  const rows = await testDb().$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM import_batches`);
  return rows[0]!.n;
}

/** Every file under the uploads directory, the processes' own directories included. */
function importFiles(): string[] {
  try {
    return (readdirSync(path.join(dataDir, "imports"), { recursive: true, withFileTypes: true }) as Dirent[])
      .filter((d) => d.isFile())
      .map((d) => path.relative(path.join(dataDir, "imports"), path.join(d.parentPath, d.name)))
      .sort();
  } catch {
    return [];
  }
}

/** A body that sends `bytes` only once `open` is called, so its upload holds its slot until then. */
function gated(bytes: Buffer): { body: AsyncIterable<Uint8Array>; open(): void } {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return {
    body: (async function* () {
      await opened;
      yield bytes;
    })(),
    open,
  };
}

async function until(condition: () => boolean | Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 10));
  }
}

function upload(actor: Actor, filename: string, bytes: Buffer): Promise<UploadOutcome> {
  return createImportBatch(actor, { filename, body: Readable.from([bytes]) });
}

/** Uploads `bytes`, expects `message`, and checks nothing was stored or left behind. */
async function expectRefused(filename: string, bytes: Buffer, message: string): Promise<void> {
  const before = await batchCount();
  const files = importFiles();
  const outcome = await upload(editor, filename, bytes);
  expect(outcome).toEqual({ ok: false, error: message });
  expect(await batchCount()).toBe(before);
  expect(importFiles()).toEqual(files);
  expect(await importsInProgress()).toBe(0);
}

const xlsx = (parts: ZipPart[]) => buildZip(parts);
const sheet = (...rows: string[]) => xlsx(workbookParts(rows));

describe("hostile uploads", () => {
  it("the penetration test's file, one 400 MB inline-string cell in 400 KB, is refused at once", async () => {
    const bomb = await inlineStringBomb(HEADER);
    expect(bomb.length).toBeLessThan(500 * 1024);
    const started = Date.now();
    await expectRefused("bomb.xlsx", bomb, LIMIT_MESSAGES.tooMuchData);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("a 100 MB cell, in a sheet under the size cap, is refused as a cell too long after reading a fraction of it", async () => {
    const bomb = await inlineStringBomb(HEADER, 100 * 1024 * 1024);
    const rssBefore = process.memoryUsage().rss;
    await expectRefused("cell.xlsx", bomb, LIMIT_MESSAGES.cellTooLong);
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(100 * 1024 * 1024);
  });

  it("a zip whose headers say a sheet is small when it inflates to 50 MB is stopped where the lie shows", async () => {
    const parts = workbookParts([inlineRow(1, HEADER), '<row r="2"><c r="A2" t="inlineStr"><is><t>', ...repeated("B", 50 * 1024 * 1024), "</t></is></c></row>"]);
    const lying = parts.map((p) => (p.name === "xl/worksheets/sheet1.xml" ? { ...p, declaredSize: 4_096 } : p));
    await expectRefused("lying.xlsx", await xlsx(lying), LIMIT_MESSAGES.unreadable);
  });

  it("a zip declaring a sheet bigger than the cap is refused before anything is inflated", async () => {
    const parts = workbookParts([inlineRow(1, HEADER), inlineRow(2, GOOD_ROW)]);
    const lying = parts.map((p) => (p.name === "xl/worksheets/sheet1.xml" ? { ...p, declaredSize: 2 ** 31 } : p));
    await expectRefused("huge.xlsx", await xlsx(lying), LIMIT_MESSAGES.tooMuchData);
  });

  it("a shared strings table of more than two million strings is refused", async () => {
    const block = "<si><t>x</t></si>".repeat(10_000);
    const strings = (function* () {
      for (let i = 0; i < 210; i++) yield block;
    })();
    const file = await xlsx(workbookParts([inlineRow(1, HEADER)], { sharedStrings: strings }));
    await expectRefused("strings.xlsx", file, LIMIT_MESSAGES.tooMuchData);
  });

  it("one shared string built from thousands of small runs is refused as a cell too long", async () => {
    const runs = "<r><t>aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa</t></r>".repeat(10_000);
    const file = await xlsx(workbookParts([inlineRow(1, HEADER)], { sharedStrings: [`<si>${runs}</si>`] }));
    await expectRefused("runs.xlsx", file, LIMIT_MESSAGES.cellTooLong);
  });

  it("more than 200,000 devices is refused", async () => {
    const lines = [HEADER.join(",")];
    for (let i = 0; i <= 200_000; i++) lines.push(`HO-0001,Camera,Axis,ROWS-${i}`);
    await expectRefused("rows.csv", Buffer.from(lines.join("\n")), LIMIT_MESSAGES.tooManyRows);
  });

  it("a sheet of more than 250,000 row elements, blank or not, is refused", async () => {
    const blank = '<row r="3"/>'.repeat(50_000);
    const rows = (function* () {
      yield inlineRow(1, HEADER);
      for (let i = 0; i < 5; i++) yield blank;
    })();
    await expectRefused("blank.xlsx", await xlsx(workbookParts(rows)), LIMIT_MESSAGES.tooManyRows);
  });

  it("a cell longer than a spreadsheet can hold is refused, in either format", async () => {
    const long = "x".repeat(40_000);
    await expectRefused("long.xlsx", await sheet(inlineRow(1, HEADER), inlineRow(2, [...GOOD_ROW.slice(0, 3), long])), LIMIT_MESSAGES.cellTooLong);
    await expectRefused("long.csv", Buffer.from(`${HEADER.join(",")}\nHO-0001,Camera,Axis,${long}\n`), LIMIT_MESSAGES.cellTooLong);
  });

  it("a CSV row of megabytes is refused", async () => {
    await expectRefused("wide.csv", Buffer.from(`${HEADER.join(",")}\n${"a,".repeat(3_000_000)}\n`), LIMIT_MESSAGES.tooManyColumns);
  });

  it("cell references and column ranges that would make the reader allocate billions of columns are refused", async () => {
    await expectRefused("far.xlsx", await sheet('<row r="1"><c r="ZZZZZZZ1" t="inlineStr"><is><t>x</t></is></c></row>'), LIMIT_MESSAGES.unreadable);
    const cols = workbookParts([inlineRow(1, HEADER)]).map((p) =>
      p.name === "xl/worksheets/sheet1.xml"
        ? { ...p, content: [`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cols><col min="1" max="2000000000" width="9"/></cols><sheetData>${inlineRow(1, HEADER)}</sheetData></worksheet>`] }
        : p,
    );
    await expectRefused("cols.xlsx", await xlsx(cols), LIMIT_MESSAGES.unreadable);
  });

  it("a sheet with a document type declaration is refused", async () => {
    const doctype = workbookParts([]).map((p) =>
      p.name === "xl/worksheets/sheet1.xml" ? { ...p, content: ['<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">]><worksheet><sheetData/></worksheet>'] } : p,
    );
    await expectRefused("doctype.xlsx", await xlsx(doctype), LIMIT_MESSAGES.unreadable);
  });

  it("an ordinary workbook built the same way is still read, and its batch stored", async () => {
    const outcome = await upload(editor, "fine.xlsx", await sheet(inlineRow(1, HEADER), inlineRow(2, GOOD_ROW)));
    if (!outcome.ok) throw new Error(outcome.error);
    // No file is kept: the rows waiting for confirmation are in the database.
    expect(importFiles()).toEqual([]);
    const [pending] = await testDb().$queryRawUnsafe<{ rows: number }[]>(
      `SELECT COALESCE(sum(rows), 0)::int AS rows FROM import_pending_rows WHERE batch_id = $1`, outcome.batchId,
    );
    expect(pending!.rows).toBe(1);
  });
});

describe("upload file names", () => {
  const csv = Buffer.from(`${HEADER.join(",")}\n${GOOD_ROW.join(",")}\n`);

  it("refuses a NUL byte, a control character and half a surrogate pair, storing nothing", async () => {
    const before = await batchCount();
    for (const name of ["a\u0000.csv", "line\nbreak.csv", "bell\u0007.csv", "half\uD800.csv"]) {
      expect(await upload(editor, name, csv)).toEqual({ ok: false, error: LIMIT_MESSAGES.fileNameUnreadable });
    }
    expect(await batchCount()).toBe(before);
  });

  it("says an over-long name is too long rather than cutting it short", async () => {
    expect(await upload(editor, `${"n".repeat(197)}.csv`, csv)).toEqual({ ok: false, error: LIMIT_MESSAGES.fileNameTooLong });
  });

  it("keeps only the last part of a path", async () => {
    const outcome = await upload(editor, "C:\\Users\\erin\\..\\devices.csv", csv);
    if (!outcome.ok) throw new Error(outcome.error);
    const [batch] = await testDb().$queryRawUnsafe<{ filename: string }[]>(`SELECT filename FROM import_batches WHERE id = $1`, outcome.batchId);
    expect(batch!.filename).toBe("devices.csv");
  });

  it("stores a file whose ignored column's name holds a NUL byte instead of failing", async () => {
    const outcome = await upload(editor, "nul-column.csv", Buffer.from(`${HEADER.join(",")},no\u0000te\n${GOOD_ROW.join(",")},x\n`));
    expect(outcome.ok).toBe(true);
  });
});

describe("imports at the same time", () => {
  // Every body waits for its gate, so an upload that got a slot holds it until the others have
  // been answered: which ones get a slot does not depend on how fast a file is checked.
  const csv = () => {
    const lines = [HEADER.join(",")];
    for (let i = 0; i < 3_000; i++) lines.push(`HO-0001,Camera,Axis,SAME-TIME-${i}`);
    return Buffer.from(lines.join("\n"));
  };

  it("one person gets one import at a time, and the others a clear answer", async () => {
    const gates = Array.from({ length: 8 }, () => gated(csv()));
    let answered = 0;
    const pending = gates.map((g) => createImportBatch(editor, { filename: "same.csv", body: g.body }).finally(() => (answered += 1)));
    await until(() => answered === 7);
    expect(await importsInProgress()).toBe(1);
    for (const g of gates) g.open();
    const outcomes = await Promise.all(pending);
    expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
    const refused = outcomes.filter((o) => !o.ok);
    expect(refused).toHaveLength(7);
    for (const o of refused) expect(o).toEqual({ ok: false, error: LIMIT_MESSAGES.busyYou, busy: true });
    expect(await importsInProgress()).toBe(0);
    // Released: the next upload is checked.
    expect((await upload(editor, "after.csv", csv())).ok).toBe(true);
  });

  it("the server checks two at a time whoever sends them", async () => {
    const third: Actor = { ...editor, id: -1 };
    const sends: [Actor, string, Buffer][] = [
      [editor, "a.csv", csv()],
      [mojEditor, "b.csv", Buffer.from(`organisation,${HEADER.join(",")}\nMoJ,MOJ-X,Camera,Axis,T-1\n`)],
      [third, "c.csv", csv()],
    ];
    const gates = sends.map(([, , bytes]) => gated(bytes));
    let answered = 0;
    const pending = sends.map(([actor, name], i) => createImportBatch(actor, { filename: name, body: gates[i]!.body }).finally(() => (answered += 1)));
    await until(() => answered === 1);
    expect(await importsInProgress()).toBe(2);
    for (const g of gates) g.open();
    const outcomes = await Promise.all(pending);
    // Whichever two claimed first are checked, and the third is told the service is busy.
    expect(outcomes.filter((o) => o.ok)).toHaveLength(2);
    expect(outcomes.filter((o) => !o.ok)).toEqual([{ ok: false, error: LIMIT_MESSAGES.busyService, busy: true }]);
    expect(await importsInProgress()).toBe(0);
  });

  it("a refused bomb frees its slot", async () => {
    await expectRefused("bomb.xlsx", await inlineStringBomb(HEADER, 50 * 1024 * 1024), LIMIT_MESSAGES.cellTooLong);
    expect((await upload(editor, "after-bomb.csv", csv())).ok).toBe(true);
  });
});

describe("confirmations that fail", () => {
  const csv = (tag: string) => Buffer.from(`${HEADER.join(",")}\n${GOOD_ROW.slice(0, 3).join(",")},${tag}\n`);

  async function appliedAt(batchId: string): Promise<Date | null> {
    const [row] = await testDb().$queryRawUnsafe<{ applied_at: Date | null }[]>(`SELECT applied_at FROM import_batches WHERE id = $1`, batchId);
    return row!.applied_at;
  }

  it("rows missing from the database are answered as an expired upload, and nothing is saved", async () => {
    const outcome = await upload(editor, "cut.csv", csv("CUT-1"));
    if (!outcome.ok) throw new Error(outcome.error);
    await testDb().$executeRawUnsafe(`DELETE FROM import_pending_rows WHERE batch_id = $1`, outcome.batchId);
    await expect(confirmImportBatch(editor, outcome.batchId)).rejects.toMatchObject({ code: "CONFLICT", message: "This upload has expired: upload the file again" });
    expect(await appliedAt(outcome.batchId)).toBeNull();
    expect(await importsInProgress()).toBe(0);
  });

  it("a confirmation while the same person's upload is being checked is told to wait", async () => {
    const outcome = await upload(editor, "wait.csv", csv("WAIT-1"));
    if (!outcome.ok) throw new Error(outcome.error);
    const gate = gated(csv("WAIT-2"));
    const checking = createImportBatch(editor, { filename: "slow.csv", body: gate.body });
    await until(async () => (await importsInProgress()) === 1);
    await expect(confirmImportBatch(editor, outcome.batchId)).rejects.toMatchObject({ code: "CONFLICT", message: LIMIT_MESSAGES.busyYou });
    gate.open();
    expect((await checking).ok).toBe(true);
    expect(await appliedAt(outcome.batchId)).toBeNull();
    await confirmImportBatch(editor, outcome.batchId);
    expect(await appliedAt(outcome.batchId)).not.toBeNull();
  });
});
