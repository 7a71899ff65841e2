import "server-only";
import { randomBytes } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import { once } from "node:events";
import { createInterface } from "node:readline";
import type { Actor } from "@/lib/auth/actor";
import { inScope } from "@/lib/auth/actor";
import { AppError, conflict, forbidden, notFound } from "@/lib/auth/errors";
import { recordAudit } from "@/lib/data/audit";
import type { Db } from "@/lib/data/evaluation";
import {
  PendingRowsMissing,
  deletePendingRows,
  pendingRowCount,
  readPendingRows,
  removeExpiredPendingRows,
  storePendingRows,
} from "@/lib/data/import-pending-rows";
import { db } from "@/lib/db";
import { rawTransaction } from "@/lib/data/raw-transaction";
import { previewImport, runImport, statusTotals, type ImportResult } from "@/lib/import/apply";
import { LIMIT_MESSAGES, MAX_IMPORT_BYTES, detectFormat, type ImportFormat } from "@/lib/import/limits";
import { progressReporter, type ProgressReporter } from "@/lib/import/progress";
import { claimImportSlot, type ImportSlot } from "@/lib/import/slots";
import { filesOf, workDir } from "@/lib/import/upload-files";
import { readValidatedRows, validateFile, type RowError } from "@/lib/import/validate-file";
import { recordErrorsOf, rowsOf, validateJsonRows, type RecordError } from "@/lib/import/json-rows";
import { assertCanWrite } from "@/lib/data/scope";
import { todayInLondon } from "@/lib/platform/today";
import { plural } from "@/lib/text/plural";
import type { ImportRowContext } from "@/lib/validation/import-row";
import { parseUploadFileName } from "@/lib/validation/upload-file-name";

/** What the batch page shows; stored as the batch's summary. */
export interface ImportSummary {
  /** "json" for the API's bulk upsert. */
  format: ImportFormat | "json";
  rows: number;
  validRows: number;
  errorCount: number;
  errors: RowError[];
  ignoredColumns: string[];
  organisationIds: number[];
  preview: ImportResult | null;
  applied: ImportResult | null;
}

export interface ImportBatchView {
  id: string;
  filename: string;
  createdAt: Date;
  appliedAt: Date | null;
  rowCount: number;
  summary: ImportSummary;
  /** Nothing to confirm: errors in the file or the register refused rows. */
  blocked: boolean;
  organisations: { id: number; acronym: string; name: string }[];
}

/** `busy`: another import holds the slot (answered 429); otherwise a problem with the file. */
export type UploadOutcome = { ok: true; batchId: string } | { ok: false; error: string; busy?: true };

const BATCH_ID = /^[a-z0-9]{20}$/;

/** The organisations the actor may import for, by acronym. */
export async function listImportOrganisations(actor: Actor): Promise<{ id: number; acronym: string; name: string }[]> {
  const rows = await db().organisation.findMany({
    where: actor.scope.all ? {} : { id: { in: actor.scope.organisationIds } },
    select: { id: true, acronym: true, name: true },
    orderBy: { name: "asc" },
  });
  return rows;
}

