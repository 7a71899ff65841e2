import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Page } from "@playwright/test";
import { query } from "./database";
import { expect, expectNoAxeViolations, signInAs, test } from "./fixtures";

// Network discovery in a browser: a network team's nmap scan of a camera VLAN is uploaded for a
// sensitive site; a Hikvision camera that nobody recorded shows as probable covered equipment;
// the editor adds it to the register, and it becomes a recorded device in breach. Every page of
// the journey is checked with axe (accessibility-every-page.spec.ts leaves them to this spec).

const EDITOR = "editor@ho.example.gov.uk";
const RUN = Date.now().toString(36).toUpperCase();
const EXAMPLES = path.resolve(import.meta.dirname, "../../docs/examples/discovery");
// Run-specific addresses, so that nothing else in the database matches the scan's cameras.
const TAIL = (Date.now() % 0xffffff).toString(16).toUpperCase().padStart(6, "0");
const HIKVISION_MAC = `4447CC${TAIL}`;

async function exampleScan(): Promise<Buffer> {
  const xml = await readFile(path.join(EXAMPLES, "camera-subnet.nmap.xml"), "utf8");
  return Buffer.from(xml.replaceAll("44:47:CC:6A:21:0F", HIKVISION_MAC.match(/../g)!.join(":")));
}

let sitesMade = 0;

async function sensitiveSite(): Promise<{ id: number; name: string }> {
  sitesMade += 1;
  const [site] = await query<{ id: number; name: string }>(
    `INSERT INTO sites (organisation_id, name, site_code, address_line1, town, postcode, sensitivity, holds_secret_material, updated_at)
     SELECT id, $1, $2, '1 Scan Street', 'London', 'SW1A 1AA', 'SENSITIVE', true, now() FROM organisations WHERE acronym = 'HO'
     RETURNING id, name`,
    [`Network Test House ${RUN}-${sitesMade}`, `E2E-NET-${RUN}-${sitesMade}`],
  );
  return site!;
}

async function uploadScan(page: Page, site: { id: number; name: string }, buffer: Buffer, name = "camera-subnet.nmap.xml"): Promise<void> {
  await page.goto("/discovery/new");
  await page.getByRole("radio", { name: "A network scan (nmap XML)" }).check();
  await page.getByRole("radio", { name: "One site" }).check();
  await page.getByLabel("Site", { exact: true }).selectOption(String(site.id));
  await page.getByLabel("Upload the file").setInputFiles({ name, mimeType: "text/xml", buffer });
  await page.getByRole("button", { name: "Upload and check" }).click();
}

