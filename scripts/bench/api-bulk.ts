/**
 * Benchmark of the API's bulk upsert against the import page: the same 10,000 devices (on 200 new
 * sites, every column filled) sent as JSON to POST /api/v1/devices/bulk, and uploaded as a CSV and
 * confirmed through the functions the import page's routes call (createImportBatch, then
 * confirmImportBatch). Each path runs in its own child process, on the same data (the devices each
 * adds are deleted before and after it), so each one's peak resident memory (maxRSS) is its own.
 * The API is called in-process: its route handler is given a Request as Next.js would give it, so
 * the figure includes reading and parsing the body, authentication, the rate limit and the import,
 * but not the HTTP server's own work (the same for both paths). Goal: the API within 1.2x of the
 * import path's time.
 * Run: DATABASE_URL=postgresql://… npx tsx scripts/bench/api-bulk.ts [--rows 10000]
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { parseArgs } from "node:util";
import { performance } from "node:perf_hooks";
import { allowServerOnly } from "./allow-server-only";

allowServerOnly();

const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
const PREFIX = "BENCH-API";
const BRANDS = ["Hikvision", "Axis", "Dahua", "Bosch", "Hanwha Vision", "Reolink", "EZVIZ", "Avigilon", "Uniview", "Mobotix"];
const NETWORKS = ["Core", "Segregated", "Standalone", "Unknown"];
const SENSITIVITY = ["Sensitive", "Not sensitive", "Unassessed"];
const COLUMNS = [
  "organisation", "site_code", "site_name", "address_line1", "town", "postcode", "sensitivity", "holds_secret_material", "system", "kind",
  "brand", "model", "serial", "asset_tag", "mac", "ip", "installed_on", "network", "vendor_cloud", "lifecycle", "notes",
] as const;

/** The rows both paths send: as import.ts's benchmark file, 50 devices a site. */
function rows(n: number, acronym: string): Record<(typeof COLUMNS)[number], string>[] {
  return Array.from({ length: n }, (_, i) => {
    const site = Math.floor(i / 50);
    const sensitivity = SENSITIVITY[site % 3]!;
    const mac = (0x0b0000000000 + i).toString(16).toUpperCase().padStart(12, "0").match(/../g)!.join(":");
    return {
      organisation: acronym, site_code: `${PREFIX}-${site}`, site_name: `Bench site ${site}`, address_line1: `${site} Bench Street`, town: "Leeds",
      postcode: "LS1 4AP", sensitivity, holds_secret_material: sensitivity === "Sensitive" ? "yes" : "no", system: `System ${site % 3}`,
      kind: i % 10 === 0 ? "Recorder" : "Camera", brand: BRANDS[i % BRANDS.length]!, model: `M-${i % 97}`, serial: `BAPISER${i}`,
      asset_tag: `BENCH-API-AT-${i}`, mac, ip: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
      installed_on: `20${10 + (i % 15)}-${String(1 + (i % 12)).padStart(2, "0")}-${String(1 + (i % 28)).padStart(2, "0")}`,
      network: NETWORKS[i % 4]!, vendor_cloud: i % 7 === 0 ? "yes" : "no", lifecycle: "In service", notes: "",
    };
  });
}

type Db = ReturnType<typeof import("../../lib/db").db>;

async function cleanUp(db: Db): Promise<void> {
  const ids = (await db.$queryRawUnsafe<{ id: number }[]>(`SELECT id FROM sites WHERE site_code LIKE '${PREFIX}-%'`)).map((r) => r.id);
  if (ids.length === 0) return;
  const orgs = await db.$queryRawUnsafe<{ organisation_id: number }[]>(`SELECT DISTINCT organisation_id FROM sites WHERE id = ANY($1::int[])`, ids);
  const { reevaluate } = await import("../../lib/data/evaluation");
  const { todayInLondon } = await import("../../lib/platform/today");
  await db.$transaction(async (tx) => {
    await tx.$executeRawUnsafe(`DELETE FROM device_compliance WHERE site_id = ANY($1::int[])`, ids);
    await tx.$executeRawUnsafe(`DELETE FROM devices WHERE site_id = ANY($1::int[])`, ids);
    await tx.$executeRawUnsafe(`DELETE FROM camera_systems WHERE site_id = ANY($1::int[])`, ids);
    await tx.$executeRawUnsafe(`DELETE FROM site_compliance WHERE site_id = ANY($1::int[])`, ids);
    await tx.$executeRawUnsafe(`DELETE FROM site_sensitivity_history WHERE site_id = ANY($1::int[])`, ids);
    await tx.$executeRawUnsafe(`DELETE FROM sites WHERE id = ANY($1::int[])`, ids);
    await reevaluate(tx, { organisationIds: orgs.map((o) => o.organisation_id) }, todayInLondon());
  }, { timeout: 600_000 });
}

interface Figures {
  path: string;
  ms: number;
  peakRssMb: number;
  baselineRssMb: number;
  created: number;
  bodyMb: number;
}