/** What validating a row needs from the register: the actor's organisations and their sites' keys. */
export async function importRowContext(actor: Actor): Promise<ImportRowContext> {
  const organisations = await listImportOrganisations(actor);
  const byAcronym = new Map(organisations.map((o) => [o.acronym.toUpperCase(), o.id]));
  const orgIds = organisations.map((o) => o.id);
  const sites = await db().$queryRawUnsafe<{ id: number; organisation_id: number; site_code: string; epims_id: string | null }[]>(
    `SELECT id, organisation_id, site_code, epims_id FROM sites WHERE organisation_id = ANY($1::int[])`, orgIds,
  );
  const byCode = new Map<string, number>();
  const byEpims = new Map<string, { id: number; organisationId: number }>();
  for (const s of sites) {
    byCode.set(`${s.organisation_id}\u0000${s.site_code}`, s.id);
    if (s.epims_id) byEpims.set(s.epims_id, { id: s.id, organisationId: s.organisation_id });
  }
  // ePIMS IDs are unique across government: one held elsewhere cannot be given to a new site.
  const elsewhere = new Set(
    (await db().$queryRawUnsafe<{ epims_id: string }[]>(
      `SELECT epims_id FROM sites WHERE epims_id IS NOT NULL AND NOT (organisation_id = ANY($1::int[]))`, orgIds,
    )).map((r) => r.epims_id),
  );
  const own = actor.organisationId !== null && byAcronym.size > 0 && orgIds.includes(actor.organisationId) ? actor.organisationId : null;
  return {
    organisation: (acronym) => byAcronym.get(acronym) ?? null,
    today: todayInLondon(),
    defaultOrganisationId: own ?? (orgIds.length === 1 ? orgIds[0]! : null),
    findSite(organisationId, siteCode, epimsId) {
      if (siteCode !== null) {
        const id = byCode.get(`${organisationId}\u0000${siteCode}`);
        if (id !== undefined) return id;
      }
      if (epimsId !== null) {
        const hit = byEpims.get(epimsId);
        if (hit) return hit.organisationId === organisationId ? hit.id : "other-organisation";
        if (elsewhere.has(epimsId)) return "other-organisation";
      }
      return null;
    },
  };
}

async function saveUpload(body: AsyncIterable<Uint8Array>, file: string): Promise<{ bytes: number; head: Uint8Array } | "too-large"> {
  const out = createWriteStream(file);
  let bytes = 0;
  let head = new Uint8Array(0);
  try {
    for await (const chunk of body) {
      bytes += chunk.byteLength;
      if (bytes > MAX_IMPORT_BYTES) return "too-large";
      if (head.length < 8) head = Uint8Array.from([...head, ...chunk.subarray(0, 8 - head.length)]);
      if (!out.write(chunk)) await once(out, "drain");
    }
    return { bytes, head };
  } finally {
    out.end();
    await once(out, "close").catch(() => {});
  }
}

/**
 * Saves and checks an upload: every row validated, then a dry run of the import for the preview.
 * Nothing is written to the register. Returns the batch to preview, or a problem with the file.
 * One import slot is held throughout (see slots.ts): a caller that had to read the request
 * before calling (a form post) claims it first and passes it in, and releases it itself.
 * Progress is reported under `progressToken` for the page to poll, from any server process.
 */
export async function createImportBatch(
  actor: Actor,
  input: { filename: string; body: AsyncIterable<Uint8Array>; progressToken?: string | null; slot?: ImportSlot },
): Promise<UploadOutcome> {
  let own: ImportSlot | null = null;
  if (!input.slot) {
    const claim = await claimImportSlot(actor.id);
    if (!claim.ok) return { ok: false, error: claim.error, busy: true };
    own = claim.slot;
  }
  try {
    return await checkUpload(actor, input);
  } finally {
    await own?.release();
  }
}

