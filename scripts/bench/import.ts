/**
 * Benchmark of the bulk import: a 100,000-row CSV validated, previewed (staged, matched and planned,
 * statuses worked out in memory, rolled back) and applied (committed), with the process's peak resident memory; and, in the same run,
 * the floor: the same devices written by a plain multi-row INSERT. Goals: under 30 s in all,
 * under 500 MB resident, apply within 5x of the floor. The rows it adds are deleted afterwards.
 * Run: DATABASE_URL=postgresql://… npx tsx scripts/bench/import.ts [--rows 100000]
 * (BENCH_PHASES=1 prints time and memory at each phase of the preview and the apply.)
 */
import { createWriteStream, mkdtempSync, rmSync } from "node:fs";
import { once } from "node:events";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { performance } from "node:perf_hooks";
import { allowServerOnly } from "./allow-server-only";

allowServerOnly();

const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
const peakRss = () => process.resourceUsage().maxRSS * 1024;
const memory = () => {
  (globalThis as { gc?: () => void }).gc?.();
  const m = process.memoryUsage();
  return `RSS ${mb(m.rss)} MB, heap ${mb(m.heapUsed)} MB, external ${mb(m.external)} MB, peak RSS so far ${mb(peakRss())} MB`;
};

const BRANDS = ["Hikvision", "Axis", "Dahua", "Bosch", "Hanwha Vision", "Reolink", "EZVIZ", "Avigilon", "Uniview", "Mobotix"];
const NETWORKS = ["Core", "Segregated", "Standalone", "Unknown"];
const SENSITIVITY = ["Sensitive", "Not sensitive", "Unassessed"];

