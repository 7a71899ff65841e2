// The friction a new editor met in the import, and a viewer who could not download the register
// (issue 13 §4): each fixed item is held here against the production build.
import { readFile } from "node:fs/promises";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import type { Download, Page } from "@playwright/test";
import { query, registerFingerprint } from "./database";
import { expect, expectNoAxeViolations, signInAs, test } from "./fixtures";

const EDITOR = "editor@ho.example.gov.uk";
const VIEWER = "viewer@ho.example.gov.uk";
const MINISTER = "private.office@minister.example.gov.uk";
const EXAMPLE_ROW = "This is the template's example row: replace or delete it";

async function organisationId(acronym: string): Promise<number> {
  const [row] = await query<{ id: number }>("SELECT id FROM organisations WHERE acronym = $1", [acronym]);
  return row!.id;
}

/** Devices on sites not archived, of the organisation or of everyone the user's scope covers. */
async function devicesIn(scope: { organisationId: number } | { userEmail: string }): Promise<number> {
  const [row] =
    "organisationId" in scope
      ? await query<{ n: number }>(
          `SELECT count(*)::int AS n FROM devices d JOIN sites s ON s.id = d.site_id AND s.archived_at IS NULL WHERE d.organisation_id = $1`,
          [scope.organisationId],
        )
      : await query<{ n: number }>(
          `SELECT count(*)::int AS n FROM devices d JOIN sites s ON s.id = d.site_id AND s.archived_at IS NULL
             JOIN organisations o ON o.id = d.organisation_id JOIN users u ON u.email = $1
            WHERE o.id = u.organisation_id OR o.parent_id = u.organisation_id`,
          [scope.userEmail],
        );
  return row!.n;
}

async function uploadFile(page: Page, name: string, buffer: Buffer) {
  await page.goto("/import");
  await page.getByLabel("Upload a file").setInputFiles({ name, mimeType: name.endsWith(".csv") ? "text/csv" : "application/octet-stream", buffer });
  await page.getByRole("button", { name: "Upload and check" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Check your import" })).toBeVisible();
}

/** GOV.UK puts the error summary first in the main column, before the page's heading. */
async function summaryBeforeHeading(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const summary = document.querySelector(".govuk-error-summary");
    const h1 = document.querySelector("h1");
    return Boolean(summary && h1 && summary.compareDocumentPosition(h1) & Node.DOCUMENT_POSITION_FOLLOWING);
  });
}

async function download(page: Page, link: string): Promise<Download> {
  const [file] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: link }).click()]);
  return file;
}

async function csvRows(file: Download): Promise<Record<string, string>[]> {
  return parse(await readFile((await file.path())!, "utf8"), { columns: true, bom: true, skip_empty_lines: true }) as Record<string, string>[];
}

async function xlsxRows(file: Download): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile((await file.path())!);
  return workbook.worksheets[0]!;
}

test("an empty upload says Select a file, linked from the error summary, with and without JavaScript", async ({ page, browser, baseURL }) => {
  await signInAs(page, EDITOR);
  await page.goto("/import");
  await page.getByRole("button", { name: "Upload and check" }).click();
  const summary = page.locator(".govuk-error-summary");
  await expect(summary.getByRole("link", { name: "Select a file" })).toHaveAttribute("href", "#file");
  await expect(page.locator(".govuk-error-message")).toHaveText("Error: Select a file");
  await expect(page).toHaveTitle(/^Error: Import devices/);
  expect(await summaryBeforeHeading(page)).toBe(true);
  await summary.getByRole("link", { name: "Select a file" }).click();
  await expect(page.locator("#file")).toBeFocused();
  await expectNoAxeViolations(page);

  // Without JavaScript the form posts to the server, which answers the same. (Signing in takes
  // JavaScript, so the session signed in above is carried over.)
  const context = await browser.newContext({ baseURL, javaScriptEnabled: false, storageState: await page.context().storageState() });
  try {
    const plain = await context.newPage();
    await plain.goto("/import");
    const batches = await query<{ n: number }>("SELECT count(*)::int AS n FROM import_batches");
    await plain.getByRole("button", { name: "Upload and check" }).click();
    await expect(plain).toHaveURL(/\/import\?error=noFile$/);
    await expect(plain).toHaveTitle(/^Error: Import devices/);
    await expect(plain.locator(".govuk-error-summary").getByRole("link", { name: "Select a file" })).toHaveAttribute("href", "#file");
    await expect(plain.locator("#file")).toHaveAttribute("type", "file");
    await expect(plain.locator(".govuk-error-message")).toHaveText("Error: Select a file");
    expect(await summaryBeforeHeading(plain)).toBe(true);
    expect(await query<{ n: number }>("SELECT count(*)::int AS n FROM import_batches")).toEqual(batches);
  } finally {
    await context.close();
  }
});

