import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { promisify } from "node:util";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import type { Download, Page } from "@playwright/test";
import { expect, expectNoAxeViolations, signInAs, test } from "./fixtures";

const MINISTER = "private.office@minister.example.gov.uk";
const MOJ_EDITOR = "editor@moj.example.gov.uk";

async function download(page: Page, name: string): Promise<{ download: Download; body: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name }).click()]);
  const path = await file.path();
  return { download: file, body: await readFile(path) };
}

async function pdfPages(path: string): Promise<string[]> {
  const { stdout } = await promisify(execFile)("pdftotext", ["-layout", path, "-"]);
  return stdout.split("\f").filter((p) => p.trim() !== "");
}

test("the minister's office downloads the all-government report as PDF, XLSX and CSV", async ({ page }) => {
  await signInAs(page, MINISTER);
  await page.goto("/reports");
  await expect(page.getByRole("heading", { level: 1, name: "Reports" })).toBeVisible();
  await expect(page.getByLabel("Scope")).toHaveValue("all");
  await expect(page.getByLabel("As of")).toHaveValue("today");
  const summary = await page.getByTestId("report-summary").innerText();
  expect(summary).toMatch(/^As of \d{1,2} \w+ \d{4}, [\d,]+ organisations have data: [\d,]+ (is|are) compliant \(green\)/);
  await expectNoAxeViolations(page);

  // PDF: marking top and bottom of every page, page numbers, and the same summary as the page.
  const pdf = await download(page, "Download PDF");
  expect(pdf.download.suggestedFilename()).toMatch(/^estate-camera-report-all-government-\d{4}-\d{2}-\d{2}\.pdf$/);
  const pages = await pdfPages((await pdf.download.path())!);
  expect(pages.length).toBeGreaterThan(1);
  pages.forEach((text, i) => {
    const lines = text.split("\n").map((l) => l.trim()).filter(Boolean);
    expect(lines[0]).toBe("OFFICIAL-SENSITIVE");
    expect(lines.at(-1)).toMatch(new RegExp(`^OFFICIAL-SENSITIVE\\s+Page ${i + 1} of ${pages.length}$`));
  });
  const pdfText = pages.join(" ").replace(/\s+/g, " ");
  expect(pdfText).toContain("Scope All government");
  expect(pdfText).toContain(`(${MINISTER})`);
  expect(pdfText).toContain(summary.replace(/\s+/g, " "));

  // XLSX: named sheets, the marking in the header, the same breach total as the PDF's summary.
  const xlsx = await download(page, "Download spreadsheet (XLSX)");
  expect(xlsx.download.suggestedFilename()).toMatch(/\.xlsx$/);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(new Uint8Array(xlsx.body).buffer);
  expect(workbook.worksheets.map((s) => s.name)).toEqual(["Summary", "Organisations", "Returns", "Breaches", "Trend"]);
  for (const sheet of workbook.worksheets) expect(sheet.headerFooter.oddHeader).toContain("OFFICIAL-SENSITIVE");
  let breach: unknown = null;
  workbook.getWorksheet("Summary")!.eachRow((row) => {
    if (breach === null && row.getCell(1).value === "Devices in breach") breach = row.getCell(2).value;
  });
  expect(summary).toContain(`with ${Number(breach).toLocaleString("en-GB")} devices in breach`);

  // CSV: the organisations table.
  const csv = await download(page, "Download organisations (CSV)");
  const rows = parse(csv.body.toString("utf8"), { columns: true }) as Record<string, string>[];
  expect(rows.length).toBeGreaterThan(40);
  expect(rows.reduce((s, r) => s + Number(r.Breach), 0)).toBe(Number(breach));

  // Each download is recorded and listed; its checksum is kept out of the way, in "Check a downloaded file".
  await page.reload();
  const recent = page.getByRole("table", { name: "Recent reports" });
  for (const format of ["PDF", "XLSX", "CSV"]) {
    await expect(recent.getByRole("row").filter({ hasText: MINISTER }).filter({ hasText: format }).first()).toBeVisible();
  }
  await expect(recent.getByRole("columnheader")).toHaveText(["Generated", "By", "Format", "Scope", "As of"]);
  await expect(page.getByText(/SHA-256/).first()).toBeHidden();
  await page.getByText("Check a downloaded file").click();
  const checksums = page.getByRole("table", { name: "Checksums of recent reports" });
  await expect(checksums).toBeVisible();
  // (The same figures downloaded twice make the same file, so a checksum can be listed more than once.)
  await expect(checksums.getByRole("cell", { name: createHash("sha256").update(csv.body).digest("hex"), exact: true }).first()).toBeVisible();
});

