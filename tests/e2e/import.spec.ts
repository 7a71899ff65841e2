import { readFile } from "node:fs/promises";
import { parse } from "csv-parse/sync";
import type { Page } from "@playwright/test";
import { query } from "./database";
import { expect, expectNoAxeViolations, signInAs, test } from "./fixtures";

const EDITOR = "editor@ho.example.gov.uk";
const RUN = Date.now().toString(36).toUpperCase();

const HEADER = "site_code,site_name,address_line1,town,postcode,sensitivity,holds_secret_material,kind,brand,model,serial,asset_tag,installed_on,network,vendor_cloud";
const SITE = `E2E-${RUN},E2E Import House,1 Test Street,Leeds,LS1 4AP,Sensitive,yes`;

function goodRows(): string[] {
  return [
    `${SITE},Camera,Hikvision,DS-2CD2143,E2E-${RUN}-1,E2E-AT-${RUN}-1,2023-03-01,Segregated,no`,
    `${SITE},Camera,Axis,P3245,E2E-${RUN}-2,E2E-AT-${RUN}-2,2019-05-01,Standalone,no`,
    `${SITE},Recorder,Dahua,NVR4104,E2E-${RUN}-3,E2E-AT-${RUN}-3,2018-01-10,Segregated,no`,
    `${SITE},Camera,Bosch,FLEXIDOME,E2E-${RUN}-4,E2E-AT-${RUN}-4,2020-02-02,Segregated,no`,
    `${SITE},Camera,Hanwha Vision,XNV-6080,E2E-${RUN}-5,E2E-AT-${RUN}-5,2021-07-07,Standalone,no`,
  ];
}

async function upload(page: Page, name: string, lines: string[]) {
  await page.goto("/import");
  await page.getByLabel("Upload a file").setInputFiles({ name, mimeType: "text/csv", buffer: Buffer.from([HEADER, ...lines].join("\n")) });
  await page.getByRole("button", { name: "Upload and check" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Check your import" })).toBeVisible();
}

async function exportCsv(page: Page): Promise<Record<string, string>[]> {
  const [ho] = await query<{ id: number }>("SELECT id FROM organisations WHERE acronym = 'HO'");
  await page.goto(`/organisations/${ho!.id}`);
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download the register of Home Office as CSV" }).click()]);
  expect(download.suggestedFilename()).toMatch(/^camera-register-ho-\d{4}-\d{2}-\d{2}\.csv$/);
  const text = await readFile((await download.path())!, "utf8");
  return parse(text, { columns: true, bom: true, skip_empty_lines: true }) as Record<string, string>[];
}

test("an editor imports a file, fixing its errors first, and finds the devices in the export", async ({ page }) => {
  // Four uploads, an import and two downloads of the department's register.
  test.setTimeout(150_000);
  await signInAs(page, EDITOR);
  await page.goto("/import");
  await expect(page.getByRole("heading", { level: 1, name: "Import devices" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Excel (XLSX)" })).toHaveAttribute("href", "/import/template.xlsx");
  await expectNoAxeViolations(page);

  // Three bad rows: every one is reported with its row and column, and nothing is saved.
  const bad = goodRows();
  bad[0] = bad[0]!.replace("2023-03-01", "2023-02-30");
  bad[2] = bad[2]!.replace(",Recorder,", ",Periscope,");
  bad[4] = bad[4]!.replace(",Hanwha Vision,", ",,");
  await upload(page, "devices.csv", bad);
  await expect(page).toHaveTitle(/^Error: /);
  const summary = page.locator(".govuk-error-summary");
  await expect(summary).toContainText("There is a problem");
  await expect(summary).toContainText("Nothing has been saved. Fix these 3 problems in devices.csv");
  await expect(summary.getByRole("link")).toHaveText([
    "Row 2, column installed_on: Install date must be a real date in the form YYYY-MM-DD",
    "Row 4, column kind: Kind must be Camera, Recorder, Encoder or Other",
    "Row 6, column brand: Enter the brand on the device's label",
  ]);
  await expect(page.getByRole("table", { name: "Problems in devices.csv" }).getByRole("row")).toHaveCount(4);
  await expectNoAxeViolations(page);
  const before = await exportCsv(page);
  expect(before.filter((r) => r.site_code === `E2E-${RUN}`)).toHaveLength(0);

  // Fixed: the preview counts what will happen and how statuses will change, then it is applied.
  await upload(page, "devices.csv", goodRows());
  await expect(page).not.toHaveTitle(/^Error: /);
  await expect(page.getByText("Devices to add")).toBeVisible();
  const list = page.locator(".govuk-summary-list");
  await expect(list).toContainText("Devices to add5");
  await expect(list).toContainText("Sites to add1");
  await expect(page.getByRole("table", { name: "How statuses will change" })).toContainText("Breach");
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Confirm and import" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Import complete" })).toBeVisible();
  await expect(page).toHaveTitle(/^Import complete/);
  await expect(page.getByText("5 devices added, 0 updated, 0 unchanged")).toBeVisible();
  const statuses = page.getByRole("table", { name: "Statuses of the devices in the file" });
  await expect(statuses.getByRole("row", { name: /Breach/ })).toContainText("2");
  await expect(statuses.getByRole("row", { name: /Compliant/ })).toContainText("3");
  await expectNoAxeViolations(page);

  // The export has what was imported, with statuses and findings.
  const after = (await exportCsv(page)).filter((r) => r.site_code === `E2E-${RUN}`);
  expect(after.map((r) => r.serial).sort()).toEqual([1, 2, 3, 4, 5].map((i) => `E2E-${RUN}-${i}`));
  const hikvision = after.find((r) => r.brand === "Hikvision")!;
  expect(hikvision.status).toBe("Breach");
  expect(hikvision.finding_rules).toContain("R1-NEW-DEPLOYMENT");
  expect(after.find((r) => r.brand === "Axis")!.status).toBe("Compliant");

  // The same file again changes nothing.
  await upload(page, "devices.csv", goodRows());
  await expect(page.locator(".govuk-summary-list")).toContainText("Devices unchanged5");
  await expect(page.getByText("This file matches the register exactly: importing it will change nothing.")).toBeVisible();
});
