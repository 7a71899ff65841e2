import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as bulkRoute from "@/app/api/v1/devices/bulk/route";
import type { Actor } from "@/lib/auth/actor";
import { confirmImportBatch, createImportBatch, getImportBatch } from "@/lib/data/imports";
import { claimImportSlot } from "@/lib/import/slots";
import { actorFor, testDb } from "./helpers";
import { callRoute, tokenFor } from "../support/api-call";

// The bulk upsert through its route handler on the real database: the import's own validation,
// matching and all-or-nothing apply, with rows sent as JSON.

type Problem = { status: number; detail: string; errors?: { pointer?: string; detail: string }[] };
type Result = { dryRun: boolean; importId: string | null; devices: number; created: number; updated: number; unchanged: number; sitesCreated: number; systemsCreated: number; changes: { from: string; to: string; devices: number }[] };

let editor: Actor;
let token: string;
let dataDir: string;

const BRANDS = ["Hikvision", "Axis", "Dahua", "Bosch", "Hanwha Vision"];

/** `n` devices on new sites of 50 devices each, every column a real CAFM system would fill. */
function devices(n: number, prefix: string): Record<string, string | boolean | null>[] {
  return Array.from({ length: n }, (_, i) => {
    const site = Math.floor(i / 50);
    const sensitive = site % 2 === 0;
    return {
      organisation: "HO", site_code: `${prefix}-S${site}`, site_name: `${prefix} site ${site}`, address_line1: `${site} Bulk Street`, town: "Leeds",
      postcode: "LS1 4AP", sensitivity: sensitive ? "Sensitive" : "Not sensitive", holds_secret_material: sensitive, system: `System ${site % 3}`,
      kind: i % 10 === 0 ? "Recorder" : "Camera", brand: BRANDS[i % BRANDS.length]!, model: `M-${i % 97}`, serial: `${prefix}-SER-${i}`,
      asset_tag: `${prefix}-AT-${i}`, mac: null, ip: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
      installed_on: `20${10 + (i % 15)}-0${1 + (i % 9)}-1${i % 10}`, network: ["Core", "Segregated", "Standalone", "Unknown"][i % 4]!,
      vendor_cloud: i % 7 === 0, lifecycle: "In service", notes: i % 10 === 0 ? `Installed by the estates contractor; checked during the survey of ${prefix} site ${site}.` : null,
    };
  });
}

function send(body: unknown, query = "", t = token) {
  return callRoute(bulkRoute.POST, { method: "POST", path: `/api/v1/devices/bulk${query}`, token: t, body });
}

