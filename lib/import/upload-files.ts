// Where uploads wait while they are checked, and the clean-up of what a crash leaves behind.
// Every file is named <batch id>.<kind>: the upload itself while it is read (.upload), the valid
// rows while they are written (.checking), then the rows waiting for confirmation (.ndjson). Only
// names of that shape are ever deleted, so nothing else that happens to be in the directory is
// touched, and symbolic links are never followed.
import { lstat, readdir, rm } from "node:fs/promises";
import path from "node:path";
import { env } from "@/lib/env";

const OURS = /^[0-9a-f]{20}\.(upload|checking|ndjson)$/;

export function importsDir(): string {
  return path.resolve(env().DATA_DIR, "imports");
}

export function filesOf(batchId: string, dir = importsDir()) {
  return {
    upload: path.join(dir, `${batchId}.upload`),
    checking: path.join(dir, `${batchId}.checking`),
    rows: path.join(dir, `${batchId}.ndjson`),
  };
}

async function removeWhere(dir: string, doomed: (kind: string, modifiedMs: number) => boolean): Promise<number> {
  let removed = 0;
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    const kind = OURS.exec(name)?.[1];
    if (!kind) continue;
    const file = path.join(dir, name);
    const s = await lstat(file).catch(() => null);
    if (!s?.isFile() || !doomed(kind, s.mtimeMs)) continue;
    await rm(file, { force: true });
    removed += 1;
  }
  return removed;
}

/**
 * At start-up no upload can be in progress, so any upload or half-written rows file was left by
 * a process that stopped mid-check (a crash, a kill): the register's data is sensitive, so they go.
 * Rows waiting for confirmation stay; they expire after a day like any other.
 */
export function removeLeftoverUploads(dir = importsDir()): Promise<number> {
  return removeWhere(dir, (kind) => kind === "upload" || kind === "checking");
}

const STALE_MS = 24 * 60 * 60 * 1000;

/** Uploads nobody confirmed within a day are deleted. */
export function removeStaleUploads(dir = importsDir(), now = Date.now()): Promise<number> {
  return removeWhere(dir, (_kind, modifiedMs) => now - modifiedMs > STALE_MS);
}
