import "server-only";
import { randomBytes } from "node:crypto";
import { mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Actor } from "@/lib/auth/actor";
import { inScope } from "@/lib/auth/actor";
import { notFound } from "@/lib/auth/errors";
import { recordAudit } from "@/lib/data/audit";
import { storeAndReconcile, type HostToStore, type ReconcileCounts } from "@/lib/data/discovery-reconcile";
import { classifyHosts } from "@/lib/discovery/classify";
import { loadRegister, type Db } from "@/lib/data/evaluation";
import { rawTransaction } from "@/lib/data/raw-transaction";
import { assertCanWrite } from "@/lib/data/scope";
import { db } from "@/lib/db";
import { DISCOVERY_MESSAGES, DiscoveryFileError, MAX_DISCOVERY_BYTES, MAX_LISTED_PROBLEMS, MAX_VMS_BYTES } from "@/lib/discovery/limits";
import { readNmapXml } from "@/lib/discovery/nmap";
import { parseRanges, siteCodeFor, type AddressRange } from "@/lib/discovery/ranges";
import type { DiscoveredHostInput, DiscoveryFileProblem, ParsedDiscovery } from "@/lib/discovery/types";
import { readVmsHeader, readVmsList, suggestMapping } from "@/lib/discovery/vms";
import { detectFormat, type ImportFormat } from "@/lib/import/limits";
import { workDir } from "@/lib/import/upload-files";
import { plural } from "@/lib/text/plural";
import { vmsMappingSchema, type VmsMapping } from "@/lib/validation/discovery-mapping";

// Uploading a discovery file: an nmap XML scan is read and reconciled at once; a VMS camera list
// waits (in the database) for its columns to be chosen, then the same. A file with any problem
// is refused whole: its problems are kept, with their lines, so the page can list them, and none
// of its hosts is stored. Reconciliation itself is discovery-reconcile.ts.

export type DiscoveryKind = "nmap" | "vms";

export interface DiscoveryUpload {
  organisationId: number | null;
  /** The one site the file covers; or null with `ranges`. */
  siteId: number | null;
  ranges: string | null;
  kind: DiscoveryKind;
  filename: string;
  bytes: Uint8Array;
}

/** A problem with the form rather than the file: shown against the field. */
export type UploadRefusal = { ok: false; field: "organisation" | "site" | "ranges" | "file"; message: string };
export type UploadOutcome = { ok: true; scanId: number; state: "AWAITING_COLUMNS" | "REFUSED" | "RECONCILED" } | UploadRefusal;

interface SiteKey {
  id: number;
  siteCode: string;
  name: string;
}

async function writableOrganisation(actor: Actor, organisationId: number | null): Promise<number | UploadRefusal> {
  assertCanWrite(actor);
  const id = organisationId ?? actor.organisationId;
  if (id === null || !inScope(actor, id)) return { ok: false, field: "organisation", message: "Choose the organisation whose network this is" };
  const org = await db().organisation.findUnique({ where: { id }, select: { id: true } });
  return org ? org.id : { ok: false, field: "organisation", message: "Choose the organisation whose network this is" };
}

async function sitesOf(organisationId: number): Promise<SiteKey[]> {
  return db().site.findMany({ where: { organisationId, archivedAt: null }, select: { id: true, siteCode: true, name: true } });
}

interface Coverage {
  siteId: number | null;
  ranges: AddressRange[];
  rangeLines: string[];
  byCode: Map<string, SiteKey>;
}

