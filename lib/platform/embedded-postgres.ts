import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { processAlive } from "@/lib/platform/process-alive";

export class StartupError extends Error {}

export interface EmbeddedPostgres {
  url: string;
  dataDir: string;
  stop(): Promise<void>;
}

/**
 * PGlite keeps no lock of its own, and two processes on one directory lose writes silently,
 * so we hold a pid file for as long as we serve it.
 */
export function takeLock(dataDir: string): () => void {
  const lockFile = path.join(dataDir, "embedded.pid");
  try {
    const holder = Number(readFileSync(lockFile, "utf8").trim());
    if (Number.isInteger(holder) && holder > 0 && processAlive(holder)) {
      throw new StartupError(
        `The data directory ${dataDir} is in use by another process (pid ${holder}). Stop it first, or set DATA_DIR.`,
      );
    }
  } catch (error) {
    if (error instanceof StartupError) throw error;
  }
  writeFileSync(lockFile, String(process.pid));
  return () => rmSync(lockFile, { force: true });
}

export async function assertPortFree(port: number, what: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const probe = createServer();
    probe.once("error", (error: NodeJS.ErrnoException) => {
      reject(
        error.code === "EADDRINUSE"
          ? new StartupError(`Port ${port} (${what}) is already in use: is the app already running? Set ${what === "web server" ? "PORT" : "EMBEDDED_DB_PORT"} to use another.`)
          : error,
      );
    });
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolve()));
  });
}

/** Start PGlite on `dataDir` and serve it over the PostgreSQL wire protocol on loopback. */
export async function startEmbeddedPostgres(dataDir: string, port: number): Promise<EmbeddedPostgres> {
  const pgDir = path.resolve(dataDir, "pglite");
  mkdirSync(pgDir, { recursive: true });
  const releaseLock = takeLock(path.resolve(dataDir));
  try {
    await assertPortFree(port, "embedded database");
    const db = await PGlite.create(pgDir);
    // Every process of ours keeps a pool of one (one PGlite session). The Prisma CLI, though, opens a
    // second connection while its first is still open when the machine is busy, so a process holding
    // its one connection while it runs a migration needs three, plus a slot for the hand-over while
    // the server notices a close. With two slots the third was refused mid-migration ("P1017 Server
    // has closed the connection"). The slots are not what keeps PGlite's one session safe: using it
    // from one process at a time is.
    const server = new PGLiteSocketServer({ db, host: "127.0.0.1", port, maxConnections: 4 });
    await server.start();
    let stopped = false;
    return {
      url: `postgresql://postgres:postgres@127.0.0.1:${port}/postgres`,
      dataDir: pgDir,
      async stop() {
        if (stopped) return;
        stopped = true;
        await server.stop();
        // PGlite's WebAssembly runtime sets process.exitCode to 0 when its PostgreSQL exits. A host
        // that has already recorded a failure (vitest does, before its global teardown stops us)
        // would then exit 0 with failed tests, so the code it had is put back.
        const exitCode = process.exitCode;
        await db.close();
        process.exitCode = exitCode;
        releaseLock();
      },
    };
  } catch (error) {
    releaseLock();
    throw error;
  }
}
