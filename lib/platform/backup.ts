// npm run db:backup / db:restore, as a library the commands and the tests share. The database is
// the one every command uses: DATABASE_URL's server when set, else the embedded one in DATA_DIR.
import { existsSync } from "node:fs";
import { mkdir, stat } from "node:fs/promises";
import path from "node:path";
import { assertEmbeddedDatabase, backupEmbedded, restoreEmbedded } from "@/lib/platform/backup-embedded";
import { BackupError, verifyBackupFile, type BackupHeader, type BackupKind } from "@/lib/platform/backup-file";
import { backupServer, restoreServer, type RestoreOutcome } from "@/lib/platform/backup-server";

export { BackupError } from "@/lib/platform/backup-file";

export interface BackupTarget {
  /** DATABASE_URL (its owner, who runs migrations); null for the embedded database. */
  url: string | null;
  dataDir: string;
}

function kindOf(target: BackupTarget): BackupKind {
  return target.url ? "server" : "embedded";
}

function stamp(now: Date): string {
  return now.toISOString().replace(/\.\d+Z$/, "Z").replaceAll(":", "").replaceAll("-", "");
}

/** DATA_DIR/backups/ecr-<server|embedded>-<UTC time>.backup */
export function defaultBackupPath(target: BackupTarget, now = new Date()): string {
  return path.resolve(target.dataDir, "backups", `ecr-${kindOf(target)}-${stamp(now)}.backup`);
}

export interface BackupResult {
  file: string;
  bytes: number;
  header: BackupHeader;
  ms: number;
}

export async function backup(target: BackupTarget, out?: string): Promise<BackupResult> {
  const started = performance.now();
  const file = path.resolve(out ?? defaultBackupPath(target));
  if (existsSync(file)) throw new BackupError(`${file} already exists: choose another name with --out.`);
  if (!target.url) assertEmbeddedDatabase(path.resolve(target.dataDir));
  if (out === undefined) {
    // Backups hold OFFICIAL-SENSITIVE data: their folder is the owner's alone.
    await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  } else if (!existsSync(path.dirname(file))) {
    throw new BackupError(`The folder ${path.dirname(file)} does not exist: create it first, or choose another --out.`);
  }
  const header = target.url ? await backupServer(target.url, file) : await backupEmbedded(path.resolve(target.dataDir), file);
  return { file, bytes: (await stat(file)).size, header, ms: Math.round(performance.now() - started) };
}

export interface RestoreOptions {
  replace: boolean;
  /** Server only: the web server's role, granted afresh after the restore. */
  appRole: { role: string; password: string | null } | null;
}

export interface RestoreResult extends RestoreOutcome {
  header: BackupHeader;
  ms: number;
}

export async function restore(target: BackupTarget, file: string, options: RestoreOptions): Promise<RestoreResult> {
  const started = performance.now();
  const resolved = path.resolve(file);
  // The whole file is checked (length and checksum) before anything is touched.
  const header = await verifyBackupFile(resolved);
  const kind = kindOf(target);
  if (header.kind !== kind) {
    throw new BackupError(
      header.kind === "embedded"
        ? `This is a backup of the embedded database, and DATABASE_URL is set. Unset DATABASE_URL to restore it into DATA_DIR. Nothing was restored.`
        : `This is a backup of a PostgreSQL server's database, and DATABASE_URL is not set. Set DATABASE_URL to the (empty) database to restore it into. Nothing was restored.`,
    );
  }
  const outcome = target.url
    ? await restoreServer(target.url, resolved, header, options)
    : await restoreEmbedded(path.resolve(target.dataDir), resolved, { replace: options.replace });
  return { ...outcome, header, ms: Math.round(performance.now() - started) };
}