async function coverageOf(organisationId: number, input: Pick<DiscoveryUpload, "siteId" | "ranges" | "kind">): Promise<Coverage | UploadRefusal | { problems: DiscoveryFileProblem[] }> {
  const sites = await sitesOf(organisationId);
  const byCode = new Map(sites.map((s) => [s.siteCode.toUpperCase(), s]));
  if (input.siteId !== null) {
    if (!sites.some((s) => s.id === input.siteId)) return { ok: false, field: "site", message: "Choose one of your organisation's sites" };
    return { siteId: input.siteId, ranges: [], rangeLines: [], byCode };
  }
  const text = input.ranges?.trim() ?? "";
  // A camera list may say each camera's site in a column of its own instead.
  if (text === "" && input.kind === "vms") return { siteId: null, ranges: [], rangeLines: [], byCode };
  if (text === "") return { ok: false, field: "site", message: "Choose the site the scan covers, or give the address ranges of each site" };
  const parsed = parseRanges(text);
  if (!parsed.ok) return { ok: false, field: "ranges", message: parsed.problems.map((p) => p.message).join(". ") };
  const unknown = parsed.ranges.filter((r) => !byCode.has(r.siteCode.toUpperCase()));
  if (unknown.length > 0) {
    return { ok: false, field: "ranges", message: `No site of yours has the code ${[...new Set(unknown.map((r) => r.siteCode))].join(", ")}: check the site codes` };
  }
  return { siteId: null, ranges: parsed.ranges, rangeLines: text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l && !l.startsWith("#")), byCode };
}

/** Each host's site, or a problem with its line. */
function placeHosts(hosts: readonly DiscoveredHostInput[], coverage: Coverage): { placed: { host: DiscoveredHostInput; siteId: number }[]; problems: DiscoveryFileProblem[] } {
  const placed: { host: DiscoveredHostInput; siteId: number }[] = [];
  const problems: DiscoveryFileProblem[] = [];
  for (const host of hosts) {
    if (coverage.siteId !== null) {
      placed.push({ host, siteId: coverage.siteId });
      continue;
    }
    if (host.siteCode !== null) {
      const site = coverage.byCode.get(host.siteCode.toUpperCase());
      if (site) placed.push({ host, siteId: site.id });
      else problems.push({ line: host.line, field: "site", message: `No site of yours has the code ${host.siteCode}` });
      continue;
    }
    const ip = host.ipv4 ?? host.ipv6;
    const code = ip === null ? null : siteCodeFor(coverage.ranges, ip);
    const site = code === null ? undefined : coverage.byCode.get(code.toUpperCase());
    if (site) placed.push({ host, siteId: site.id });
    else if (coverage.ranges.length === 0) problems.push({ line: host.line, field: "site", message: "This camera has no site code, and no site was chosen for the file" });
    else problems.push({ line: host.line, field: "address", message: ip === null ? "This host has no IP address, so its site cannot be worked out from the address ranges" : `${ip} is in none of the address ranges given` });
  }
  return { placed, problems };
}

const listed = (problems: readonly DiscoveryFileProblem[]) => problems.slice(0, MAX_LISTED_PROBLEMS);

async function refuse(
  tx: Db,
  actor: Actor,
  scanId: number,
  problems: readonly DiscoveryFileProblem[],
  problemCount: number,
  filename: string,
  organisationId: number,
): Promise<void> {
  await tx.$executeRawUnsafe(
    `UPDATE discovery_scans SET state = 'REFUSED', problems = $2::jsonb, problem_count = $3, pending_upload = NULL WHERE id = $1`,
    scanId, JSON.stringify(listed(problems)), problemCount,
  );
  await recordAudit(tx, actor, {
    action: "discovery.refused",
    entityType: "discovery-scan",
    entityId: String(scanId),
    organisationId,
    summary: `Refused the discovery file ${filename}: ${plural(problemCount, "problem")}`,
  });
}

