// The penetration test's resource-exhaustion finding, replayed against the production server:
// eight XLSX files of about 400 KB, each holding one inline-string cell of 400 MB, sent at once by
// a signed-in editor to POST /api/import. Before the fix the server died ("JavaScript heap out of
// memory"). Now every upload gets a clear 4xx answer, the server keeps answering, and its peak
// resident memory (VmHWM of the process listening on the port) stays under 1 GB. A second round
// sends cells of 250 MB, under the sheet's size cap, so the bytes really stream through the caps,
// two editors at a time.
import { existsSync, mkdirSync, readFileSync, readdirSync, readlinkSync, writeFileSync, type Dirent } from "node:fs";
import { hostname } from "node:os";
import path from "node:path";
import type { APIRequestContext, Browser } from "@playwright/test";
import { LIMIT_MESSAGES } from "@/lib/import/limits";
import { inlineStringBomb } from "../support/zip";
import { query } from "./database";
import { expect, signInAs, test } from "./fixtures";

const HEADER = ["site_code", "kind", "brand", "asset_tag"];
const GB = 1024 * 1024 * 1024;

/** The process holding the listening socket on `port`, found through /proc (Linux). */
function listeningPid(port: number): number {
  const hex = port.toString(16).toUpperCase().padStart(4, "0");
  const inodes = new Set<string>();
  for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    for (const line of readFileSync(table, "utf8").split("\n").slice(1)) {
      const f = line.trim().split(/\s+/);
      if (f.length > 9 && f[1]!.endsWith(`:${hex}`) && f[3] === "0A") inodes.add(f[9]!);
    }
  }
  for (const pid of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
        if (m && inodes.has(m[1]!)) return Number(pid);
      } catch {
        // The descriptor closed while we looked.
      }
    }
  }
  throw new Error(`no process is listening on port ${port}`);
}

/** The web server process behind the port: `npm start` holds the socket and its one worker serves. */
function serverPid(port: number): number {
  const primary = listeningPid(port);
  for (const pid of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (ppid === primary && readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("scripts/server.ts")) return Number(pid);
    } catch {
      // The process ended while we looked.
    }
  }
  return primary;
}

function memory(pid: number): { peak: number; now: number } {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, "m").exec(status)![1]) * 1024;
  return { peak: kb("VmHWM"), now: kb("VmRSS") };
}

const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;

/**
 * Resets the process's peak resident memory (VmHWM) to what it holds now (Linux's clear_refs "5"),
 * so the peak measured afterwards is the bombs' own, not that of the earlier tests the same server
 * process served (full re-evaluations, reports). Needs the tests to run as the server's user.
 */
function resetPeak(pid: number): void {
  writeFileSync(`/proc/${pid}/clear_refs`, "5");
}

async function editorRequest(browser: Browser, email: string): Promise<APIRequestContext> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInAs(page, email);
  return page.request;
}

async function sendBomb(request: APIRequestContext, origin: string, bomb: Buffer) {
  const response = await request.post("/api/import", {
    data: bomb,
    headers: { Origin: origin, Accept: "application/json", "Content-Type": "application/octet-stream", "X-File-Name": "devices.xlsx" },
    timeout: 120_000,
  });
  return { status: response.status(), body: (await response.json().catch(() => null)) as { error?: string } | null };
}

