// Dates entered as the design system's day, month and year fields, with its error messages and an
// error summary that links to the field in error; revoking an exemption; removing an empty camera
// system. Every page is checked with axe.
import { expect, expectNoAxeViolations, signInAs, test } from "./fixtures";
// The plain test for status codes alone: what the refusal pages log in the browser is not the point.
import { test as plainTest, type Locator, type Page } from "@playwright/test";
import { query } from "./database";
import { fillDate } from "./support/dates";

const EDITOR = "editor@ho.example.gov.uk";
const VIEWER = "viewer@ho.example.gov.uk";
const RUN = Date.now().toString(36).toUpperCase();

async function sensitiveHomeOfficeSite(): Promise<number> {
  const [row] = await query<{ id: number }>(
    `SELECT s.id FROM sites s JOIN organisations o ON o.id = s.organisation_id
     WHERE o.acronym = 'HO' AND s.sensitivity = 'SENSITIVE' AND s.archived_at IS NULL ORDER BY s.id DESC LIMIT 1`,
  );
  if (!row) throw new Error("no sensitive Home Office site");
  return row.id;
}

function dateGroup(page: Page, legend: string): Locator {
  return page.getByRole("group", { name: legend });
}

/** Which of the date input's fields are marked in error. */
async function fieldsInError(group: Locator): Promise<string[]> {
  const marked: string[] = [];
  for (const label of ["Day", "Month", "Year"]) {
    if (((await group.getByLabel(label).getAttribute("class")) ?? "").split(/\s+/).includes("govuk-input--error")) marked.push(label);
  }
  return marked;
}

function errorSummary(page: Page): Locator {
  return page.locator(".govuk-error-summary");
}

/** The summary's link with this text goes to the field with this id, which takes focus when followed. */
async function expectSummaryLinksTo(page: Page, text: string, fieldId: string): Promise<void> {
  const link = errorSummary(page).getByRole("link", { name: text, exact: true });
  await expect(link).toHaveAttribute("href", `#${fieldId}`);
  await link.click();
  await expect(page.locator(`#${fieldId}`)).toBeFocused();
}