test("choosing a department and a snapshot date changes the download", async ({ page }) => {
  await signInAs(page, MINISTER);
  await page.goto("/reports");
  // Only a department with agencies is offered "with its agencies".
  const scopes = await page.getByLabel("Scope").locator("option").allTextContents();
  expect(scopes).toContain("Ministry of Justice (MoJ) with its agencies");
  expect(scopes).toContain("HM Treasury (HMT)");
  await page.getByLabel("Scope").selectOption({ label: "Ministry of Justice (MoJ) with its agencies" });
  const snapshot = await page.getByLabel("As of").locator("option").nth(2).getAttribute("value");
  await page.getByLabel("As of").selectOption(snapshot!);
  await page.getByRole("button", { name: "Show this report" }).click();
  await expect(page).toHaveURL(new RegExp(`asOf=${snapshot}`));
  await expect(page.getByLabel("As of")).toHaveValue(snapshot!);
  const csv = await download(page, "Download organisations (CSV)");
  expect(csv.download.suggestedFilename()).toBe(`estate-camera-report-moj-${snapshot}.csv`);
  const acronyms = (parse(csv.body.toString("utf8"), { columns: true }) as Record<string, string>[]).map((r) => r.Acronym).sort();
  expect(acronyms).toEqual(["HMCTS", "HMPPS", "MoJ"]);
});

test("bad download requests are refused with the problem", async ({ page }) => {
  await signInAs(page, MINISTER);
  const response = await page.request.get("/api/reports/download?format=docx&asOf=2026-02-30");
  expect(response.status()).toBe(422);
  const body = (await response.json()) as { error: string };
  expect(body.error).toContain("Choose a format: pdf, xlsx or csv");
  expect(body.error).toContain("As-of date must be 'today' or a real date");
  await page.goto("/reports?asOf=1999-01-01");
  await expect(page).toHaveTitle(/^Error: /);
  await expect(page.getByRole("alert").getByRole("link", { name: "Select today or a snapshot date from the list" })).toBeVisible();
});

test("an organisation's own user reports only on their organisation", async ({ page }) => {
  // The Home Office's number, as the minister's office sees it.
  await signInAs(page, MINISTER);
  await page.goto("/reports");
  const homeOffice = await page.getByLabel("Scope").locator("option", { hasText: "Home Office (HO)" }).getAttribute("value");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByText("You have been signed out")).toBeVisible();

  await signInAs(page, MOJ_EDITOR);
  await page.goto("/reports");
  const options = await page.getByLabel("Scope").locator("option").allTextContents();
  expect(options).toEqual(["Ministry of Justice (MoJ) with its agencies"]);
  const csv = await download(page, "Download organisations (CSV)");
  expect(csv.download.suggestedFilename()).toMatch(/^estate-camera-report-moj-/);
  const acronyms = (parse(csv.body.toString("utf8"), { columns: true }) as Record<string, string>[]).map((r) => r.Acronym).sort();
  expect(acronyms).toEqual(["HMCTS", "HMPPS", "MoJ"]);
  await expectNoAxeViolations(page);

  // Asking for another organisation by hand gets nothing, and the page will not offer it either.
  const response = await page.request.get(`/api/reports/download?format=pdf&organisationId=${homeOffice}`);
  expect(response.status()).toBe(404);
  expect(response.headers()["content-type"]).toContain("application/json");
  await page.goto(`/reports?organisationId=${homeOffice}`);
  await expect(page.getByRole("alert").getByRole("link", { name: "Select a scope from the list" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Download PDF" })).toHaveCount(0);
});

test("a signed-out visitor gets nothing", async ({ page }) => {
  const response = await page.request.get("/api/reports/download?format=pdf", { maxRedirects: 0 });
  expect(response.status()).toBe(401);
  expect(response.headers()["content-type"]).toContain("application/json");
  expect((await response.body()).subarray(0, 5).toString()).not.toBe("%PDF-");
  await page.goto("/reports");
  await expect(page).toHaveURL(/\/login\?callbackUrl=/);
});

test("an administrator without the reports permission is refused", async ({ page }) => {
  await signInAs(page, "admin@register.example.gov.uk");
  const response = await page.request.get("/api/reports/download?format=csv");
  expect(response.status()).toBe(403);
  await page.goto("/reports");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("You do not have permission to view this page");
});