async function checkUpload(
  actor: Actor,
  input: { filename: string; body: AsyncIterable<Uint8Array>; progressToken?: string | null },
): Promise<UploadOutcome> {
  const name = parseUploadFileName(input.filename);
  if (!name.ok) return name;
  const filename = name.name;
  const progress = progressReporter(input.progressToken ?? null, actor.id);
  const batchId = randomBytes(10).toString("hex");
  await mkdir(workDir(), { recursive: true });
  // Whichever process receives an upload clears what nobody confirmed in time.
  await removeExpiredPendingRows(db());
  const files = filesOf(batchId);
  try {
    const saved = await saveUpload(input.body, files.upload);
    if (saved === "too-large") return { ok: false, error: LIMIT_MESSAGES.tooLarge };
    if (saved.bytes === 0) return { ok: false, error: LIMIT_MESSAGES.empty };
    const format = detectFormat(filename, saved.head);
    if (!format) return { ok: false, error: LIMIT_MESSAGES.wrongType };

    progress.report({ phase: "reading", done: 0, total: null });
    const ctx = await importRowContext(actor);
    const outcome = await validateFile(files.upload, format, files.checking, ctx, (n) => progress.report({ phase: "reading", done: n }));
    if (outcome.fileError) return { ok: false, error: outcome.fileError };

    let preview: ImportResult | null = null;
    if (outcome.errorCount === 0) {
      progress.report({ phase: "checking", done: 0, total: outcome.validRows });
      preview = await previewImport(db(), () => readValidatedRows(files.checking), todayInLondon(), (phase, done) =>
        progress.report({ phase: "checking", done: phase === "staging" ? done : outcome.validRows }),
      );
    }
    const summary: ImportSummary = {
      format,
      rows: outcome.rows,
      validRows: outcome.validRows,
      errorCount: outcome.errorCount,
      errors: outcome.errors,
      ignoredColumns: outcome.ignoredColumns,
      organisationIds: outcome.organisationIds,
      preview,
      applied: null,
    };
    const organisationId = actor.organisationId ?? outcome.organisationIds[0] ?? null;
    if (organisationId === null) return { ok: false, error: LIMIT_MESSAGES.noRows };
    // The batch and the rows waiting for its confirmation are stored together or not at all. Only
    // a batch that can be confirmed keeps its rows.
    await rawTransaction(db(), async (tx) => {
      await tx.$executeRawUnsafe(
        `INSERT INTO import_batches (id, organisation_id, user_id, filename, row_count, summary) VALUES ($1, $2, $3, $4, $5, $6::jsonb)`,
        batchId, organisationId, actor.id, filename, outcome.rows, JSON.stringify(storable(summary)),
      );
      if (!isBlocked(summary)) await storePendingRows(tx, batchId, linesOf(files.checking));
    });
    progress.report({ phase: "done", done: outcome.rows, total: outcome.rows, batchId });
    return { ok: true, batchId };
  } catch (error) {
    progress.report({ phase: "failed" });
    throw error;
  } finally {
    await progress.flush();
    // Neither file outlives the request: the rows the confirmation needs are in the database.
    await rm(files.upload, { force: true });
    await rm(files.checking, { force: true });
  }
}

function linesOf(file: string): AsyncIterable<string> {
  return createInterface({ input: createReadStream(file, { encoding: "utf8" }), crlfDelay: Infinity });
}

/**
 * The summary as JSON PostgreSQL will take: jsonb refuses the escape for a NUL character, which a
 * file can carry in an ignored column's name or a cell quoted back in a message.
 */
function storable(summary: ImportSummary): object {
  return JSON.parse(JSON.stringify(summary, (_key, value: unknown) => (typeof value === "string" ? value.replace(/\u0000/g, "\uFFFD") : value))) as object;
}

function isBlocked(summary: ImportSummary): boolean {
  return summary.errorCount > 0 || !summary.preview || summary.preview.conflictCount > 0;
}

async function loadOwnBatch(actor: Actor, batchId: string) {
  if (!BATCH_ID.test(batchId)) throw notFound("Import");
  const batch = await db().importBatch.findUnique({
    where: { id: batchId },
    select: { id: true, userId: true, organisationId: true, filename: true, createdAt: true, appliedAt: true, rowCount: true, summary: true },
  });
  // Only the person who uploaded a file sees its preview and can confirm it.
  if (!batch || batch.userId !== actor.id) throw notFound("Import");
  const summary = batch.summary as unknown as ImportSummary;
  if (!summary.organisationIds.every((o) => inScope(actor, o))) throw notFound("Import");
  return { ...batch, summary };
}

export async function getImportBatch(actor: Actor, batchId: string): Promise<ImportBatchView> {
  const batch = await loadOwnBatch(actor, batchId);
  const organisations = await db().organisation.findMany({
    where: { id: { in: batch.summary.organisationIds } },
    select: { id: true, acronym: true, name: true },
    orderBy: { name: "asc" },
  });
  return {
    id: batch.id,
    filename: batch.filename,
    createdAt: batch.createdAt,
    appliedAt: batch.appliedAt,
    rowCount: batch.rowCount,
    summary: batch.summary,
    blocked: isBlocked(batch.summary),
    organisations,
  };
}