/** Writes the benchmark file: rows across new sites of the organisation, every column filled. */
async function writeFile(path: string, rows: number, acronym: string): Promise<void> {
  const out = createWriteStream(path);
  const header = "organisation,site_code,site_name,address_line1,town,postcode,sensitivity,holds_secret_material,system,kind,brand,model,serial,asset_tag,mac,ip,installed_on,network,vendor_cloud,lifecycle,notes\n";
  out.write(header);
  for (let i = 0; i < rows; i++) {
    const site = Math.floor(i / 50);
    const sensitivity = SENSITIVITY[site % 3]!;
    const mac = (0x0a0000000000 + i).toString(16).toUpperCase().padStart(12, "0").match(/../g)!.join(":");
    const day = String(1 + (i % 28)).padStart(2, "0");
    const month = String(1 + (i % 12)).padStart(2, "0");
    const line = [
      acronym, `BENCH-${site}`, `Bench site ${site}`, `${site} Bench Street`, "Leeds", "LS1 4AP", sensitivity,
      sensitivity === "Sensitive" ? "yes" : "no", `System ${site % 3}`, i % 10 === 0 ? "Recorder" : "Camera",
      BRANDS[i % BRANDS.length]!, `M-${i % 97}`, `BSER${i}`, `BENCH-AT-${i}`, mac, `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
      `20${10 + (i % 15)}-${month}-${day}`, NETWORKS[i % 4]!, i % 7 === 0 ? "yes" : "no", "In service", "",
    ].join(",");
    if (!out.write(`${line}\n`)) await once(out, "drain");
  }
  out.end();
  await once(out, "close");
}

export async function benchImport(options: { rows?: number } = {}): Promise<void> {
  const rows = options.rows ?? 100_000;
  const { db } = await import("../../lib/db");
  const { loadActor } = await import("../../lib/data/users");
  const { importRowContext } = await import("../../lib/data/imports");
  const { validateFile, readValidatedRows } = await import("../../lib/import/validate-file");
  const { previewImport, runImport } = await import("../../lib/import/apply");
  const { rawTransaction } = await import("../../lib/data/raw-transaction");
  const { todayInLondon } = await import("../../lib/platform/today");
  type ImportRow = import("../../lib/validation/import-row").ImportRow;

  const user = await db().user.findFirst({ where: { email: "editor@ho.example.gov.uk" }, select: { id: true } });
  const actor = user ? await loadActor(user.id) : null;
  if (!actor || actor.organisationId === null) throw new Error("The benchmark needs the seeded demo data (editor@ho.example.gov.uk)");
  const org = await db().organisation.findUniqueOrThrow({ where: { id: actor.organisationId }, select: { acronym: true } });
  await cleanUp(db());

  const dir = mkdtempSync(join(tmpdir(), "ecr-bench-import-"));
  const file = join(dir, "bench.csv");
  const ndjson = join(dir, "bench.ndjson");
  await writeFile(file, rows, org.acronym);
  const asOf = todayInLondon();
  const baseline = mb(process.memoryUsage().rss);

  try {
    // The floor: the same rows through one plain multi-row INSERT per 1,000 rows, rolled back.
    const validRows: ImportRow[] = [];
    const t0 = performance.now();
    const ctx = await importRowContext(actor);
    const outcome = await validateFile(file, "csv", ndjson, ctx);
    const validateMs = performance.now() - t0;
    if (outcome.errorCount > 0 || outcome.fileError) throw new Error(`bench file invalid: ${outcome.fileError ?? JSON.stringify(outcome.errors.slice(0, 3))}`);

    console.log(`import: validate ${validateMs.toFixed(0)} ms (${memory()})`);

    const t1 = performance.now();
    const phases = process.env.BENCH_PHASES === "1"
      ? (phase: string, done: number) => { if (phase !== "staging" || done % 50_000 === 0) console.log(`  ${(performance.now() / 1000).toFixed(1)} s ${phase} ${done}: ${memory()}`); }
      : undefined;
    const preview = await previewImport(db(), () => readValidatedRows(ndjson), asOf, phases);
    const previewMs = performance.now() - t1;
    console.log(`import: preview ${previewMs.toFixed(0)} ms (${memory()})`);

    const t2 = performance.now();
    const applied = await rawTransaction(db(), (tx) => runImport(tx, readValidatedRows(ndjson), asOf, phases));
    const applyMs = performance.now() - t2;
    const peak = mb(peakRss());
    console.log(`import: apply ${applyMs.toFixed(0)} ms (${memory()})`);

    // Measured last, so its rows in memory do not count in the import's peak; the keys are
    // changed so that they do not clash with the devices the apply has just committed.
    for await (const r of readValidatedRows(ndjson)) {
      validRows.push({ ...r, assetTag: r.assetTag && `F-${r.assetTag}`, serial: r.serial && `F-${r.serial}` });
    }
    const floorMs = await floor(db(), validRows, rawTransaction);
    validRows.length = 0;


    const total = validateMs + previewMs + applyMs;
    console.log(`import: ${rows.toLocaleString("en-GB")} rows — validate ${validateMs.toFixed(0)} ms, preview ${previewMs.toFixed(0)} ms, apply ${applyMs.toFixed(0)} ms, total ${(total / 1000).toFixed(1)} s`);
    const same = JSON.stringify([preview.created, preview.updated, preview.sitesCreated, preview.changes]) ===
      JSON.stringify([applied.created, applied.updated, applied.sitesCreated, applied.changes]);
    console.log(`import: created ${applied.created}, sites ${applied.sitesCreated} (preview said ${preview.created}, ${preview.sitesCreated}; status changes ${same ? "as the preview said" : "DIFFERENT from the preview"}); peak RSS ${peak} MB (baseline ${baseline} MB)`);
    console.log(`import: floor (plain multi-row INSERT of the same ${rows.toLocaleString("en-GB")} devices) ${floorMs.toFixed(0)} ms; apply/floor ${(applyMs / floorMs).toFixed(1)}x, total/floor ${(total / floorMs).toFixed(1)}x`);
    console.log(`import: goals — total < 30 s: ${total < 30_000 ? "met" : "NOT met"}; peak RSS < 500 MB: ${peak < 500 ? "met" : "NOT met"}; apply within 5x of the floor: ${applyMs / floorMs <= 5 ? "met" : "NOT met"}`);
  } finally {
    await cleanUp(db());
    rmSync(dir, { recursive: true, force: true });
    await db().$disconnect();
  }
}

type Db = ReturnType<typeof import("../../lib/db").db>;

/** Inserts the rows into devices on one existing site with plain multi-row VALUES, then rolls back. */
/**
 * The floor: the same rows through one plain multi-row INSERT per 1,000 rows, on the same kind of
 * plain pg connection the import uses, so neither pays Prisma's query compiler.
 */
async function floor(
  db: Db,
  rows: readonly import("../../lib/validation/import-row").ImportRow[],
  rawTransaction: typeof import("../../lib/data/raw-transaction").rawTransaction,
): Promise<number> {
  const site = await db.site.findFirstOrThrow({ where: { organisationId: rows[0]!.organisationId }, select: { id: true } });
  const cols = ["organisation_id", "site_id", "kind", "brand", "model", "serial", "asset_tag", "mac", "ip", "installed_on", "network", "vendor_cloud", "lifecycle", "notes", "updated_at"];
  const casts = ["", "", '::"DeviceKind"', "", "", "", "", "", "", "::date", '::"Network"', "", '::"Lifecycle"', "", ""];
  let ms = 0;
  await rawTransaction(db, async (tx) => {
    const start = performance.now();
    for (let i = 0; i < rows.length; i += 1_000) {
      const chunk = rows.slice(i, i + 1_000);
      const params: unknown[] = [];
      const values = chunk.map((r) => {
        const v = [r.organisationId, site.id, r.kind, r.brand, r.model, r.serial, r.assetTag, r.mac, r.ip, r.installedOn, r.network, r.vendorCloud, r.lifecycle, r.notes, new Date()];
        const base = params.length;
        params.push(...v);
        return `(${v.map((_, j) => `$${base + j + 1}${casts[j]}`).join(", ")})`;
      });
      await tx.$executeRawUnsafe(`INSERT INTO devices (${cols.join(", ")}) VALUES ${values.join(", ")}`, ...params);
    }
    ms = performance.now() - start;
    throw new RollBack();
  }).catch((error: unknown) => {
    if (!(error instanceof RollBack)) throw error;
  });
  return ms;
}

class RollBack extends Error {}

async function cleanUp(db: Db): Promise<void> {
  const ids = await db.$queryRawUnsafe<{ id: number }[]>(`SELECT id FROM sites WHERE site_code LIKE 'BENCH-%'`);
  if (ids.length === 0) return;
  const siteIds = ids.map((r) => r.id);
  const orgs = await db.$queryRawUnsafe<{ organisation_id: number }[]>(`SELECT DISTINCT organisation_id FROM sites WHERE id = ANY($1::int[])`, siteIds);
  await db.$transaction(async (tx) => {
    await tx.$executeRawUnsafe(`DELETE FROM device_compliance WHERE site_id = ANY($1::int[])`, siteIds);
    await tx.$executeRawUnsafe(`DELETE FROM devices WHERE site_id = ANY($1::int[])`, siteIds);
    await tx.$executeRawUnsafe(`DELETE FROM camera_systems WHERE site_id = ANY($1::int[])`, siteIds);
    await tx.$executeRawUnsafe(`DELETE FROM site_compliance WHERE site_id = ANY($1::int[])`, siteIds);
    await tx.$executeRawUnsafe(`DELETE FROM site_sensitivity_history WHERE site_id = ANY($1::int[])`, siteIds);
    await tx.$executeRawUnsafe(`DELETE FROM sites WHERE id = ANY($1::int[])`, siteIds);
    const { reevaluate } = await import("../../lib/data/evaluation");
    const { todayInLondon } = await import("../../lib/platform/today");
    await reevaluate(tx, { organisationIds: orgs.map((o) => o.organisation_id) }, todayInLondon());
  }, { timeout: 600_000 });
}

const isMain = process.argv[1]?.endsWith("import.ts") ?? false;
if (isMain) {
  const { values } = parseArgs({ options: { rows: { type: "string" } } });
  benchImport({ rows: values.rows ? Number(values.rows) : undefined }).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