test("an nmap scan shows an unrecorded Hikvision camera, which the editor adds to the register, in breach", async ({ page }) => {
  test.setTimeout(180_000);
  const site = await sensitiveSite();
  await signInAs(page, EDITOR);
  await page.getByRole("link", { name: "Network discovery" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Network discovery" })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Upload a scan or camera list" }).click();
  await expect(page).toHaveURL(/\/discovery\/new$/);
  await expectNoAxeViolations(page);

  // Hostile XML is refused with its reason, and nothing from it is kept.
  await uploadScan(page, site, Buffer.from(`<?xml version="1.0"?>\n<!DOCTYPE nmaprun [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<nmaprun>&x;</nmaprun>`), "hostile.xml");
  await expect(page.getByRole("heading", { level: 1, name: "This file was refused" })).toBeVisible();
  await expect(page.locator("main")).toContainText("document type declaration");
  await expectNoAxeViolations(page);

  await uploadScan(page, site, await exampleScan());
  await expect(page.getByRole("heading", { level: 1, name: "camera-subnet.nmap.xml" })).toBeVisible();
  const scanId = Number(/\/discovery\/(\d+)/.exec(page.url())![1]);
  const main = page.locator("main");
  await expect(main).toContainText("Hikvision");
  await expect(main).toContainText("Action due");
  await expect(main).not.toContainText("N1-UNRECORDED-COVERED");
  await expectNoAxeViolations(page);

  // The same hosts the database holds, and none of them is in the register yet.
  const hosts = await query<{ id: number; ipv4: string; device_id: number | null }>(
    "SELECT id, ipv4, device_id FROM discovered_hosts WHERE scan_id = $1 ORDER BY line", [scanId],
  );
  // Kept: the camera-like hosts. The switch, the printer and the scanner are counted, not kept.
  expect(hosts.map((h) => h.ipv4)).toEqual(["10.20.30.2", "10.20.30.3", "10.20.30.4", "10.20.30.5"]);
  expect(hosts.every((h) => h.device_id === null)).toBe(true);
  const camera = hosts.find((h) => h.ipv4 === "10.20.30.2")!;

  // The other views and the dismissal page read well too.
  for (const view of ["unrecorded", "matched", "not-seen", "dismissed"]) {
    await page.goto(`/discovery/${scanId}?view=${view}`);
    if (view === "unrecorded") await expect(main).toContainText("3 other hosts, such as computers, printers and network equipment");
    await expectNoAxeViolations(page);
  }
  const axis = hosts.find((h) => h.ipv4 === "10.20.30.4")!;
  await page.goto(`/discovery/${scanId}/dismiss/${axis.id}`);
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: /Dismiss/ }).click();
  await expect(page.locator(".govuk-error-summary")).toBeVisible();
  await page.getByLabel(/Why is this host not equipment for the register/).fill("The neighbouring tenant's camera, on their own network");
  await page.getByRole("button", { name: /Dismiss/ }).click();
  await expect(page.getByRole("alert", { name: "Success" })).toBeVisible();

  // Add the Hikvision camera: tick it, review what is pre-filled, add it.
  await page.goto(`/discovery/${scanId}?view=probable`);
  await page.getByRole("checkbox", { name: /10\.20\.30\.2\b/ }).check();
  await page.getByRole("button", { name: "Review and add to the register" }).click();
  await expect(page).toHaveURL(new RegExp(`/discovery/${scanId}/add\\?`));
  await expectNoAxeViolations(page);
  await expect(page.getByLabel("Brand")).toHaveValue("Hikvision");
  await page.getByLabel("Model").fill("DS-2CD2143G2-I");
  await page.getByRole("button", { name: "Add 1 device to the register" }).click();
  await expect(page.getByRole("alert", { name: "Success" })).toBeVisible();

  const [recorded] = await query<{ id: number; ip: string; status: string }>(
    `SELECT d.id, d.ip, c.status::text AS status FROM devices d JOIN device_compliance c ON c.device_id = d.id WHERE d.site_id = $1 AND d.mac = $2`,
    [site.id, HIKVISION_MAC],
  );
  expect(recorded).toMatchObject({ ip: "10.20.30.2", status: "BREACH" });
  await page.getByRole("link", { name: /Hikvision DS-2CD2143G2-I/ }).first().click();
  await expect(page).toHaveURL(new RegExp(`/devices/${recorded!.id}$`));
  await expect(page.locator("main")).toContainText("Breach");
  await expect(page.locator("main")).toContainText("Last seen on the network");
  const [linked] = await query<{ device_id: number; action: string }>("SELECT device_id, action::text AS action FROM discovered_hosts WHERE id = $1", [camera.id]);
  expect(linked).toEqual({ device_id: recorded!.id, action: "ADDED" });
});