/**
 * Applies a previewed batch in one transaction: the register changes, the stored statuses are
 * re-evaluated and one audit event records the import, or nothing happens at all.
 */
export async function confirmImportBatch(actor: Actor, batchId: string, progressToken: string | null = null): Promise<ImportResult> {
  const claim = await claimImportSlot(actor.id);
  if (!claim.ok) throw conflict(claim.error);
  const progress = progressReporter(progressToken, actor.id);
  try {
    return await applyBatch(actor, batchId, progress);
  } catch (error) {
    progress.report({ phase: "failed" });
    throw error;
  } finally {
    await progress.flush();
    await claim.slot.release();
  }
}

async function applyBatch(actor: Actor, batchId: string, progress: ProgressReporter): Promise<ImportResult> {
  const batch = await loadOwnBatch(actor, batchId);
  if (batch.appliedAt) throw conflict("This file has already been imported");
  if (isBlocked(batch.summary)) throw new AppError("INVALID", "This file has errors: fix them and upload it again");
  if (!actor.scope.all && batch.summary.organisationIds.some((o) => !inScope(actor, o))) throw forbidden();

  const asOf = todayInLondon();
  const total = batch.summary.validRows;
  progress.report({ phase: "applying", done: 0, total });
  const result = await rawTransaction(db(), async (tx) => {
    try {
      return await applyRows(tx);
    } catch (error) {
      // Another change took a serial number or asset tag between the checks and the writes.
      if ((error as { code?: unknown }).code === "23505") throw changedSincePreview();
      if (error instanceof PendingRowsMissing) throw expired();
      throw error;
    }
  });
  progress.report({ phase: "done", done: total, total, batchId: batch.id });
  return result;

  async function applyRows(tx: Db): Promise<ImportResult> {
    const claimed = await tx.$executeRawUnsafe(
      `UPDATE import_batches SET applied_at = now() WHERE id = $1 AND user_id = $2 AND applied_at IS NULL`, batch.id, actor.id,
    );
    if (claimed !== 1) throw conflict("This file has already been imported");
    // Read and deleted on this transaction's connection, so they go exactly when the rows are applied.
    if ((await pendingRowCount(tx, batch.id)) !== total) throw expired();
    const r = await runImport(tx, readPendingRows(tx, batch.id, total), asOf, (phase, done) =>
      progress.report({ phase: "applying", done: phase === "staging" ? done : total }),
    );
    if (r.conflictCount > 0) throw changedSincePreview();
    await deletePendingRows(tx, batch.id);
    await recordApplied(tx, actor, batch, r);
    return r;
  }
}

/** Stores the outcome with the batch and audits the import: the same for a file and the API. */
async function recordApplied(
  tx: Db,
  actor: Actor,
  batch: { id: string; filename: string; rowCount: number; organisationId: number; summary: ImportSummary },
  r: ImportResult,
): Promise<void> {
  const summary: ImportSummary = { ...batch.summary, applied: r };
  await tx.$executeRawUnsafe(`UPDATE import_batches SET summary = $2::jsonb WHERE id = $1`, batch.id, JSON.stringify(storable(summary)));
  const totals = statusTotals(r.changes);
  await recordAudit(tx, actor, {
    action: "import.apply",
    entityType: "import",
    entityId: batch.id,
    organisationId: batch.organisationId,
    summary: `Imported ${batch.filename}: ${plural(r.created, "device")} created, ${r.updated.toLocaleString("en-GB")} updated, ${r.unchanged.toLocaleString("en-GB")} unchanged, ${plural(r.sitesCreated, "site")} created (import ${batch.id})`,
    after: {
      batchId: batch.id, filename: batch.filename, rows: batch.rowCount, created: r.created, updated: r.updated,
      unchanged: r.unchanged, sitesCreated: r.sitesCreated, systemsCreated: r.systemsCreated,
      organisationIds: batch.summary.organisationIds, statusesAfter: totals.after,
    },
  });
}