test("eight 400 MB-cell XLSX bombs at once get eight clear refusals, and the server stays up under 1 GB", async ({ browser, baseURL }) => {
  test.setTimeout(300_000);
  const origin = new URL(baseURL!).origin;
  const port = Number(new URL(baseURL!).port);
  const pid = serverPid(port);
  const lifetime = memory(pid);
  resetPeak(pid);
  const before = memory(pid);
  // The reset took: the peak is now about what the process holds, whatever it reached before.
  expect(before.peak).toBeLessThanOrEqual(before.now + 32 * 1024 * 1024);

  const bomb = await inlineStringBomb(HEADER);
  expect(bomb.length).toBeLessThan(500 * 1024);
  const editor = await editorRequest(browser, "editor@ho.example.gov.uk");

  const started = Date.now();
  const answers = await Promise.all(Array.from({ length: 8 }, () => sendBomb(editor, origin, bomb)));
  const firstRoundMs = Date.now() - started;
  for (const a of answers) {
    expect(a.status).toBeGreaterThanOrEqual(400);
    expect(a.status).toBeLessThan(500);
    expect([LIMIT_MESSAGES.tooMuchData, LIMIT_MESSAGES.busyYou]).toContain(a.body?.error);
  }
  expect(answers.filter((a) => a.body?.error === LIMIT_MESSAGES.tooMuchData).length).toBeGreaterThanOrEqual(1);

  // Cells under the sheet's cap are read until the cell cap stops them: two editors, four rounds.
  const streaming = await inlineStringBomb(HEADER, 250 * 1024 * 1024);
  const other = await editorRequest(browser, "editor@moj.example.gov.uk");
  const second: { status: number; body: { error?: string } | null }[] = [];
  for (let round = 0; round < 4; round++) {
    second.push(...(await Promise.all([sendBomb(editor, origin, streaming), sendBomb(other, origin, streaming)])));
  }
  for (const a of second) expect(a).toEqual({ status: 422, body: { error: LIMIT_MESSAGES.cellTooLong } });

  // Still answering, and still importing.
  expect((await editor.get("/accessibility")).status()).toBe(200);
  const csv = `${HEADER.join(",")}\nHO-0001,Camera,Axis,BOMB-AFTER-1\n`;
  const fine = await editor.post("/api/import", {
    data: Buffer.from(csv),
    headers: { Origin: origin, Accept: "application/json", "Content-Type": "text/csv", "X-File-Name": "after.csv" },
  });
  expect(fine.status()).toBe(200);
  expect(serverPid(port)).toBe(pid);

  const after = memory(pid);
  console.log(
    `import bombs: server pid ${pid}; peak RSS over its life so far ${mb(lifetime.peak)}, reset to ${mb(before.peak)}, ${mb(after.peak)} after the bombs (RSS now ${mb(after.now)}); ` +
      `8 x 400 MB-cell bombs answered in ${firstRoundMs} ms: ${answers.map((a) => a.status).join(", ")}; ` +
      `8 x 250 MB-cell bombs (2 at a time): ${second.map((a) => a.status).join(", ")}`,
  );
  test.info().annotations.push({ type: "peak RSS", description: `${mb(after.peak)} (before the bombs ${mb(before.peak)})` });
  expect(after.peak).toBeLessThan(GB);

  // Nothing of the uploads is left on disk (the e2e server's own data directory, when embedded).
  const imports = path.resolve(".data", `e2e-${port}`, "imports");
  const left = (() => {
    try {
      // Files only: each server process keeps an empty directory of its own under checking/.
      return (readdirSync(imports, { recursive: true, withFileTypes: true }) as Dirent[]).filter((d) => d.isFile()).map((d) => d.name);
    } catch {
      return [];
    }
  })();
  expect(left).toEqual([]);
});

test("a confirmation that fails says why in words, and saves nothing", async ({ browser, baseURL }) => {
  const origin = new URL(baseURL!).origin;
  const editor = await editorRequest(browser, "editor@ho.example.gov.uk");
  const headers = { Origin: origin, Accept: "application/json" };

  const unknown = await editor.post("/api/import/aaaaaaaaaaaaaaaaaaaa/confirm", { headers });
  expect(unknown.status()).toBe(404);
  expect(await unknown.json()).toEqual({ error: "Import not found" });
  const tampered = await editor.post(`/api/import/${encodeURIComponent("../x\u0000")}/confirm`, { headers });
  expect(tampered.status()).toBe(404);

  // The rows waiting for confirmation are gone (as if they had expired).
  const csv = `${HEADER.join(",")}\nHO-0001,Camera,Axis,CONFIRM-FAIL-1\n`;
  const uploaded = await editor.post("/api/import", {
    data: Buffer.from(csv),
    headers: { ...headers, "Content-Type": "text/csv", "X-File-Name": "cut-short.csv" },
  });
  const { batchId } = (await uploaded.json()) as { batchId: string };
  await query("DELETE FROM import_pending_rows WHERE batch_id = $1", [batchId]);

  const confirmed = await editor.post(`/api/import/${batchId}/confirm`, { headers });
  expect(confirmed.status()).toBe(409);
  expect(await confirmed.json()).toEqual({ error: "This upload has expired: upload the file again" });
  const form = await editor.post(`/api/import/${batchId}/confirm`, { headers: { Origin: origin }, maxRedirects: 0 });
  expect(form.status()).toBe(303);
  expect(form.headers().location).toBe(`/import/${batchId}?problem=expired`);
});

test("a server that dies is started again, and clears the uploads the dead one left", async ({ baseURL, request }) => {
  test.setTimeout(120_000);
  const port = Number(new URL(baseURL!).port);
  const dataDir = process.env.TEST_DATABASE_URL ? path.resolve(".data") : path.resolve(".data", `e2e-${port}`);
  const pid = serverPid(port);
  // An upload the server was checking when it died, in its own directory (host.pid.instance): a
  // process starting beside live ones clears only what dead ones left.
  const host = hostname().replace(/[^A-Za-z0-9-]/g, "-").slice(0, 64);
  const leftover = path.join(dataDir, "imports", "checking", `${host}.${pid}.deadbeef`, "0123456789abcdef0123.upload");
  mkdirSync(path.dirname(leftover), { recursive: true });
  writeFileSync(leftover, "site_code,kind,brand\nHO-0001,Camera,Axis\n");

  // What the kernel's out-of-memory killer does.
  process.kill(pid, "SIGKILL");
  await expect
    .poll(async () => (await request.get("/accessibility", { timeout: 5_000 }).catch(() => null))?.status() ?? 0, { timeout: 60_000, intervals: [500] })
    .toBe(200);
  expect(serverPid(port)).not.toBe(pid);
  expect(existsSync(leftover)).toBe(false);
});