/** Writes a scan row; for a refused or waiting file there is nothing else. */
async function insertScan(
  tx: Db,
  row: { organisationId: number; userId: number; source: "NMAP" | "VMS"; filename: string; command: string | null; scannedAt: Date; siteIds: number[]; state: string; ranges: string[]; headers: string[]; pendingUpload: Uint8Array | null; discarded: string[] },
): Promise<number> {
  const inserted = await tx.$queryRawUnsafe<{ id: number }[]>(
    `INSERT INTO discovery_scans (organisation_id, user_id, source, filename, command, scanned_at, host_count, site_ids, state, ranges, headers, pending_upload, discarded)
     VALUES ($1, $2, $3::"DiscoverySource", $4, $5, $6, 0, $7::int[], $8::"DiscoveryScanState", $9::text[], $10::text[], $11, $12::text[]) RETURNING id`,
    row.organisationId, row.userId, row.source, row.filename, row.command, row.scannedAt, row.siteIds, row.state, row.ranges, row.headers,
    row.pendingUpload === null ? null : Buffer.from(row.pendingUpload), row.discarded,
  );
  return inserted[0]!.id;
}

/** Reconciles a read file (all its hosts placed) in one transaction with its scan row and audit. */
async function reconcileInto(
  tx: Db,
  actor: Actor,
  scan: { id: number; organisationId: number; filename: string; scannedAt: Date },
  hosts: HostToStore[],
): Promise<ReconcileCounts> {
  const siteIds = [...new Set(hosts.map((h) => h.siteId))].sort((a, b) => a - b);
  await tx.$executeRawUnsafe(
    `UPDATE discovery_scans SET state = 'RECONCILED', site_ids = $2::int[], host_count = $3, scanned_at = $4, pending_upload = NULL WHERE id = $1`,
    scan.id, siteIds, hosts.length, scan.scannedAt,
  );
  const counts = await storeAndReconcile(tx, { id: scan.id, organisationId: scan.organisationId, siteIds, scannedAt: scan.scannedAt }, hosts);
  await recordAudit(tx, actor, {
    action: "discovery.reconciled",
    entityType: "discovery-scan",
    entityId: String(scan.id),
    organisationId: scan.organisationId,
    summary:
      `Reconciled the discovery file ${scan.filename}: ${plural(counts.hosts, "host")}, ${counts.matched.toLocaleString("en-GB")} in the register, ` +
      `${counts.unrecorded.toLocaleString("en-GB")} not in the register (${counts.probableCovered.toLocaleString("en-GB")} probable covered equipment), ` +
      `${plural(counts.notSeen, "register device")} not seen`,
    after: counts,
  });
  return counts;
}

async function withUploadFile<T>(bytes: Uint8Array, extension: string, fn: (file: string) => Promise<T>): Promise<T> {
  const dir = workDir();
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, `${randomBytes(10).toString("hex")}.${extension}`);
  try {
    await writeFile(file, bytes);
    return await fn(file);
  } finally {
    await rm(file, { force: true });
  }
}

function problemsOfParse(parsed: ParsedDiscovery): { problems: DiscoveryFileProblem[]; count: number } {
  return { problems: parsed.problems, count: parsed.problemCount };
}

async function readFile(kind: DiscoveryKind, bytes: Uint8Array, format: ImportFormat | null, mapping: VmsMapping | null): Promise<ParsedDiscovery> {
  if (kind === "nmap") return withUploadFile(bytes, "xml", (file) => readNmapXml(file));
  return withUploadFile(bytes, format ?? "csv", (file) => readVmsList(file, format ?? "csv", mapping!));
}

function rangeLinesOf(coverage: Coverage): string[] {
  return coverage.rangeLines;
}

/**
 * Takes an uploaded discovery file. An nmap file is read, placed on its sites, classified and
 * reconciled; a camera list waits for its columns. Nothing but the refusal is kept from a file
 * with any problem.
 */