/** What the API's bulk upsert gets back: what was (or, in a dry run, would be) done, or every problem. */
export type RecordsImport =
  | { ok: true; result: ImportResult; importId: string | null }
  | { ok: false; busy: true; error: string }
  | { ok: false; busy?: undefined; errors: RecordError[]; errorCount: number };

class ConflictRollback extends Error {
  constructor(readonly result: ImportResult) {
    super("The register refused rows: rolled back");
  }
}

/**
 * The API's bulk upsert: the import's rows sent as JSON objects, validated exactly as an upload's
 * rows (validateJsonRows), then applied by runImport in one transaction (or, with `dryRun`, worked
 * out by previewImport and rolled back), under the same import slot and advisory lock as an upload,
 * and audited as an import under the token's owner. Nothing is written unless every row is good.
 */
export async function importDeviceRecords(
  actor: Actor,
  records: readonly unknown[],
  options: { dryRun: boolean; source: string },
): Promise<RecordsImport> {
  assertCanWrite(actor);
  const claim = await claimImportSlot(actor.id);
  if (!claim.ok) return { ok: false, busy: true, error: claim.error };
  try {
    const validated = validateJsonRows(records, await importRowContext(actor));
    if (validated.errorCount > 0) return { ok: false, errors: validated.errors, errorCount: validated.errorCount };
    const asOf = todayInLondon();
    if (options.dryRun) {
      const preview = await previewImport(db(), () => rowsOf(validated.rows), asOf);
      if (preview.conflictCount > 0) return { ok: false, errors: recordErrorsOf(preview.conflicts), errorCount: preview.conflictCount };
      return { ok: true, result: preview, importId: null };
    }
    const organisationId = actor.organisationId ?? validated.organisationIds[0] ?? null;
    if (organisationId === null) return { ok: false, errors: [{ index: 0, column: null, message: "Send at least one device" }], errorCount: 1 };
    const batch = {
      id: randomBytes(10).toString("hex"),
      filename: options.source,
      rowCount: records.length,
      organisationId,
      summary: {
        format: "json", rows: records.length, validRows: validated.rows.length, errorCount: 0, errors: [], ignoredColumns: [],
        organisationIds: validated.organisationIds, preview: null, applied: null,
      } satisfies ImportSummary,
    };
    try {
      const result = await rawTransaction(db(), async (tx) => {
        await tx.$executeRawUnsafe(
          `INSERT INTO import_batches (id, organisation_id, user_id, filename, row_count, summary, applied_at) VALUES ($1, $2, $3, $4, $5, $6::jsonb, now())`,
          batch.id, organisationId, actor.id, batch.filename, batch.rowCount, JSON.stringify(storable(batch.summary)),
        );
        const r = await runImport(tx, rowsOf(validated.rows), asOf);
        if (r.conflictCount > 0) throw new ConflictRollback(r);
        await recordApplied(tx, actor, batch, r);
        return r;
      });
      return { ok: true, result, importId: batch.id };
    } catch (error) {
      if (error instanceof ConflictRollback) return { ok: false, errors: recordErrorsOf(error.result.conflicts), errorCount: error.result.conflictCount };
      // Another change took a serial number or asset tag between the matching and the writes.
      if ((error as { code?: unknown }).code === "23505") throw conflict("The register changed while the devices were being saved, and some no longer fit: nothing was saved. Send them again.");
      throw error;
    }
  } finally {
    await claim.slot.release();
  }
}

/** Its rows were not confirmed within a day, or never fully stored. */
function expired(): AppError {
  return conflict("This upload has expired: upload the file again");
}

function changedSincePreview(): AppError {
  return conflict("The register has changed since the preview, and some rows no longer fit: upload the file again to see why");
}
