import { expect, expectNoAxeViolations, signInAs, test } from "./fixtures";
import { dateValue, fillDate } from "./support/dates";

const ADMIN = "admin@register.example.gov.uk";

test("a non-administrator gets the 403 page for the admin pages", async ({ page }) => {
  await signInAs(page, "editor@ho.example.gov.uk");
  await expect(page.getByRole("link", { name: "Admin" })).toHaveCount(0);
  for (const path of ["/admin", "/admin/users", "/admin/register", "/admin/policy", "/admin/audit-trail"]) {
    const response = await page.goto(path);
    expect(response?.status()).toBe(403);
    await expect(page.getByRole("heading", { level: 1, name: "You do not have permission to view this page" })).toBeVisible();
  }
});

test("an administrator creates an account, with every problem reported first", async ({ page }) => {
  await signInAs(page, ADMIN);
  await page.goto("/admin");
  await expect(page.getByRole("heading", { level: 1, name: "Administration" })).toBeVisible();
  await expectNoAxeViolations(page);

  await page.goto("/admin/users");
  await expect(page.getByRole("table", { name: "Accounts" })).toContainText("editor@ho.example.gov.uk");
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Create an account" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Create an account" })).toBeVisible();

  const email = `e2e.${Date.now().toString(36)}@test.example.gov.uk`;
  await page.getByLabel("Full name").fill("Pat Tester");
  await page.getByLabel("Email address").fill(email);
  await page.getByRole("radio", { name: "Estates editor" }).check();
  await page.getByRole("button", { name: "Create account" }).click();

  const summary = page.getByRole("alert").filter({ hasText: "There is a problem" });
  await expect(summary).toContainText("There is a problem");
  await expect(summary.getByRole("link", { name: /Select an organisation/ })).toBeVisible();
  await expect(summary.getByRole("link", { name: "Enter a password" })).toBeVisible();
  await expect(page).toHaveTitle(/^Error: /);
  await expect(page.getByLabel("Full name")).toHaveValue("Pat Tester");
  await expect(page.getByLabel("Email address")).toHaveValue(email);
  await expect(page.getByRole("radio", { name: "Estates editor" })).toBeChecked();
  await expectNoAxeViolations(page);

  await page.getByLabel("Organisation", { exact: true }).selectOption({ label: "Home Office (HO)" });
  await page.getByLabel("Temporary password").fill("Temporary-password-2026");
  await page.getByRole("button", { name: "Create account" }).click();

  await expect(page.getByRole("heading", { level: 1, name: "Users" })).toBeVisible();
  await expect(page.getByText("Account created")).toBeVisible();
  const row = page.getByRole("row").filter({ hasText: email });
  await expect(row).toContainText("Estates editor");
  await expect(row).toContainText("Home Office");
  await expect(page).not.toHaveTitle(/^Error: /);

  // The same address again is refused against the email field.
  await page.goto("/admin/users/new");
  await page.getByLabel("Full name").fill("Pat Again");
  await page.getByLabel("Email address").fill(email.toUpperCase());
  await page.getByRole("radio", { name: "Administrator" }).check();
  await page.getByLabel("Temporary password").fill("Temporary-password-2026");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("alert").getByRole("link", { name: "An account with this email address already exists" })).toBeVisible();
});

test("an administrator edits the policy and watches the re-evaluation finish", async ({ page }) => {
  // Two full re-evaluations of the demo estate (the change, then putting it back).
  test.setTimeout(300_000);
  await signInAs(page, ADMIN);
  await page.goto("/admin/policy");
  await expect(page.getByRole("heading", { level: 1, name: "Policy settings" })).toBeVisible();
  await expectNoAxeViolations(page);
  const grace = page.getByLabel("Reclassification grace period, in days");
  const original = await grace.inputValue();
  const deadline = await dateValue(page, "Removal deadline");

  await fillDate(page, "Removal deadline", "2020-01-01");
  await grace.fill("many");
  await page.getByRole("button", { name: "Save and re-evaluate" }).click();
  const summary = page.getByRole("alert").filter({ hasText: "There is a problem" });
  await expect(summary.getByRole("link", { name: "The removal deadline must be after the cut-off" })).toBeVisible();
  await expect(summary.getByRole("link", { name: /whole number of days/ })).toBeVisible();
  await expect(page).toHaveTitle(/^Error: /);
  await expect(grace).toHaveValue("many");
  await expectNoAxeViolations(page);

  const changeTo = async (value: string) => {
    await fillDate(page, "Removal deadline", deadline);
    await page.getByLabel("Reclassification grace period, in days").fill(value);
    await page.getByRole("button", { name: "Save and re-evaluate" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Re-evaluating compliance" })).toBeVisible();
    await expect(page.getByRole("progressbar", { name: "Devices re-evaluated" })).toBeVisible();
    await expect(page.getByText("Re-evaluation complete")).toBeVisible({ timeout: 240_000 });
    await expect(page.getByText("Policy settings changed")).toBeVisible();
  };

  await changeTo(String(Number(original) + 1));
  await expectNoAxeViolations(page);
  await page.getByRole("link", { name: "Continue" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Policy settings" })).toBeVisible();
  await expect(page.getByText(`${Number(original) + 1} days`)).toBeVisible();
  await expect(page.getByText(`by ${ADMIN}`)).toBeVisible();

  // Put it back, so the other specs see the standard policy.
  await changeTo(original);
});

test("the producer register lists producers with their brands and has no violations", async ({ page }) => {
  await signInAs(page, ADMIN);
  await page.goto("/admin/register");
  await expect(page.getByRole("heading", { level: 1, name: "Producer register" })).toBeVisible();
  const hikvision = page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "Hikvision", exact: true }) });
  await expect(hikvision).toContainText("Covered");
  await expect(hikvision).toContainText("HiLook");
  await expectNoAxeViolations(page);
  await hikvision.getByRole("rowheader").getByRole("link").click();
  await expect(page.getByRole("heading", { level: 1, name: /Hikvision/ })).toBeVisible();
  await expect(page.getByRole("table", { name: "Brands" })).toContainText("HiLook");
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Add a brand" }).click();
  await page.getByLabel("Brand name").fill("Hi Look");
  await page.getByRole("button", { name: "Add brand and re-evaluate" }).click();
  await expect(page.getByRole("alert").getByRole("link", { name: /HiLook/ })).toBeVisible();
  await expect(page).toHaveTitle(/^Error: /);
  await expectNoAxeViolations(page);
});

