// An import's progress started on one server process is readable on another: two services on two
// ports against one PostgreSQL database. The file is uploaded through the import page on server A
// and, while A checks it, its progress is read on server B with the same signed-in browser (cookies
// belong to the host, not the port) and seen to advance; at the end B reports it done, with the
// batch the page then opens. Then the import is confirmed on server B, which has a data directory
// of its own (two machines): the rows waiting for confirmation are read from the database, and the
// devices land. Someone else's confirmation is refused there in words.
import { expect, test, type BrowserContext } from "@playwright/test";
import pg from "pg";
import { dropServerDatabase, freshServerDatabase, signedInContext, startServer, type ServerHandle } from "./support/servers";

test.describe.configure({ mode: "serial" });
test.skip(!process.env.TEST_DATABASE_URL, "needs a PostgreSQL server (TEST_DATABASE_URL): two server processes share one database, and embedded PGlite serves one process by design");

const PORT_A = 3520;
const PORT_B = 3521;
const ROWS = 60_000;
let databaseUrl = "";
let a: ServerHandle | null = null;
let b: ServerHandle | null = null;

interface Progress {
  phase: string;
  done: number;
  total: number | null;
  batchId: string | null;
}

test.beforeAll(async () => {
  test.setTimeout(600_000);
  databaseUrl = await freshServerDatabase("imp_progress", { devices: 2_000 });
  [a, b] = await Promise.all([startServer({ port: PORT_A, databaseUrl }), startServer({ port: PORT_B, databaseUrl })]);
});

test.afterAll(async () => {
  test.setTimeout(120_000);
  await Promise.all([a?.stop(), b?.stop()]);
  if (databaseUrl) await dropServerDatabase(databaseUrl);
});

test("an import started on one server shows its progress on another, to its owner only", async ({ browser }) => {
  test.setTimeout(300_000);
  const editor: BrowserContext = await signedInContext(browser, a!.url, "editor@ho.example.gov.uk");
  const stranger: BrowserContext = await signedInContext(browser, b!.url, "editor@moj.example.gov.uk");
  try {
    const readOnB = async (context: BrowserContext, token: string): Promise<{ status: number; body: Progress }> => {
      const res = await context.request.get(`${b!.url}/api/import/progress?token=${encodeURIComponent(token)}`);
      return { status: res.status(), body: (await res.json()) as Progress };
    };

    const lines = ["site_code,kind,brand,asset_tag"];
    for (let i = 0; i < ROWS; i++) lines.push(`HO-0001,Camera,Axis,PROGRESS-${i}`);
    const page = await editor.newPage();
    await page.goto(`${a!.url}/import`);
    await page.getByLabel("Upload a file").setInputFiles({ name: "progress.csv", mimeType: "text/csv", buffer: Buffer.from(lines.join("\n")) });
    // The page names its upload with a token of its own, and polls A for it; B is asked the same.
    const upload = page.waitForRequest((r) => r.url() === `${a!.url}/api/import` && r.method() === "POST");
    await page.getByRole("button", { name: "Upload and check" }).click();
    const token = (await upload).headers()["x-progress-token"]!;
    expect(token).toMatch(/^[0-9a-f]{32}$/);

    const seen: Progress[] = [];
    const started = Date.now();
    while (!page.url().match(/\/import\/[a-z0-9]{20}$/) && Date.now() - started < 240_000) {
      const { status, body } = await readOnB(editor, token);
      expect(status).toBe(200);
      seen.push(body);
      if (body.phase === "done") break;
      await page.waitForTimeout(150);
    }
    await page.waitForURL(/\/import\/[a-z0-9]{20}$/, { timeout: 240_000 });
    const batchId = page.url().split("/").at(-1)!;

    const working = seen.filter((p) => p.phase === "reading" || p.phase === "checking");
    const counts = working.map((p) => `${p.phase} ${p.done}`);
    console.log(`progress read on server B while A checked ${ROWS.toLocaleString("en-GB")} rows: ${[...new Set(counts)].join(", ")}`);
    // Seen on B while A worked, and advancing.
    expect(new Set(counts).size).toBeGreaterThan(2);
    expect(working.some((p) => p.phase === "checking" && p.total === ROWS && p.done > 0)).toBe(true);
    const dones = working.map((p) => (p.phase === "reading" ? p.done : ROWS + p.done));
    expect(dones.every((d, i) => i === 0 || d >= dones[i - 1]!)).toBe(true);

    // At the end B reports it done, with the batch the page opened.
    expect((await readOnB(editor, token)).body).toEqual({ phase: "done", done: ROWS, total: ROWS, batchId });
    // Nobody else can read it, on either server, and a malformed token is refused in words.
    expect((await readOnB(stranger, token)).body).toEqual({ phase: "waiting", done: 0, total: null, batchId: null });
    const bad = await editor.request.get(`${b!.url}/api/import/progress?token=${encodeURIComponent("' OR 1=1 --")}`);
    expect(bad.status()).toBe(400);
    expect(await bad.json()).toEqual({ error: "The progress token is not valid" });
    expect((await editor.request.get(`${b!.url}/api/import/progress`)).status()).toBe(400);

    // Confirmed on B, whose disk never saw the upload: from the database, all of it.
    const sql = async (text: string, values: unknown[] = []) => {
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      try {
        return (await client.query<{ n: number }>(text, values)).rows[0]!.n;
      } finally {
        await client.end();
      }
    };
    const landed = () => sql(`SELECT count(*)::int AS n FROM devices WHERE asset_tag LIKE 'PROGRESS-%'`);
    const waiting = () => sql(`SELECT COALESCE(sum(rows), 0)::int AS n FROM import_pending_rows WHERE batch_id = $1`, [batchId]);
    expect(await waiting()).toBe(ROWS);
    expect(await landed()).toBe(0);
    const refused = await stranger.request.post(`${b!.url}/api/import/${batchId}/confirm`, { headers: { Origin: b!.url, Accept: "application/json" } });
    expect(refused.status()).toBe(404);
    expect(await refused.json()).toEqual({ error: "Import not found" });
    expect(await waiting()).toBe(ROWS);

    await page.goto(`${b!.url}/import/${batchId}`);
    const started2 = Date.now();
    await page.getByRole("button", { name: "Confirm and import" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Import complete", { timeout: 240_000 });
    console.log(`${ROWS.toLocaleString("en-GB")} rows uploaded on server A confirmed on server B in ${Date.now() - started2} ms`);
    expect(await landed()).toBe(ROWS);
    expect(await waiting()).toBe(0);
    expect(a!.output()).not.toMatch(/expired/i);
    expect(b!.output()).not.toMatch(/expired/i);
  } finally {
    await editor.close();
    await stranger.close();
  }
});
