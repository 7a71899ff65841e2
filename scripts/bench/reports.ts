/**
 * Benchmark of the all-government report: how long the PDF and the XLSX take to build, and the
 * process's peak resident memory after each. The figures are read once through
 * getComplianceFigures (as the download route does) and timed separately.
 * Run: DATABASE_URL=postgresql://… npx tsx scripts/bench/reports.ts [--rounds 3] [--out DIR]
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { performance } from "node:perf_hooks";
import { allowServerOnly } from "./allow-server-only";

allowServerOnly();

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const peakRss = () => process.resourceUsage().maxRSS * 1024;

export async function benchReports(options: { rounds?: number; out?: string } = {}): Promise<void> {
  const rounds = options.rounds ?? 3;
  const { getComplianceFigures } = await import("../../lib/data/figures");
  const { buildPdf } = await import("../../lib/reports/build-pdf");
  const { buildXlsx } = await import("../../lib/reports/build-xlsx");
  const { buildCsv } = await import("../../lib/reports/build-csv");
  const { db } = await import("../../lib/db");

  const actor = { id: 0, email: "bench@register.example.gov.uk", name: "Benchmark", role: "CABINET_OFFICE" as const, organisationId: null, scope: { all: true as const } };
  const meta = { generatedBy: actor.email, generatedAt: new Date().toISOString() };
  const t0 = performance.now();
  const figures = await getComplianceFigures(actor, {});
  const figuresMs = performance.now() - t0;
  console.log(`reports: figures for ${figures.organisations.length} organisations, ${figures.totals.devices.toLocaleString("en-GB")} devices, ${figures.burnDown.length} snapshot dates in ${figuresMs.toFixed(0)} ms (peak RSS ${mb(peakRss())})`);

  const time = async (name: string, build: () => Promise<Buffer | string>) => {
    const times: number[] = [];
    let size = 0;
    let last: Buffer | string = "";
    for (let r = 0; r < rounds; r++) {
      const start = performance.now();
      last = await build();
      times.push(performance.now() - start);
      size = typeof last === "string" ? Buffer.byteLength(last) : last.length;
    }
    times.sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)] ?? 0;
    console.log(`reports: ${name} ${median.toFixed(0)} ms median of ${rounds} (min ${(times[0] ?? 0).toFixed(0)}, max ${(times[times.length - 1] ?? 0).toFixed(0)}), ${(size / 1024).toFixed(0)} KB, peak RSS so far ${mb(peakRss())}`);
    return last;
  };
  const pdf = await time("PDF ", () => buildPdf(figures, meta));
  const xlsx = await time("XLSX", () => buildXlsx(figures, meta));
  const csv = await time("CSV ", async () => buildCsv(figures));
  if (options.out) {
    await mkdir(options.out, { recursive: true });
    await writeFile(join(options.out, "report.pdf"), pdf);
    await writeFile(join(options.out, "report.xlsx"), xlsx);
    await writeFile(join(options.out, "report.csv"), csv);
    console.log(`reports: files written to ${options.out}`);
  }
  await db().$disconnect();
}

const isMain = process.argv[1]?.endsWith("reports.ts") ?? false;
if (isMain) {
  const { values } = parseArgs({ options: { rounds: { type: "string" }, out: { type: "string" } } });
  benchReports({ rounds: values.rounds ? Number(values.rounds) : undefined, out: values.out }).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