export async function uploadDiscoveryFile(actor: Actor, input: DiscoveryUpload): Promise<UploadOutcome> {
  const organisationId = await writableOrganisation(actor, input.organisationId);
  if (typeof organisationId !== "number") return organisationId;
  const coverage = await coverageOf(organisationId, input);
  if ("ok" in coverage) return coverage;
  if ("problems" in coverage) return { ok: false, field: "ranges", message: coverage.problems[0]!.message };
  if (input.bytes.byteLength === 0) return { ok: false, field: "file", message: "The selected file is empty" };
  if (input.bytes.byteLength > (input.kind === "nmap" ? MAX_DISCOVERY_BYTES : MAX_VMS_BYTES)) {
    return { ok: false, field: "file", message: input.kind === "nmap" ? DISCOVERY_MESSAGES.tooLarge : DISCOVERY_MESSAGES.vmsTooLarge };
  }
  const base = {
    organisationId, userId: actor.id, filename: input.filename, siteIds: coverage.siteId === null ? [] : [coverage.siteId],
    ranges: rangeLinesOf(coverage), discarded: [] as string[],
  };

  if (input.kind === "vms") {
    const format = detectFormat(input.filename, input.bytes.subarray(0, 8));
    if (format === null) return { ok: false, field: "file", message: "The selected file must be a CSV or an Excel workbook (.xlsx)" };
    let headers: string[];
    try {
      headers = await withUploadFile(input.bytes, format, (file) => readVmsHeader(file, format));
    } catch (error) {
      if (error instanceof DiscoveryFileError) return { ok: false, field: "file", message: error.message };
      throw error;
    }
    const scanId = await rawTransaction(db(), async (tx) => {
      const id = await insertScan(tx, {
        ...base, source: "VMS", command: null, scannedAt: new Date(), state: "AWAITING_COLUMNS", headers, pendingUpload: input.bytes,
      });
      await recordAudit(tx, actor, {
        action: "discovery.uploaded", entityType: "discovery-scan", entityId: String(id), organisationId,
        summary: `Uploaded the camera list ${input.filename}, to choose its columns`,
      });
      return id;
    });
    return { ok: true, scanId, state: "AWAITING_COLUMNS" };
  }

  let parsed: ParsedDiscovery;
  try {
    parsed = await readFile("nmap", input.bytes, null, null);
  } catch (error) {
    if (!(error instanceof DiscoveryFileError)) throw error;
    parsed = {
      source: "NMAP", scannedAt: null, command: null, hosts: [], discardedColumns: [],
      problems: [{ line: error.line ?? 1, field: null, message: error.message }], problemCount: 1,
    };
  }
  return finishReading(actor, { ...base, source: "NMAP" }, coverage, parsed, null);
}

async function finishReading(
  actor: Actor,
  base: { organisationId: number; userId: number; filename: string; siteIds: number[]; ranges: string[]; source: "NMAP" | "VMS" },
  coverage: Coverage,
  parsed: ParsedDiscovery,
  existingScanId: number | null,
): Promise<UploadOutcome> {
  const { placed, problems: placeProblems } = placeHosts(parsed.hosts, coverage);
  const { problems, count } = problemsOfParse(parsed);
  const allProblems = [...problems, ...placeProblems].sort((a, b) => a.line - b.line);
  const problemCount = count + placeProblems.length;
  if (problemCount === 0 && placed.length === 0) allProblems.push({ line: 1, field: null, message: "The file lists no hosts that were up: there is nothing to reconcile" });
  const scannedAt = parsed.scannedAt ? new Date(parsed.scannedAt) : new Date();
  const register = allProblems.length === 0 ? await loadRegister(db()) : null;
  const hosts = register ? classifyHosts(register, placed, { everyHostIsCamera: base.source === "VMS" }) : [];
  return rawTransaction(db(), async (tx) => {
    const scanId =
      existingScanId ??
      (await insertScan(tx, {
        ...base, command: parsed.command, scannedAt, state: "REFUSED", headers: [], pendingUpload: null, discarded: parsed.discardedColumns,
      }));
    if (existingScanId !== null) {
      await tx.$executeRawUnsafe(`UPDATE discovery_scans SET discarded = $2::text[] WHERE id = $1`, scanId, parsed.discardedColumns);
    }
    if (allProblems.length > 0) {
      await refuse(tx, actor, scanId, allProblems, Math.max(problemCount, allProblems.length), base.filename, base.organisationId);
      return { ok: true, scanId, state: "REFUSED" } as const;
    }
    await reconcileInto(tx, actor, { id: scanId, organisationId: base.organisationId, filename: base.filename, scannedAt }, hosts);
    return { ok: true, scanId, state: "RECONCILED" } as const;
  });
}

