import { expect, expectNoAxeViolations, signInAs, test } from "./fixtures";

test("the start page explains the service and has no WCAG 2.2 AA violations", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveTitle(/Estate Camera Register/);
  await expect(page.getByRole("heading", { level: 1, name: "Estate Camera Register" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Skip to main content" })).toBeAttached();
  await expect(page.getByText("This is a new service")).toBeVisible();
  await expect(page.getByRole("link", { name: "Accessibility statement" }).first()).toBeVisible();
  await expectNoAxeViolations(page);
});

test("the accessibility statement and sign-in page have no violations", async ({ page }) => {
  await page.goto("/accessibility");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Accessibility statement");
  await expectNoAxeViolations(page);
  await page.goto("/login");
  await expectNoAxeViolations(page);
});

test("signing in with a wrong password shows an error summary and keeps the email", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Email address").fill("viewer@ho.example.gov.uk");
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  // Next's route announcer is also an alert region: find the error summary by its class.
  const summary = page.locator(".govuk-error-summary");
  await expect(summary).toContainText("There is a problem");
  await expect(summary.getByRole("link", { name: "Enter a correct email address and password" })).toBeVisible();
  await expect(page.getByLabel("Email address")).toHaveValue("viewer@ho.example.gov.uk");
  await expect(page).toHaveTitle(/^Error: /);
  await expectNoAxeViolations(page);
});

test("an empty sign-in form reports every problem at once", async ({ page }) => {
  await page.goto("/login");
  await page.getByRole("button", { name: "Sign in" }).click();
  const summary = page.locator(".govuk-error-summary");
  await expect(summary.getByRole("link", { name: "Enter your email address" })).toBeVisible();
  await expect(summary.getByRole("link", { name: "Enter your password" })).toBeVisible();
});

test("a demo user signs in and out", async ({ page }) => {
  await signInAs(page, "viewer@ho.example.gov.uk");
  await expect(page.getByText("Victor Viewer")).toBeVisible();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByText("You have been signed out")).toBeVisible();
});

test("a signed-out visitor is sent to sign in", async ({ page }) => {
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/login\?callbackUrl=/);
});