test("a bad file's preview lists every problem of every row, choices with their allowed values, in the right number", async ({ page }) => {
  await signInAs(page, EDITOR);
  const [site] = await query<{ site_code: string }>(
    "SELECT s.site_code FROM sites s JOIN organisations o ON o.id = s.organisation_id WHERE o.acronym = 'HO' AND s.archived_at IS NULL ORDER BY s.id LIMIT 1",
  );
  const code = site!.site_code;
  const csv = [
    "site_code,kind,brand,asset_tag,mac,vendor_cloud,installed_on,network",
    `${code},Camera,Axis,FRICTION-1,not-a-mac,perhaps,2099-01-01,Segregated`,
    `HO-NOWHERE-9,Camera,Axis,FRICTION-2,,,2020-01-01,Segregated`,
    `${code},Periscope,Axis,FRICTION-3,,,2020-01-01,Wi-Fi`,
  ].join("\n");
  const before = await registerFingerprint();
  await uploadFile(page, "friction.csv", Buffer.from(csv));
  await expect(page).toHaveTitle(/^Error: /);
  const expected = [
    "Row 2, column mac: Enter a MAC address in the correct format, like 44:47:CC:12:34:56",
    "Row 2, column installed_on: Install date must be today or in the past",
    "Row 2, column vendor_cloud: Vendor cloud service must be yes, no or unknown",
    "Row 3, column site_code: Site code HO-NOWHERE-9 was not found in your organisation: check the code, or give the site's name, address, town, postcode and sensitivity to add it as a new site",
    "Row 4, column kind: Kind must be Camera, Recorder, Encoder or Other",
    "Row 4, column network: Network must be Core, Segregated, Standalone or Unknown",
  ];
  await expect(page.locator(".govuk-error-summary").getByRole("link")).toHaveText(expected);
  await expect(page.locator(".govuk-error-summary")).toContainText("Fix these 6 problems in friction.csv");
  await expect(page.getByText("friction.csv: 3 rows, 6 problems.")).toBeVisible();
  const table = page.getByRole("table", { name: "Problems in friction.csv" });
  await expect(table.getByRole("row")).toHaveCount(expected.length + 1);
  await expect(table.getByRole("row").nth(1)).toContainText("mac");
  await expectNoAxeViolations(page);

  // One row with one problem: singular throughout.
  await uploadFile(page, "one.csv", Buffer.from(`site_code,kind,brand,asset_tag\nHO-NOWHERE-9,Camera,Axis,FRICTION-4\n`));
  await expect(page.getByText("one.csv: 1 row, 1 problem.")).toBeVisible();
  await expect(page.locator(".govuk-error-summary")).toContainText("Fix this problem in one.csv");
  expect(await registerFingerprint()).toBe(before);
});

test("the templates uploaded unchanged are refused as examples and add nothing", async ({ page }) => {
  await signInAs(page, EDITOR);
  const before = await registerFingerprint();
  for (const [link, name] of [["CSV", "camera-register-import-template.csv"], ["Excel (XLSX)", "camera-register-import-template.xlsx"]] as const) {
    await page.goto("/import");
    const file = await download(page, link);
    expect(file.suggestedFilename()).toBe(name);
    await uploadFile(page, name, await readFile((await file.path())!));
    await expect(page.locator(".govuk-error-summary").getByRole("link")).toHaveText([`Row 2, column site_code: ${EXAMPLE_ROW}`, `Row 3, column site_code: ${EXAMPLE_ROW}`]);
    await expect(page.getByRole("button", { name: "Confirm and import" })).toHaveCount(0);
  }
  expect(await registerFingerprint()).toBe(before);
});

test("a viewer downloads the register from the sites list and the organisation page, and the minister's office cannot", async ({ page, browser, baseURL }) => {
  // Four downloads of a department's whole register, read back, and two axe runs.
  test.setTimeout(180_000);
  await signInAs(page, VIEWER);
  const ho = await organisationId("HO");
  const today = new Date().toLocaleDateString("en-CA", { timeZone: "Europe/London" });

  await page.goto("/sites");
  await expect(page.getByRole("heading", { level: 2, name: "Download the register" })).toBeVisible();
  await expect(page.getByText("The register is OFFICIAL-SENSITIVE.")).toBeVisible();
  await expectNoAxeViolations(page);
  const everything = await devicesIn({ userEmail: VIEWER });
  const listCsv = await download(page, "Download the register of every organisation you can see as CSV");
  expect(listCsv.suggestedFilename()).toBe(`camera-register-all-${today}.csv`);
  const listRows = await csvRows(listCsv);
  expect(listRows).toHaveLength(everything);
  expect(listRows.some((r) => r.organisation === "HO")).toBe(true);
  const listXlsx = await download(page, "Download the register of every organisation you can see as a spreadsheet (XLSX)");
  expect(listXlsx.suggestedFilename()).toBe(`camera-register-all-${today}.xlsx`);
  expect((await xlsxRows(listXlsx)).rowCount).toBe(everything + 1);

  await page.goto(`/organisations/${ho}`);
  await expectNoAxeViolations(page);
  const own = await devicesIn({ organisationId: ho });
  const orgCsv = await csvRows(await download(page, "Download the register of Home Office as CSV"));
  expect(orgCsv).toHaveLength(own);
  expect(new Set(orgCsv.map((r) => r.organisation))).toEqual(new Set(["HO"]));
  const sheet = await xlsxRows(await download(page, "Download the register of Home Office as a spreadsheet (XLSX)"));
  expect(sheet.rowCount).toBe(own + 1);
  expect(sheet.getRow(1).getCell(1).value).toBe("organisation");
  expect(sheet.headerFooter.oddHeader).toContain("OFFICIAL-SENSITIVE");

  // Another department's register is not found, whatever the link says.
  const moj = await organisationId("MoJ");
  expect((await page.request.get(`/api/export/register?format=csv&organisationId=${moj}`)).status()).toBe(404);

  const context = await browser.newContext({ baseURL });
  try {
    const minister = await context.newPage();
    await signInAs(minister, MINISTER);
    expect((await minister.request.get(`/api/export/register?format=xlsx&organisationId=${ho}`)).status()).toBe(403);
    expect((await minister.request.get("/api/export/register?format=csv")).status()).toBe(403);
  } finally {
    await context.close();
  }
});