async function deviceCount(): Promise<number> {
  return testDb().device.count();
}

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), "h6-bulk-"));
  process.env.DATA_DIR = dataDir;
  editor = await actorFor("editor@ho.example.gov.uk");
  token = await tokenFor(editor);
});

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe("the bulk upsert", () => {
  it("creates 10,000 devices in one go, and sending them again changes nothing", async () => {
    const body = { devices: devices(10_000, "B1") };
    console.log(`bulk body of 10,000 devices: ${(Buffer.byteLength(JSON.stringify(body)) / 1024 / 1024).toFixed(1)} MB`);
    const before = await deviceCount();
    const dry = await send(body, "?dryRun=true");
    expect(dry.status).toBe(200);
    expect(dry.json).toMatchObject({ dryRun: true, importId: null, created: 10_000, sitesCreated: 200 });
    expect(await deviceCount()).toBe(before);

    const first = await send(body);
    expect(first.status).toBe(200);
    const result = first.json as Result;
    expect(result).toMatchObject({ dryRun: false, devices: 10_000, created: 10_000, updated: 0, unchanged: 0, sitesCreated: 200, systemsCreated: 200 });
    expect(result.changes).toEqual((dry.json as Result).changes);
    expect(result.changes.some((c) => c.from === "NEW" && c.to === "BREACH")).toBe(true);
    expect(await deviceCount()).toBe(before + 10_000);
    // Audited as the import is, under the token's owner.
    const audit = await testDb().auditEvent.findFirstOrThrow({ where: { action: "import.apply", entityId: result.importId! }, select: { actorId: true, after: true } });
    expect(audit.actorId).toBe(editor.id);
    expect(audit.after).toMatchObject({ created: 10_000, rows: 10_000 });

    const again = await send(body);
    expect(again.status).toBe(200);
    expect(again.json).toMatchObject({ created: 0, updated: 0, unchanged: 10_000, sitesCreated: 0 });
    expect(await deviceCount()).toBe(before + 10_000);
  });

  it("refuses all 10,000 for one bad row, naming it, and writes nothing", async () => {
    const list = devices(10_000, "B2");
    list[4321] = { ...list[4321]!, installed_on: "2023-02-30", kind: "Periscope" };
    const before = await deviceCount();
    const refused = await send({ devices: list });
    expect(refused.status).toBe(422);
    const problem = refused.json as Problem;
    expect(problem.detail).toMatch(/2 problems.*Nothing was saved/);
    expect(problem.errors).toEqual([
      { pointer: "#/devices/4321/kind", detail: "Kind must be Camera, Recorder, Encoder or Other" },
      { pointer: "#/devices/4321/installed_on", detail: "Install date must be a real date in the form YYYY-MM-DD" },
    ]);
    expect(await deviceCount()).toBe(before);
    expect(await testDb().site.count({ where: { siteCode: { startsWith: "B2-" } } })).toBe(0);
  });

  it("refuses a device listed twice, and a key the register holds on another device", async () => {
    const list = devices(3, "B3");
    list[2] = { ...list[2]!, asset_tag: list[0]!.asset_tag! };
    const twice = await send({ devices: list });
    expect(twice.status).toBe(422);
    expect((twice.json as Problem).errors).toEqual([{ pointer: "#/devices/2/asset_tag", detail: "Asset tag B3-AT-0 is also on row 0: list each device once" }]);

    const taken = devices(2, "B4");
    taken[1] = { ...taken[1]!, serial: "B1-SER-7" };
    const before = await deviceCount();
    const conflict = await send({ devices: taken });
    expect(conflict.status).toBe(422);
    expect((conflict.json as Problem).errors?.[0]?.pointer).toBe("#/devices/1/serial");
    expect((conflict.json as Problem).errors?.[0]?.detail).toMatch(/^Serial number B1-SER-7 is already recorded on another device/);
    expect(await deviceCount()).toBe(before);
  });

  it("refuses NUL bytes, wrong types and unknown columns with the import's words", async () => {
    const list = devices(4, "B5");
    list[0] = { ...list[0]!, brand: "Axis\u0000" };
    (list[1] as Record<string, unknown>).brand = { name: "Axis" };
    (list[2] as Record<string, unknown>).colour = "red";
    const refused = await send({ devices: [...list, "not a device"] });
    expect(refused.status).toBe(422);
    expect((refused.json as Problem).errors).toEqual([
      { pointer: "#/devices/0/brand", detail: "Brand must not contain control characters, such as a null byte" },
      { pointer: "#/devices/1/brand", detail: "brand must be text, a number, true, false or null" },
      { pointer: "#/devices/2/colour", detail: "colour is not one of the import's columns: see docs/IMPORT.md for their names" },
      { pointer: "#/devices/4", detail: "Each device must be a JSON object whose fields are the import's columns" },
    ]);
    expect((await send({ devices: "all of them" })).status).toBe(422);
    expect((await send({ devices: [], extra: 1 })).status).toBe(422);
    expect((await send([])).status).toBe(400);
    expect((await send({ devices: devices(1, "B5") }, "?dryRun=maybe")).status).toBe(400);
    expect(await testDb().site.count({ where: { siteCode: { startsWith: "B5-" } } })).toBe(0);
  });

  it("refuses more than 10,000 devices and a 20 MB body with 413", async () => {
    const tooMany = await send({ devices: Array.from({ length: 10_001 }, () => ({})) });
    expect(tooMany.status).toBe(413);
    expect((tooMany.json as Problem).detail).toMatch(/10,001 devices: send at most 10,000/);
    const huge = await callRoute(bulkRoute.POST, {
      method: "POST", path: "/api/v1/devices/bulk", token, headers: { "Content-Type": "application/json" },
      rawBody: JSON.stringify({ devices: [{ notes: "x".repeat(20 * 1024 * 1024) }] }),
    });
    expect(huge.status).toBe(413);
    const readOnly = await send({ devices: devices(1, "B6") }, "", await tokenFor(editor, "READ"));
    expect(readOnly.status).toBe(403);
  });

  it("is refused while another import of the same person runs, as the import page refuses", async () => {
    const claim = await claimImportSlot(editor.id);
    expect(claim.ok).toBe(true);
    try {
      const busy = await send({ devices: devices(2, "B7") });
      expect(busy.status).toBe(429);
      expect(busy.headers.get("retry-after")).toBe("30");
      expect((busy.json as Problem).detail).toBe("You already have an import being checked or applied: wait for it to finish, then upload the file again");
      // Two at once through the API: one runs, the other is refused.
      const [a, b] = await Promise.all([send({ devices: devices(2, "B8") }), send({ devices: devices(2, "B9") })]);
      expect([a.status, b.status]).toEqual([429, 429]);
    } finally {
      if (claim.ok) await claim.slot.release();
    }
    expect((await send({ devices: devices(2, "B8") })).status).toBe(200);
  });

  it("gives the same register as the upload: rows uploaded then sent are unchanged, and the other way round", async () => {
    const header = ["organisation", "site_code", "site_name", "address_line1", "town", "postcode", "sensitivity", "holds_secret_material", "system", "kind", "brand", "model", "serial", "asset_tag", "mac", "ip", "installed_on", "network", "vendor_cloud", "lifecycle", "notes"];
    const csv = (rows: Record<string, string | boolean | null>[]) =>
      Readable.from([Buffer.from([header.join(","), ...rows.map((r) => header.map((h) => { const v = r[h]; return v === null || v === undefined ? "" : v === true ? "yes" : v === false ? "no" : String(v); }).join(","))].join("\n"), "utf8")]);

    const uploaded = devices(120, "BU");
    const batch = await createImportBatch(editor, { filename: "same.csv", body: csv(uploaded) });
    if (!batch.ok) throw new Error(batch.error);
    expect((await getImportBatch(editor, batch.batchId)).blocked).toBe(false);
    const applied = await confirmImportBatch(editor, batch.batchId);
    expect(applied.created).toBe(120);
    const viaApi = await send({ devices: uploaded });
    expect(viaApi.json).toMatchObject({ created: 0, updated: 0, unchanged: 120 });

    const sent = devices(120, "BA");
    expect((await send({ devices: sent })).json).toMatchObject({ created: 120 });
    const upload = await createImportBatch(editor, { filename: "same-again.csv", body: csv(sent) });
    if (!upload.ok) throw new Error(upload.error);
    expect((await getImportBatch(editor, upload.batchId)).summary.preview).toMatchObject({ created: 0, updated: 0, unchanged: 120 });

    // Field by field, the devices each path wrote are alike.
    const shape = async (prefix: string) =>
      (await testDb().device.findMany({
        where: { assetTag: { startsWith: `${prefix}-AT-` } },
        orderBy: { assetTag: "asc" },
        select: { kind: true, brand: true, model: true, ip: true, installedOn: true, network: true, vendorCloud: true, lifecycle: true, notes: true, compliance: { select: { status: true } } },
      })).map((d) => ({ ...d, notes: d.notes?.replace(prefix, "") ?? null }));
    expect(await shape("BA")).toEqual(await shape("BU"));
  });
});