test("an administrator adds a model prefix to a producer, is told what is wrong first, and removes it", async ({ page }) => {
  test.setTimeout(300_000);
  await signInAs(page, ADMIN);
  await page.goto("/admin/register");
  await page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "Dahua", exact: true }) }).getByRole("rowheader").getByRole("link").click();
  await expect(page.getByRole("heading", { level: 1, name: /Dahua/ })).toBeVisible();
  const prefixes = page.getByRole("table", { name: "Model prefixes" });
  await expect(prefixes).toContainText("IPC-HDW");
  await page.getByRole("button", { name: "Add a model prefix" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Add a model prefix" })).toBeVisible();

  // Nothing typed, then one letter: each error is in the summary and at the field.
  await page.getByRole("button", { name: "Add prefix and re-evaluate" }).click();
  await expect(page.getByRole("alert").getByRole("link", { name: "Enter the model prefix" })).toBeVisible();
  await expect(page).toHaveTitle(/^Error: /);
  await expectNoAxeViolations(page);
  await page.getByLabel("Model prefix").fill("Q-");
  await page.getByRole("button", { name: "Add prefix and re-evaluate" }).click();
  await expect(page.getByRole("alert").getByRole("link", { name: "Model prefix must have at least 2 letters or numbers" })).toBeVisible();
  await expect(page.getByLabel("Model prefix")).toHaveValue("Q-");

  const prefix = `QX-${Date.now().toString(36).toUpperCase()}`;
  await page.getByLabel("Model prefix").fill(prefix);
  await page.getByLabel("Brand (optional)").selectOption({ label: "Imou" });
  await page.getByRole("radio", { name: "Low" }).check();
  await page.getByRole("button", { name: "Add prefix and re-evaluate" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Re-evaluating compliance" })).toBeVisible();
  await expect(page.getByText(`model prefix ${prefix} added`)).toBeVisible();
  await expect(page.getByText("Re-evaluation complete")).toBeVisible({ timeout: 240_000 });

  await page.goto("/admin/register");
  await page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "Dahua", exact: true }) }).getByRole("rowheader").getByRole("link").click();
  const row = prefixes.getByRole("row").filter({ has: page.getByRole("rowheader", { name: prefix, exact: true }) });
  await expect(row).toContainText("Imou");
  await expect(row).toContainText("Low");
  await expectNoAxeViolations(page);
  // Removing asks first, on a page of its own.
  await row.getByRole("link", { name: `Remove the model prefix ${prefix}` }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Are you sure you want to remove the model prefix ${prefix}?` })).toBeVisible();
  await page.getByRole("button", { name: "Yes, remove it and re-evaluate" }).click();
  await expect(page.getByText(`model prefix ${prefix} removed`)).toBeVisible();
  await expect(page.getByText("Re-evaluation complete")).toBeVisible({ timeout: 240_000 });
  await page.goto("/audit?entityType=model-prefix");
  await expect(page.getByRole("main")).toContainText(`Removed the model prefix ${prefix} from`);
});

test("an administrator checks the audit trail's hash chain and finds it intact", async ({ page }) => {
  await signInAs(page, ADMIN);
  await page.goto("/admin");
  await page.getByRole("link", { name: "Audit trail check" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Audit trail check" })).toBeVisible();
  const result = page.locator(".govuk-summary-list__row").filter({ has: page.locator(".govuk-summary-list__key", { hasText: /^Result$/ }) });
  await expect(result).toContainText("Intact");
  const checked = page.locator(".govuk-summary-list__row").filter({ hasText: "Events checked" });
  // The journeys above wrote audit events (an account, a policy change, a model prefix), so there is a chain to check.
  await expect(checked.locator("dd")).toHaveText(/^[1-9][\d,]*$/);
  await expect(page.getByText("has been tampered with")).toHaveCount(0);
  await expectNoAxeViolations(page);
});