test("dates on the device and exemption forms, then the exemption revoked, each page accessible", async ({ page }) => {
  test.setTimeout(120_000);
  await signInAs(page, EDITOR);
  const siteId = await sensitiveHomeOfficeSite();
  const model = `DS-2CD-${RUN}`;

  // The device form: a missing month, then a date that cannot exist, then a good one.
  await page.goto(`/sites/${siteId}/devices/new`);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("radio", { name: "Camera", exact: true }).check();
  await page.getByLabel("Brand").fill("Hikvision");
  await page.getByLabel("Model (optional)").fill(model);
  await page.getByRole("radio", { name: "Segregated network" }).check();
  await page.getByRole("radio", { name: "No", exact: true }).check();
  const installed = dateGroup(page, "Install date (optional)");
  await installed.getByLabel("Day").fill("12");
  await installed.getByLabel("Year").fill("2020");
  await page.getByRole("button", { name: "Add device" }).click();

  await expect(errorSummary(page)).toContainText("Install date must include a month");
  await expect(page).toHaveTitle(/^Error: /);
  await expect(installed.locator(".govuk-error-message")).toHaveText("Error: Install date must include a month");
  expect(await fieldsInError(installed)).toEqual(["Month"]);
  await expect(installed.getByLabel("Day")).toHaveValue("12");
  await expect(installed.getByLabel("Year")).toHaveValue("2020");
  await expect(page.getByLabel("Brand")).toHaveValue("Hikvision");
  await expectSummaryLinksTo(page, "Install date must include a month", "installedOn-month");
  await expectNoAxeViolations(page);

  await fillDate(page, "Install date (optional)", "2019-02-29");
  await page.getByRole("button", { name: "Add device" }).click();
  await expect(errorSummary(page)).toContainText("Install date must be a real date");
  expect(await fieldsInError(installed)).toEqual(["Day", "Month", "Year"]);
  await expectSummaryLinksTo(page, "Install date must be a real date", "installedOn-day");
  await expectNoAxeViolations(page);

  await installed.getByLabel("Day").fill("1st");
  await installed.getByLabel("Month").fill("March");
  await page.getByRole("button", { name: "Add device" }).click();
  await expect(page).toHaveURL(/\/devices\/\d+\?done=created/);
  const deviceUrl = new URL(page.url()).pathname;
  const installRow = page.locator(".govuk-summary-list__row").filter({ has: page.locator(".govuk-summary-list__key").getByText("Install date", { exact: true }) });
  await expect(installRow.first()).toContainText("1 March 2019");
  // Covered equipment on a sensitive site after the removal deadline.
  await expect(page.locator(".govuk-tag", { hasText: "Breach" }).first()).toBeVisible();
  await expect(page.getByRole("link", { name: "Revoke exemption" })).toHaveCount(0);

  // The exemption form: its expiry date without a month, then 30 February.
  await page.getByRole("link", { name: "Record an exemption" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Record an exemption" })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByLabel("Justification").fill(`Replacement ordered (${RUN})`);
  await page.getByLabel("Approved by").fill("Departmental Security Officer");
  const expiry = dateGroup(page, "Expiry date");
  const nextYear = String(new Date().getUTCFullYear() + 1);
  await expiry.getByLabel("Day").fill("30");
  await expiry.getByLabel("Year").fill(nextYear);
  await page.getByRole("button", { name: "Record exemption" }).click();
  await expect(errorSummary(page)).toContainText("Expiry date must include a month");
  expect(await fieldsInError(expiry)).toEqual(["Month"]);
  expect(await fieldsInError(dateGroup(page, "Date of approval"))).toEqual([]);
  await expectSummaryLinksTo(page, "Expiry date must include a month", "expiresOn-month");
  await expectNoAxeViolations(page);

  await expiry.getByLabel("Month").fill("2");
  await page.getByRole("button", { name: "Record exemption" }).click();
  await expect(errorSummary(page)).toContainText("Expiry date must be a real date");
  await expectSummaryLinksTo(page, "Expiry date must be a real date", "expiresOn-day");
  await expect(page.getByLabel("Justification")).toHaveValue(`Replacement ordered (${RUN})`);

  await fillDate(page, "Expiry date", `${nextYear}-03-31`);
  await page.getByRole("button", { name: "Record exemption" }).click();
  await expect(page).toHaveURL(new RegExp(`${deviceUrl}\\?done=exempted`));
  await expect(page.locator(".govuk-tag", { hasText: "Advisory" }).first()).toBeVisible();

  // Revoking it: the reason is required; then the device is in breach again at once.
  await page.getByRole("link", { name: "Revoke exemption" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Revoke the exemption" })).toBeVisible();
  await expect(page.locator(".govuk-summary-list")).toContainText(`31 March ${nextYear}`);
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Revoke exemption" }).click();
  await expect(errorSummary(page)).toContainText("Enter the reason for revoking the exemption");
  await expectSummaryLinksTo(page, "Enter the reason for revoking the exemption", "reason");
  await expectNoAxeViolations(page);
  await page.getByLabel("Why is the exemption being revoked?").fill("The cameras were put back on the core network");
  await page.getByRole("button", { name: "Revoke exemption" }).click();
  await expect(page).toHaveURL(new RegExp(`${deviceUrl}\\?done=exemption-revoked`));
  await expect(page.locator(".govuk-notification-banner--success")).toContainText("The exemption has been revoked");
  await expect(page.locator(".govuk-tag", { hasText: "Breach" }).first()).toBeVisible();
  await expect(page.getByRole("table", { name: "Exemptions recorded for this device" })).toContainText("Revoked");
  await expect(page.getByRole("link", { name: "Revoke exemption" })).toHaveCount(0);
  await expectNoAxeViolations(page);

  // Going back to the revocation page: there is nothing left to revoke.
  const again = await page.goto(`${deviceUrl}/exemption/revoke`);
  expect(again?.status()).toBe(404);

  // A removal needs its date: blank, it is refused with the design system's message.
  await page.goto(`${deviceUrl}/removal`);
  await expect(page.getByRole("heading", { level: 1, name: "Record removal" })).toBeVisible();
  await expectNoAxeViolations(page);
  await fillDate(page, "Date the device was removed from the site", "");
  await page.getByLabel("Evidence of removal").fill("Contractor job sheet");
  await page.getByRole("button", { name: "Record removal" }).click();
  await expect(errorSummary(page)).toContainText("Enter the date the device was removed");
  expect(await fieldsInError(dateGroup(page, "Date the device was removed from the site"))).toEqual(["Day", "Month", "Year"]);
  await expectSummaryLinksTo(page, "Enter the date the device was removed", "removedOn-day");
  await expectNoAxeViolations(page);
});

test("an empty camera system is removed; one with devices cannot be", async ({ page }) => {
  await signInAs(page, EDITOR);
  const siteId = await sensitiveHomeOfficeSite();
  const name = `Spare NVR ${RUN}`;
  await page.goto(`/sites/${siteId}/systems/new`);
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByRole("button", { name: "Add camera system" }).click();
  await expect(page).toHaveURL(new RegExp(`/sites/${siteId}\\?done=system-created`));
  const [system] = await query<{ id: number }>(`SELECT id FROM camera_systems WHERE site_id = $1 AND name = $2`, [siteId, name]);

  // Offered from the site's list of systems and from the system's own page.
  await expect(page.getByRole("table", { name: "Camera systems" }).getByRole("link", { name: `Remove the camera system ${name}` })).toHaveAttribute(
    "href",
    `/sites/${siteId}/systems/${system!.id}/remove`,
  );
  await page.goto(`/sites/${siteId}/systems/${system!.id}/edit`);
  await expect(page.getByRole("heading", { level: 1, name: `Change the camera system ${name}` })).toBeVisible();
  await page.getByRole("link", { name: /Remove this camera system/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Remove the camera system ${name}` })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Remove camera system" }).click();
  await expect(page).toHaveURL(new RegExp(`/sites/${siteId}\\?done=system-removed`));
  await expect(page.locator(".govuk-notification-banner--success")).toContainText("The camera system has been removed");
  await expect(page.locator("main")).not.toContainText(name);
  expect(await query(`SELECT id FROM camera_systems WHERE id = $1`, [system!.id])).toEqual([]);
  await expectNoAxeViolations(page);

  // A system with devices offers no removal, and its removal page says why, with no button.
  const [full] = await query<{ id: number; site_id: number; devices: number }>(
    `SELECT c.id, c.site_id, count(d.id)::int AS devices FROM camera_systems c JOIN sites s ON s.id = c.site_id
     JOIN organisations o ON o.id = s.organisation_id JOIN devices d ON d.system_id = c.id
     WHERE o.acronym = 'HO' AND s.archived_at IS NULL GROUP BY c.id, c.site_id ORDER BY c.id LIMIT 1`,
  );
  await page.goto(`/sites/${full!.site_id}`);
  await expect(page.getByRole("table", { name: "Camera systems" }).getByRole("link", { name: /^Remove the camera system/ })).toHaveCount(
    (await query(`SELECT c.id FROM camera_systems c WHERE c.site_id = $1 AND NOT EXISTS (SELECT 1 FROM devices d WHERE d.system_id = c.id)`, [full!.site_id])).length,
  );
  await page.goto(`/sites/${full!.site_id}/systems/${full!.id}/edit`);
  await expect(page.getByRole("link", { name: /Remove this camera system/ })).toHaveCount(0);
  await page.goto(`/sites/${full!.site_id}/systems/${full!.id}/remove`);
  await expect(page.locator("main")).toContainText(`cannot be removed because it has ${full!.devices === 1 ? "1 device" : `${full!.devices} devices`} recorded in it`);
  await expect(page.getByRole("button", { name: "Remove camera system" })).toHaveCount(0);
  await expectNoAxeViolations(page);
});

test("the audit trail's date filters are day, month and year fields with the same messages", async ({ page }) => {
  await signInAs(page, EDITOR);
  await page.goto("/audit?from-day=1&from-month=&from-year=2025&to-day=&to-month=&to-year=");
  await expect(errorSummary(page)).toContainText("From date must include a month");
  expect(await fieldsInError(dateGroup(page, "From date (optional)"))).toEqual(["Month"]);
  await expect(errorSummary(page).getByRole("link", { name: "From date must include a month" })).toHaveAttribute("href", "#from-month");
  await expectNoAxeViolations(page);
  await fillDate(page, "From date (optional)", "2025-01-01");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(errorSummary(page)).toHaveCount(0);
  await expect(dateGroup(page, "From date (optional)").getByLabel("Year")).toHaveValue("2025");
});

plainTest("a viewer cannot open the revocation or removal pages", async ({ page }) => {
  await signInAs(page, VIEWER);
  const [system] = await query<{ id: number; site_id: number }>(
    `SELECT c.id, c.site_id FROM camera_systems c JOIN sites s ON s.id = c.site_id JOIN organisations o ON o.id = s.organisation_id
     WHERE o.acronym = 'HO' ORDER BY c.id LIMIT 1`,
  );
  const [device] = await query<{ id: number }>(`SELECT d.id FROM devices d JOIN organisations o ON o.id = d.organisation_id WHERE o.acronym = 'HO' ORDER BY d.id LIMIT 1`);
  expect((await page.goto(`/devices/${device!.id}/exemption/revoke`))?.status()).toBe(403);
  expect((await page.goto(`/sites/${system!.site_id}/systems/${system!.id}/remove`))?.status()).toBe(403);
});
