import { expect, expectNoAxeViolations, signInAs, test } from "./fixtures";
import { fillDate } from "./support/dates";

// The estates team's journey: add a sensitive site, add a covered camera installed after the
// cut-off, and see at once that it is a breach and why. Every page is checked with axe.

test("an editor adds a sensitive site and a Hikvision camera, and sees it in breach with the reason", async ({ page }) => {
  await signInAs(page, "editor@ho.example.gov.uk");
  await page.goto("/sites");
  await expect(page.getByRole("heading", { level: 1, name: "Sites" })).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByRole("button", { name: "Add a site" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Add a site" })).toBeVisible();
  await expectNoAxeViolations(page);

  // Every problem at once, in a summary that takes focus and links to each field.
  await page.getByRole("button", { name: "Add site" }).click();
  const summary = page.locator(".govuk-error-summary");
  await expect(summary).toBeFocused();
  await expect(summary.getByRole("link", { name: "Enter the site name" })).toHaveAttribute("href", "#name");
  await expect(summary.getByRole("link", { name: "Enter the postcode" })).toBeVisible();
  await expect(summary.getByRole("link", { name: "Select whether the site is sensitive" })).toBeVisible();
  await expect(page).toHaveTitle(/^Error: /);
  await expectNoAxeViolations(page);

  const code = `E2E-${Date.now().toString(36).toUpperCase()}`;
  const organisation = page.getByLabel("Organisation");
  if (await organisation.count()) await organisation.selectOption({ label: "Home Office" });
  await page.getByLabel("Site name").fill("Marsham Street annexe");
  await page.getByLabel("Site code").fill(code);
  await page.getByLabel("Address line 1").fill("2 Marsham Street");
  await page.getByLabel("Town or city").fill("London");
  await page.getByLabel("Postcode").fill("SW1P 4DF");
  await page.getByRole("checkbox", { name: "Routinely used by Ministers" }).check();
  await page.getByRole("radio", { name: "Sensitive", exact: true }).check();
  await page.getByRole("checkbox", { name: "The site has been sensitive for as long as we know" }).check();
  await page.getByRole("button", { name: "Add site" }).click();

  await expect(page.getByText("The site has been added")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: "Marsham Street annexe" })).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByRole("link", { name: /Add a device/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Add a device" })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("radio", { name: "Camera", exact: true }).check();
  await page.getByLabel("Brand").fill("Hikvision");
  await page.getByLabel("Model (optional)").fill("DS-2CD2143G2-I");
  await fillDate(page, "Install date (optional)", "2023-06-01");
  await page.getByRole("radio", { name: "Segregated network" }).check();
  await page.getByRole("radio", { name: "No", exact: true }).check();
  await page.getByRole("button", { name: "Add device" }).click();

  await expect(page.getByText("The device has been added")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: "Hikvision DS-2CD2143G2-I" })).toBeVisible();
  await expect(page.locator(".govuk-tag", { hasText: "Breach" }).first()).toBeVisible();
  await expect(page.getByText(/Covered equipment was deployed onto a controlled site on 1 June 2023/)).toBeVisible();
  await expect(page.getByText("R1-NEW-DEPLOYMENT")).toBeVisible();
  await expect(page.getByText(/Added a Hikvision DS-2CD2143G2-I camera to Marsham Street annexe/)).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByRole("link", { name: "Marsham Street annexe" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Marsham Street annexe" })).toBeVisible();
  await expect(page.getByText("Red: breach")).toBeVisible();

  await page.goto("/audit?entityType=site");
  await expect(page.getByRole("heading", { level: 1, name: "Audit trail" })).toBeVisible();
  await expect(page.getByText(`Added the site Marsham Street annexe (${code})`)).toBeVisible();
  await expectNoAxeViolations(page);
});

test("the minister's office cannot see the register of sites", async ({ page }) => {
  await signInAs(page, "private.office@minister.example.gov.uk");
  const response = await page.goto("/sites");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "You do not have permission to view this page" })).toBeVisible();
});

test("a site outside the editor's organisations is not found", async ({ page }) => {
  await signInAs(page, "editor@ho.example.gov.uk");
  await page.goto("/sites");
  const href = await page.locator("table a.govuk-link").first().getAttribute("href");
  expect(href).toMatch(/^\/sites\/\d+$/);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByText("You have been signed out.")).toBeVisible();
  await signInAs(page, "editor@moj.example.gov.uk");
  const response = await page.goto(href!);
  expect(response?.status()).toBe(404);
});

