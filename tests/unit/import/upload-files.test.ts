// The start-up clean-up of uploads a crash left behind: only our own files, only of processes that
// are certainly dead, whatever other processes are checking at the time.
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import { readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { filesOf, removeLeftoverUploads, workDir } from "@/lib/import/upload-files";

const base = mkdtempSync(path.join(tmpdir(), "ecr-upload-files-"));
afterAll(() => rmSync(base, { recursive: true, force: true }));

const ID = "0123456789abcdef0123";
const OTHER = "fedcba9876543210fedc";
const FRESH = "00000000000000000001";

const me = { host: "web-1", pid: process.pid, instance: "0000aaaa" };
const HOUR = 60 * 60 * 1000;

/** A process's own directory under `root`, with an upload and half-written rows in it. */
function processDir(root: string, name: string): string {
  const dir = path.join(root, "checking", name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, `${ID}.upload`), "x");
  writeFileSync(path.join(dir, `${ID}.checking`), "x");
  return dir;
}

describe("removeLeftoverUploads", () => {
  it("clears the directories of dead processes on this machine, and nothing of live ones", async () => {
    const root = path.join(base, "processes");
    // A pid that cannot be running: beyond the kernel's limit.
    const dead = processDir(root, "web-1.2147483600.1234abcd");
    const reused = processDir(root, `web-1.${process.pid}.5678abcd`);
    const own = processDir(root, `web-1.${process.pid}.0000aaaa`);
    const live = processDir(root, `web-1.${process.ppid}.9999abcd`);
    const otherMachine = processDir(root, "web-2.2147483600.1234abcd");
    const oldOtherMachine = processDir(root, "web-3.2147483600.1234abcd");
    const day = (Date.now() - 25 * HOUR) / 1000;
    utimesSync(oldOtherMachine, day, day);
    writeFileSync(path.join(root, "checking", "notes.txt"), "not ours");
    mkdirSync(path.join(root, "checking", "web-1.2147483601.1234abcd", "nested"), { recursive: true });

    expect(await removeLeftoverUploads(root, me)).toBe(6);
    expect(existsSync(dead)).toBe(false);
    expect(existsSync(reused)).toBe(false);
    expect(existsSync(oldOtherMachine)).toBe(false);
    for (const kept of [own, live, otherMachine]) expect((await readdir(kept)).sort()).toEqual([`${ID}.checking`, `${ID}.upload`]);
    // Anything not ours inside a dead process's directory keeps the directory.
    expect(existsSync(path.join(root, "checking", "web-1.2147483601.1234abcd", "nested"))).toBe(true);
    expect(existsSync(path.join(root, "checking", "notes.txt"))).toBe(true);
  });

  it("removes files of earlier layouts an hour old from the top of the directory, and nothing else", async () => {
    const dir = path.join(base, "imports");
    mkdirSync(dir);
    const outside = path.join(base, "precious.upload");
    writeFileSync(outside, "not ours");
    // <batch>.ndjson: rows waiting for confirmation, from before they were kept in the database.
    for (const name of [`${ID}.upload`, `${ID}.checking`, `${OTHER}.ndjson`, `${FRESH}.ndjson`, "notes.txt", `${ID}.upload.bak`, "ABCDEF0123456789ABCD.upload", `${FRESH}.upload`]) {
      writeFileSync(path.join(dir, name), "x");
    }
    const old = (Date.now() - 2 * HOUR) / 1000;
    for (const name of [`${ID}.upload`, `${ID}.checking`, `${OTHER}.ndjson`, "notes.txt", `${ID}.upload.bak`, "ABCDEF0123456789ABCD.upload"]) {
      utimesSync(path.join(dir, name), old, old);
    }
    symlinkSync(outside, path.join(dir, `${OTHER}.upload`));
    mkdirSync(path.join(dir, `${OTHER}.checking`));

    expect(await removeLeftoverUploads(dir, me)).toBe(3);
    expect((await readdir(dir)).sort()).toEqual(
      ["ABCDEF0123456789ABCD.upload", `${ID}.upload.bak`, `${OTHER}.checking`, `${OTHER}.upload`, `${FRESH}.ndjson`, `${FRESH}.upload`, "notes.txt"].sort(),
    );
    expect(existsSync(outside)).toBe(true);
  });

  it("is quiet when the directory does not exist yet", async () => {
    expect(await removeLeftoverUploads(path.join(base, "missing"), me)).toBe(0);
  });
});

describe("filesOf", () => {
  it("keeps an upload's work files in the process's own directory, and nothing in the shared one", () => {
    const files = filesOf(ID, workDir("/data/imports", me));
    expect(files).toEqual({
      upload: `/data/imports/checking/web-1.${process.pid}.0000aaaa/${ID}.upload`,
      checking: `/data/imports/checking/web-1.${process.pid}.0000aaaa/${ID}.checking`,
    });
  });
});
