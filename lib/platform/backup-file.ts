// The backup file: one file per backup, a fixed-size header saying what it is, then the payload
// (pg_dump's custom format, or PGlite's data directory as a gzip'd tar). The header carries the
// payload's length and SHA-256, so a truncated, corrupted or foreign file is refused before a
// restore touches anything. Files are created 0600: they hold OFFICIAL-SENSITIVE data.
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { open, rename, rm, stat, type FileHandle } from "node:fs/promises";
import type { Readable } from "node:stream";

export const BACKUP_MAGIC = "ESTATE-CAMERA-REGISTER-BACKUP 1\n";
/** The header block's size: JSON padded with spaces, so it can be written again once the payload is known. */
export const HEADER_BYTES = 4096;

export type BackupKind = "server" | "embedded";

export interface BackupHeader {
  service: "Estate Camera Register";
  kind: BackupKind;
  /** What the payload is, in words. */
  content: string;
  createdAt: string;
  /** The newest migration applied to the database backed up, and how many were applied. */
  migration: { latest: string | null; count: number };
  /** PostgreSQL's version as the database reported it. */
  postgresVersion: string;
  /** The tool that wrote the payload, e.g. "pg_dump 15.20" or "PGlite 0.4.6". */
  tool: string;
  payloadBytes: number;
  payloadSha256: string;
}

/** An expected failure, told to the operator in plain English (no stack trace). */
export class BackupError extends Error {}

function encodeHeader(header: BackupHeader): Buffer {
  const text = BACKUP_MAGIC + JSON.stringify(header, null, 1) + "\n";
  const bytes = Buffer.from(text, "utf8");
  if (bytes.length > HEADER_BYTES - 1) throw new Error("backup header too long");
  const block = Buffer.alloc(HEADER_BYTES, " ");
  bytes.copy(block);
  block[HEADER_BYTES - 1] = 0x0a;
  return block;
}

/**
 * Writes a backup to `file` through a temporary file beside it, renamed into place only when the
 * payload is complete. `writePayload` streams the payload into the sink it is given.
 */
export async function writeBackupFile(
  file: string,
  describe: Omit<BackupHeader, "payloadBytes" | "payloadSha256" | "service">,
  writePayload: (sink: (chunk: Buffer) => Promise<void>) => Promise<void>,
): Promise<BackupHeader> {
  const partial = `${file}.partial`;
  let handle: FileHandle | null = null;
  try {
    handle = await open(partial, "wx", 0o600);
    // The mode given to open() is filtered by the umask, which can only take bits away; set it anyway.
    await handle.chmod(0o600);
    const hash = createHash("sha256");
    let length = 0;
    let position = HEADER_BYTES;
    const h = handle;
    await writePayload(async (chunk) => {
      hash.update(chunk);
      length += chunk.length;
      await h.write(chunk, 0, chunk.length, position);
      position += chunk.length;
    });
    const header: BackupHeader = { service: "Estate Camera Register", ...describe, payloadBytes: length, payloadSha256: hash.digest("hex") };
    await handle.write(encodeHeader(header), 0, HEADER_BYTES, 0);
    await handle.sync();
    await handle.close();
    handle = null;
    await rename(partial, file);
    return header;
  } catch (error) {
    await handle?.close().catch(() => {});
    await rm(partial, { force: true });
    if ((error as NodeJS.ErrnoException).code === "EEXIST") {
      throw new BackupError(`${partial} already exists: another backup may be writing it. Remove it if not.`);
    }
    throw error;
  }
}

/** Reads and checks the header only: what a file claims to be. */
export async function readBackupHeader(file: string): Promise<BackupHeader> {
  let handle: FileHandle;
  try {
    handle = await open(file, "r");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new BackupError(`There is no file at ${file}.`);
    if (code === "EISDIR") throw new BackupError(`${file} is a folder, not a backup file.`);
    if (code === "EACCES") throw new BackupError(`${file} cannot be read by this user.`);
    throw error;
  }
  try {
    const block = Buffer.alloc(HEADER_BYTES);
    const { bytesRead } = await handle.read(block, 0, HEADER_BYTES, 0);
    const text = block.subarray(0, bytesRead).toString("utf8");
    if (!text.startsWith(BACKUP_MAGIC)) {
      throw new BackupError(`${file} is not a backup made by npm run db:backup, so nothing was restored.`);
    }
    if (bytesRead < HEADER_BYTES) throw new BackupError(`${file} is cut short (its header is incomplete), so nothing was restored.`);
    let header: BackupHeader;
    try {
      header = JSON.parse(text.slice(BACKUP_MAGIC.length)) as BackupHeader;
    } catch {
      throw new BackupError(`${file} has a damaged header, so nothing was restored.`);
    }
    if ((header.kind !== "server" && header.kind !== "embedded") || !Number.isSafeInteger(header.payloadBytes) || !/^[0-9a-f]{64}$/.test(header.payloadSha256)) {
      throw new BackupError(`${file} has a damaged header, so nothing was restored.`);
    }
    return header;
  } finally {
    await handle.close();
  }
}

/**
 * Reads the header and checks the whole payload against it (length and SHA-256): the check every
 * restore makes before it changes anything.
 */
export async function verifyBackupFile(file: string): Promise<BackupHeader> {
  const header = await readBackupHeader(file);
  const size = (await stat(file)).size;
  const expected = HEADER_BYTES + header.payloadBytes;
  if (size < expected) {
    throw new BackupError(
      `${file} is cut short: it holds ${size.toLocaleString("en-GB")} bytes where the backup wrote ${expected.toLocaleString("en-GB")}. ` +
        `Nothing was restored. Copy the file again from where it is kept.`,
    );
  }
  if (size > expected) throw new BackupError(`${file} has ${(size - expected).toLocaleString("en-GB")} bytes more than the backup wrote, so nothing was restored.`);
  const hash = createHash("sha256");
  for await (const chunk of payloadStream(file)) hash.update(chunk as Buffer);
  if (hash.digest("hex") !== header.payloadSha256) {
    throw new BackupError(`${file} is damaged: its content does not match the checksum written when it was made. Nothing was restored.`);
  }
  return header;
}

/** The payload, streamed from after the header. */
export function payloadStream(file: string): Readable {
  return createReadStream(file, { start: HEADER_BYTES });
}

export function describeSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