test("a stale edit is refused with a clear message and the user's changes stay in the form", async ({ page, context }) => {
  await signInAs(page, "editor@ho.example.gov.uk");
  await page.goto("/sites?sensitivity=NOT_SENSITIVE");
  const href = await page.locator("table a.govuk-link").first().getAttribute("href");
  await page.goto(`${href}/edit`);
  const other = await context.newPage();
  await other.goto(`${href}/edit`);
  await other.getByLabel("Address line 2 (optional)").fill("Changed first");
  await other.getByRole("button", { name: "Save changes" }).click();
  await expect(other.getByText("Your changes have been saved")).toBeVisible();
  await other.close();
  // A page left in the background gets no animation frames, and clicks wait for them.
  await page.bringToFront();

  await page.getByLabel("Address line 2 (optional)").fill("Changed second");
  await page.getByRole("button", { name: "Save changes" }).click();
  const summary = page.locator(".govuk-error-summary");
  await expect(summary).toBeFocused();
  await expect(summary).toContainText(
    "This site was changed by someone else since you opened it. Your changes have not been saved: reload to see the latest version.",
  );
  await expect(page.getByLabel("Address line 2 (optional)")).toHaveValue("Changed second");
  await expect(page).toHaveTitle(/^Error: /);
  await expectNoAxeViolations(page);
});

test("an editor adds a camera system to a site, is told first what is missing, and puts a new camera in it", async ({ page }) => {
  await signInAs(page, "editor@ho.example.gov.uk");
  await page.goto("/sites?sort=code");
  await page.locator("table tbody a").first().click();
  const site = (await page.getByRole("heading", { level: 1 }).textContent()) ?? "";
  await page.getByRole("link", { name: /^Add a camera system/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Add a camera system" })).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByRole("button", { name: "Add camera system" }).click();
  await expect(page.getByRole("alert").getByRole("link", { name: "Enter the name of the camera system" })).toBeVisible();
  await expect(page).toHaveTitle(/^Error: /);
  await expectNoAxeViolations(page);

  const name = `Gatehouse NVR ${Date.now().toString(36)}`;
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel("Description (optional)").fill("Covers the gate and the car park");
  await page.getByRole("button", { name: "Add camera system" }).click();
  await expect(page.getByText("The camera system has been added")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(site);
  const row = page.getByRole("table", { name: "Camera systems" }).getByRole("row").filter({ has: page.getByRole("rowheader", { name, exact: true }) });
  await expect(row).toContainText("Covers the gate and the car park");
  await expectNoAxeViolations(page);

  await page.getByRole("link", { name: /^Add a device/ }).click();
  await page.getByRole("radio", { name: "Camera", exact: true }).check();
  await page.getByLabel("Brand").fill("Axis");
  await page.getByLabel("Camera system (optional)").selectOption({ label: name });
  await page.getByRole("radio", { name: "Segregated network" }).check();
  await page.getByRole("radio", { name: "No", exact: true }).check();
  await page.getByRole("button", { name: "Add device" }).click();
  await expect(page.getByText("The device has been added")).toBeVisible();
  const systemRow = page.locator(".govuk-summary-list__row").filter({ has: page.locator(".govuk-summary-list__key", { hasText: /^Camera system$/ }) });
  await expect(systemRow).toContainText(name);
  await page.locator(".govuk-summary-list__row").filter({ has: page.locator(".govuk-summary-list__key", { hasText: /^Site$/ }) }).getByRole("link").click();
  const devicesCell = row.getByRole("cell").nth(1);
  await expect(devicesCell).toHaveText("1");

  // Renamed, the camera stays in it.
  await row.getByRole("link", { name: `Change the camera system ${name}` }).click();
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue(name);
  await expectNoAxeViolations(page);
  await page.getByLabel("Name", { exact: true }).fill(`${name} (renamed)`);
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("The camera system has been changed")).toBeVisible();
  const renamed = page.getByRole("table", { name: "Camera systems" }).getByRole("row").filter({ has: page.getByRole("rowheader", { name: `${name} (renamed)`, exact: true }) });
  await expect(renamed.getByRole("cell").nth(1)).toHaveText("1");
});