/** One path, in this (child) process: prints its figures as one JSON line. */
async function runPath(path: "api" | "import", n: number): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "ecr-bench-api-"));
  process.env.DATA_DIR = dir;
  const { db } = await import("../../lib/db");
  const { loadActor } = await import("../../lib/data/users");
  const user = await db().user.findFirst({ where: { email: "editor@ho.example.gov.uk" }, select: { id: true } });
  const actor = user ? await loadActor(user.id) : null;
  if (!actor || actor.organisationId === null) throw new Error("The benchmark needs the seeded demo data (editor@ho.example.gov.uk)");
  const org = await db().organisation.findUniqueOrThrow({ where: { id: actor.organisationId }, select: { acronym: true } });
  await cleanUp(db());
  const data = rows(n, org.acronym);
  let revoke: () => Promise<void> = async () => {};
  try {
    let created = 0;
    let ms = 0;
    let bodyBytes = 0;
    let baseline = 0;
    if (path === "api") {
      const bulk = await import("../../app/api/v1/devices/bulk/route");
      const { createApiTokenFor, revokeApiToken } = await import("../../lib/data/api-tokens");
      const expires = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
      // Token names are unique per person while the token lives: one per run, revoked afterwards.
      const token = await createApiTokenFor(actor, actor, { name: `Benchmark ${process.pid} ${Date.now()}`, access: "READ_WRITE", expiresOn: expires });
      if (!token.ok) throw new Error(JSON.stringify(token.fieldErrors));
      revoke = () => revokeApiToken(actor, token.value.id).then(() => undefined);
      // What a client sends: JSON with true and false for the yes/no columns and null for empty cells.
      const body = JSON.stringify({
        devices: data.map((r) => ({ ...r, holds_secret_material: r.holds_secret_material === "yes", vendor_cloud: r.vendor_cloud === "yes", notes: null })),
      });
      bodyBytes = Buffer.byteLength(body);
      data.length = 0;
      baseline = process.memoryUsage().rss;
      const start = performance.now();
      const request = new Request("http://localhost:3000/api/v1/devices/bulk", {
        method: "POST",
        headers: { Authorization: `Bearer ${token.value.token}`, "Content-Type": "application/json", "Content-Length": String(bodyBytes) },
        body,
      });
      const response = await bulk.POST(request, { params: Promise.resolve({}) });
      const result = (await response.json()) as { created?: number; detail?: string };
      ms = performance.now() - start;
      if (response.status !== 200) throw new Error(`API answered ${response.status}: ${result.detail}`);
      created = result.created ?? 0;
    } else {
      const { createImportBatch, confirmImportBatch } = await import("../../lib/data/imports");
      const csv = Buffer.from([COLUMNS.join(","), ...data.map((r) => COLUMNS.map((c) => r[c]).join(","))].join("\n"), "utf8");
      bodyBytes = csv.byteLength;
      data.length = 0;
      baseline = process.memoryUsage().rss;
      const start = performance.now();
      const upload = await createImportBatch(actor, { filename: "bench.csv", body: Readable.from([csv]) });
      if (!upload.ok) throw new Error(upload.error);
      const applied = await confirmImportBatch(actor, upload.batchId);
      ms = performance.now() - start;
      created = applied.created;
    }
    const figures: Figures = { path, ms, peakRssMb: mb(process.resourceUsage().maxRSS * 1024), baselineRssMb: mb(baseline), created, bodyMb: bodyBytes / 1024 / 1024 };
    console.log(`FIGURES ${JSON.stringify(figures)}`);
  } finally {
    await revoke();
    await cleanUp(db());
    rmSync(dir, { recursive: true, force: true });
    await db().$disconnect();
  }
}

function child(path: "api" | "import", n: number): Promise<Figures> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [...process.execArgv, process.argv[1]!, "--path", path, "--rows", String(n)], { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    proc.stdout.on("data", (d: Buffer) => (out += d.toString()));
    proc.on("close", (code) => {
      const line = out.split("\n").find((l) => l.startsWith("FIGURES "));
      if (code !== 0 || !line) reject(new Error(`${path} run failed (exit ${code}): ${out.slice(-2000)}`));
      else resolve(JSON.parse(line.slice(8)) as Figures);
    });
  });
}

export async function benchApiBulk(options: { rows?: number } = {}): Promise<void> {
  const n = options.rows ?? 10_000;
  // The import path first, then the API, then each again: the better of two runs each, so a cold
  // cache or a checkpoint falls on neither alone.
  const runs: Figures[] = [];
  for (const path of ["import", "api", "import", "api"] as const) {
    const f = await child(path, n);
    runs.push(f);
    console.log(`api-bulk: ${path === "api" ? "API bulk upsert" : "import page (upload + confirm)"}: ${(f.ms / 1000).toFixed(2)} s, peak RSS ${f.peakRssMb} MB (baseline ${f.baselineRssMb} MB), ${f.created.toLocaleString("en-GB")} devices created, body ${f.bodyMb.toFixed(1)} MB`);
  }
  const best = (p: string) => runs.filter((r) => r.path === p).reduce((a, b) => (b.ms < a.ms ? b : a));
  const api = best("api");
  const imp = best("import");
  const ratio = api.ms / imp.ms;
  const memRatio = api.peakRssMb / imp.peakRssMb;
  // Peak less the resident size just before the work: what the work itself needed.
  const growth = (f: Figures) => Math.max(0, f.peakRssMb - f.baselineRssMb);
  console.log(
    `api-bulk: ${n.toLocaleString("en-GB")} devices — API ${(api.ms / 1000).toFixed(2)} s, peak RSS ${api.peakRssMb} MB (+${growth(api)} MB); import page ${(imp.ms / 1000).toFixed(2)} s, peak RSS ${imp.peakRssMb} MB (+${growth(imp)} MB)`,
  );
  console.log(`api-bulk: time API/import ${ratio.toFixed(2)}x, peak RSS API/import ${memRatio.toFixed(2)}x; goal — within 1.2x of the import path's time: ${ratio <= 1.2 ? "met" : "NOT met"}`);
}

const isMain = process.argv[1]?.endsWith("api-bulk.ts") ?? false;
if (isMain) {
  const { values } = parseArgs({ options: { rows: { type: "string" }, path: { type: "string" } } });
  const n = values.rows ? Number(values.rows) : 10_000;
  const run = values.path === "api" || values.path === "import" ? runPath(values.path, n) : benchApiBulk({ rows: n });
  run.catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
