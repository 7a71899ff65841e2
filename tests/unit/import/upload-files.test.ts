// The start-up clean-up of uploads a crash left behind: only our own files, in our own directory.
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import { readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { removeLeftoverUploads, removeStaleUploads } from "@/lib/import/upload-files";

const root = mkdtempSync(path.join(tmpdir(), "ecr-upload-files-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const ID = "0123456789abcdef0123";
const OTHER = "fedcba9876543210fedc";

describe("removeLeftoverUploads", () => {
  it("removes uploads and half-written rows, and nothing else", async () => {
    const dir = path.join(root, "imports");
    mkdirSync(dir);
    const outside = path.join(root, "precious.upload");
    writeFileSync(outside, "not ours");
    for (const name of [`${ID}.upload`, `${ID}.checking`, `${OTHER}.ndjson`, "notes.txt", `${ID}.upload.bak`, "ABCDEF0123456789ABCD.upload"]) {
      writeFileSync(path.join(dir, name), "x");
    }
    symlinkSync(outside, path.join(dir, `${OTHER}.upload`));
    mkdirSync(path.join(dir, `${OTHER}.checking`));

    expect(await removeLeftoverUploads(dir)).toBe(2);
    expect((await readdir(dir)).sort()).toEqual(
      ["ABCDEF0123456789ABCD.upload", `${ID}.upload.bak`, `${OTHER}.checking`, `${OTHER}.ndjson`, `${OTHER}.upload`, "notes.txt"].sort(),
    );
    expect(existsSync(outside)).toBe(true);
  });

  it("is quiet when the directory does not exist yet", async () => {
    expect(await removeLeftoverUploads(path.join(root, "missing"))).toBe(0);
  });
});

describe("removeStaleUploads", () => {
  it("removes our files older than a day, whatever their stage", async () => {
    const dir = path.join(root, "stale");
    mkdirSync(dir);
    const old = (Date.now() - 25 * 60 * 60 * 1000) / 1000;
    for (const name of [`${ID}.ndjson`, `${OTHER}.ndjson`, "old-notes.txt"]) writeFileSync(path.join(dir, name), "x");
    utimesSync(path.join(dir, `${ID}.ndjson`), old, old);
    utimesSync(path.join(dir, "old-notes.txt"), old, old);
    expect(await removeStaleUploads(dir)).toBe(1);
    expect((await readdir(dir)).sort()).toEqual([`${OTHER}.ndjson`, "old-notes.txt"]);
  });
});
