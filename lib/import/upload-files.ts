// Where uploads wait while they are checked, and the clean-up of what a crash leaves behind.
// Every file is named <batch id>.<kind>: the upload itself while it is read (.upload) and the valid
// rows while they are written (.checking), both in a directory of the process checking them. Both
// live only as long as the request that checks the upload: the rows waiting for confirmation are
// kept in the database (lib/data/import-pending-rows.ts), so no machine's disk holds state another
// needs. Only names of that shape are ever deleted, so nothing else that happens to be in a
// directory is touched, and symbolic links are never followed.
//
// Several server processes may share the directory, and one may start while others are checking
// uploads (a replacement for a crashed worker, a rolling deploy), so a process only deletes what
// is certainly dead: the directory of a process on this machine that is no longer running, and
// anything nobody has touched for a day.
import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { lstat, readdir, rm, rmdir } from "node:fs/promises";
import path from "node:path";
import { env } from "@/lib/env";
import { processAlive } from "@/lib/platform/process-alive";

const OURS = /^[0-9a-f]{20}\.(upload|checking|ndjson)$/;
/** A process's own directory: <host>.<pid>.<instance>. */
const PROCESS_DIR = /^([A-Za-z0-9-]{1,64})\.([1-9][0-9]{0,9})\.([0-9a-f]{8})$/;
const DAY_MS = 24 * 60 * 60 * 1000;
/**
 * Files earlier layouts left at the top of the directory: uploads being checked, and rows waiting
 * for confirmation (<batch>.ndjson) from before they were kept in the database. No request takes
 * this long, and a confirmation that still needed them now finds its rows expired.
 */
const LEGACY_MS = 60 * 60 * 1000;

export function importsDir(): string {
  return path.resolve(env().DATA_DIR, "imports");
}

/** This process's name among the others: the machine, the pid, and a random part that tells a reused pid apart. */
export interface ProcessIdentity {
  host: string;
  pid: number;
  instance: string;
}

// On globalThis: every bundle of one process must agree on its directory.
const KEY = Symbol.for("estate-camera-register.upload-instance");
const holder = globalThis as unknown as { [KEY]?: ProcessIdentity };

export function thisProcess(): ProcessIdentity {
  holder[KEY] ??= {
    host: hostname().replace(/[^A-Za-z0-9-]/g, "-").slice(0, 64) || "host",
    pid: process.pid,
    instance: randomBytes(4).toString("hex"),
  };
  return holder[KEY];
}

/** Where this process keeps the uploads it is checking. */
export function workDir(root = importsDir(), me = thisProcess()): string {
  return path.join(root, "checking", `${me.host}.${me.pid}.${me.instance}`);
}

/** The work files of one upload, deleted by the end of the request that checks it. */
export function filesOf(batchId: string, work = workDir()) {
  return {
    upload: path.join(work, `${batchId}.upload`),
    checking: path.join(work, `${batchId}.checking`),
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
 * At a process's start-up: removes the uploads of processes that are certainly dead. A directory
 * of this machine whose process is not running (or whose pid is now this process's own, with
 * another instance) was left by a crash or a kill mid-check, and nobody will come back for it: the
 * register's data is sensitive, so it goes. A directory of another machine (a shared volume) is
 * only removed once nothing in it has changed for a day. Files of earlier layouts at the top of the
 * directory go when an hour old.
 */
export async function removeLeftoverUploads(root = importsDir(), me = thisProcess(), now = Date.now()): Promise<number> {
  let removed = await removeWhere(root, (_kind, modifiedMs) => now - modifiedMs > LEGACY_MS);
  const parent = path.join(root, "checking");
  for (const name of await readdir(parent).catch(() => [] as string[])) {
    const m = PROCESS_DIR.exec(name);
    if (!m) continue;
    const [, host, pidText, instance] = m;
    const dir = path.join(parent, name);
    const s = await lstat(dir).catch(() => null);
    if (!s?.isDirectory()) continue;
    const pid = Number(pidText);
    const mine = host === me.host && pid === me.pid && instance === me.instance;
    if (mine) continue;
    const dead = host === me.host ? pid === me.pid || !processAlive(pid) : now - s.mtimeMs > DAY_MS;
    if (!dead) continue;
    removed += await removeWhere(dir, () => true);
    // Left in place if anything not ours is inside.
    await rmdir(dir).catch(() => {});
  }
  return removed;
}