export interface ColumnChoice {
  id: number;
  filename: string;
  headers: string[];
  product: string | null;
  mapping: VmsMapping;
  /** Columns that look like passwords: never read. */
  secretColumns: string[];
}

async function awaitingScan(actor: Actor, scanId: number) {
  assertCanWrite(actor);
  const scan = await db().discoveryScan.findUnique({
    where: { id: scanId },
    select: { id: true, organisationId: true, userId: true, filename: true, headers: true, state: true, ranges: true, siteIds: true, pendingUpload: true },
  });
  if (!scan || !inScope(actor, scan.organisationId)) throw notFound("Upload");
  return scan;
}

/** The columns page of a camera list: its headers and the mapping to offer (the organisation's last, or a recognised product's). */
export async function getColumnChoice(actor: Actor, scanId: number): Promise<ColumnChoice | { state: string }> {
  const scan = await awaitingScan(actor, scanId);
  if (scan.state !== "AWAITING_COLUMNS") return { state: scan.state };
  const suggestion = suggestMapping(scan.headers);
  const saved = await db().discoveryMapping.findUnique({ where: { organisationId: scan.organisationId } });
  const savedMapping = saved ? vmsMappingSchema.safeParse(saved.mapping) : null;
  const fits = savedMapping?.success && Object.values(savedMapping.data).every((h) => h === null || scan.headers.includes(h as string));
  return {
    id: scan.id,
    filename: scan.filename,
    headers: scan.headers,
    product: fits ? saved!.product : suggestion.product,
    mapping: fits ? savedMapping.data : suggestion.mapping,
    secretColumns: suggestion.secretColumns,
  };
}

/** Reads a waiting camera list with the chosen columns, keeps the mapping for next time, and reconciles it. */
export async function chooseColumns(actor: Actor, scanId: number, mapping: VmsMapping, product: string | null): Promise<UploadOutcome> {
  const scan = await awaitingScan(actor, scanId);
  if (scan.state !== "AWAITING_COLUMNS" || scan.pendingUpload === null) return { ok: true, scanId, state: scan.state as "REFUSED" | "RECONCILED" };
  const organisationId = scan.organisationId;
  const coverage = await coverageOf(organisationId, {
    siteId: scan.siteIds[0] ?? null, ranges: scan.ranges.join("\n") || null, kind: "vms",
  });
  if ("ok" in coverage || "problems" in coverage) {
    return { ok: false, field: "site", message: "The site this list was for is no longer in the register: upload the file again" };
  }
  const bytes = new Uint8Array(scan.pendingUpload);
  const format = detectFormat(scan.filename, bytes.subarray(0, 8)) ?? "csv";
  let parsed: ParsedDiscovery;
  try {
    parsed = await readFile("vms", bytes, format, mapping);
  } catch (error) {
    if (!(error instanceof DiscoveryFileError)) throw error;
    parsed = {
      source: "VMS", scannedAt: null, command: null, hosts: [], discardedColumns: [],
      problems: [{ line: error.line ?? 1, field: null, message: error.message }], problemCount: 1,
    };
  }
  await db().discoveryMapping.upsert({
    where: { organisationId },
    create: { organisationId, product, mapping },
    update: { product, mapping },
  });
  return finishReading(
    actor,
    { organisationId, userId: actor.id, filename: scan.filename, siteIds: scan.siteIds, ranges: scan.ranges, source: "VMS" },
    coverage,
    parsed,
    scan.id,
  );
}