test("a camera list's columns are chosen at upload, and its password column is never kept", async ({ page }) => {
  test.setTimeout(120_000);
  const site = await sensitiveSite();
  await signInAs(page, EDITOR);
  await page.goto("/discovery/new");
  await page.getByRole("radio", { name: /A camera list from a video management system/ }).check();
  await page.getByRole("radio", { name: "One site" }).check();
  await page.getByLabel("Site", { exact: true }).selectOption(String(site.id));
  await page.getByLabel("Upload the file").setInputFiles(path.join(EXAMPLES, "milestone-xprotect-cameras.csv"));
  await page.getByRole("button", { name: "Upload and check" }).click();
  await expect(page).toHaveURL(/\/discovery\/\d+\/columns$/);
  await expect(page.locator("main")).toContainText("Password");
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: /Reconcile/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "milestone-xprotect-cameras.csv" })).toBeVisible();
  await expectNoAxeViolations(page);
  const scanId = Number(/\/discovery\/(\d+)/.exec(page.url())![1]);
  const [stored] = await query<{ rows: string }>("SELECT string_agg(row_to_json(h)::text, ' ') AS rows FROM discovered_hosts h WHERE scan_id = $1", [scanId]);
  expect(stored!.rows).toContain("10.20.30.2");
  expect(stored!.rows).not.toContain("Gatehouse#2023");
});

test("the minister's office cannot open network discovery, and a viewer cannot upload", async ({ browser }) => {
  const minister = await browser.newPage();
  await signInAs(minister, "private.office@minister.example.gov.uk");
  expect((await minister.goto("/discovery"))?.status()).toBe(403);
  await minister.close();
  const viewer = await browser.newPage();
  await signInAs(viewer, "viewer@ho.example.gov.uk");
  expect((await viewer.goto("/discovery"))?.status()).toBe(200);
  expect((await viewer.goto("/discovery/new"))?.status()).toBe(403);
  await viewer.close();
});

test("hostile uploads: another origin, a compressed file, a NUL byte, an oversized camera list; each refused in words, nothing kept", async ({ page }) => {
  test.setTimeout(120_000);
  const site = await sensitiveSite();
  await signInAs(page, EDITOR);
  await page.goto("/discovery");
  const ours = new URL(page.url()).origin;
  const scans = async () => Number((await query<{ n: number }>("SELECT count(*)::int AS n FROM discovery_scans"))[0]!.n);
  const before = await scans();
  const post = (file: { name: string; mimeType: string; buffer: Buffer }, headers: Record<string, string>, kind = "nmap") =>
    page.request.post("/api/discovery", {
      headers, maxRedirects: 0,
      multipart: { kind, coverage: "site", site: String(site.id), ranges: "", file },
    });
  const scan = { name: "scan.xml", mimeType: "text/xml", buffer: await exampleScan() };

  // From another site, with a valid session cookie: refused before the file is read.
  const forged = await post(scan, { origin: "https://evil.example", "sec-fetch-site": "cross-site" });
  expect(forged.status()).toBe(403);
  expect(await scans()).toBe(before);

  // A gzip file and a NUL byte: the upload is refused with the reason, and none of its hosts is kept.
  const same = { origin: ours, "sec-fetch-site": "same-origin" };
  for (const [buffer, words] of [
    [Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00]), "compressed"],
    [Buffer.from(`<?xml version="1.0"?>\n<nmaprun>\u0000</nmaprun>`), "null byte"],
  ] as const) {
    const refused = await post({ ...scan, buffer }, same);
    expect(refused.status()).toBe(303);
    const location = refused.headers().location!;
    await page.goto(location);
    await expect(page.getByRole("heading", { level: 1, name: "This file was refused" })).toBeVisible();
    await expect(page.locator("main")).toContainText(words);
    const id = Number(/\/discovery\/(\d+)/.exec(location)![1]);
    expect((await query<{ n: number }>("SELECT count(*)::int AS n FROM discovered_hosts WHERE scan_id = $1", [id]))[0]!.n).toBe(0);
  }

  // A camera list over its 20 MB limit goes back to the form, with the problem at the file.
  const big = await post({ name: "cameras.csv", mimeType: "text/csv", buffer: Buffer.alloc(21 * 1024 * 1024, "a") }, same, "vms");
  expect(big.status()).toBe(303);
  await page.goto(big.headers().location!);
  await expect(page.locator(".govuk-error-summary")).toContainText("smaller than 20 MB");
  await expect(page).toHaveTitle(/^Error: /);
});
