import pg from "pg";
import type { Browser, Page } from "@playwright/test";
import { expect, expectNoAxeViolations, signInAs, test } from "./fixtures";

// Sessions end on the server: after sign-out, deactivation, a role change, a password change or
// too long idle, the cookie the browser still holds opens nothing. And an account an
// administrator creates can do nothing but choose its own password until it has.

const ADMIN = "admin@register.example.gov.uk";
const TEMPORARY = "Temporary-password-2026";
const CHOSEN = "Zebra-Kettle-Orbit-58";
const RUN = Date.now().toString(36);
let counter = 0;

/** The e2e server's own database, as scripts/e2e-server.ts makes it. */
function serverDatabaseUrl(): string {
  const port = Number(process.env.E2E_PORT ?? 3100);
  const admin = process.env.TEST_DATABASE_URL;
  if (admin) {
    const url = new URL(admin);
    url.pathname = `/ecr_e2e_${port}`;
    return url.toString();
  }
  return `postgresql://postgres:postgres@127.0.0.1:${port + 20_000}/postgres`;
}

async function sql(text: string, values: unknown[]): Promise<number> {
  const client = new pg.Client({ connectionString: serverDatabaseUrl() });
  await client.connect();
  try {
    return (await client.query(text, values)).rowCount ?? 0;
  } finally {
    await client.end();
  }
}

/** An administrator creates an account in their own browser; returns its email and edit page. */
async function createAccount(browser: Browser): Promise<{ email: string; editPath: string }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInAs(page, ADMIN);
  const email = `session.${RUN}.${++counter}@test.example.gov.uk`;
  await page.goto("/admin/users/new");
  await page.getByLabel("Full name").fill(`Sessions Test ${counter}`);
  await page.getByLabel("Email address").fill(email);
  await page.getByRole("radio", { name: "Estates editor" }).check();
  await page.getByLabel("Organisation", { exact: true }).selectOption({ label: "Home Office (HO)" });
  await page.getByLabel("Temporary password").fill(TEMPORARY);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Account created")).toBeVisible();
  const editPath = await page.getByRole("row").filter({ hasText: email }).getByRole("link").getAttribute("href");
  await context.close();
  return { email, editPath: editPath! };
}

/** Signs in a new account and chooses its password, so it can use the service. */
async function firstSignIn(page: Page, email: string): Promise<void> {
  await signInAs(page, email, TEMPORARY);
  await expect(page).toHaveURL(/\/account\/new-password$/);
  await page.getByLabel("New password", { exact: true }).fill(CHOSEN);
  await page.getByLabel("Confirm new password").fill(CHOSEN);
  await page.getByRole("button", { name: "Save password" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Your new password has been saved" })).toBeVisible();
}

async function expectSentToSignIn(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await expect(page).toHaveURL(/\/login\?callbackUrl=/);
  await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
}

test("after sign-out the old session cookie opens nothing", async ({ page, context }) => {
  await signInAs(page, "viewer@ho.example.gov.uk");
  await page.goto("/sites");
  await expect(page.getByRole("heading", { level: 1, name: "Sites" })).toBeVisible();
  const before = await context.cookies();
  expect(before.some((c) => c.name.includes("session-token"))).toBe(true);

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByText("You have been signed out.")).toBeVisible();
  // Put the signed-out session's cookie back, as someone who copied it would.
  await context.clearCookies();
  await context.addCookies(before);
  await expectSentToSignIn(page, "/sites");
  const api = await page.request.get("/api/export/register?format=csv");
  expect(api.status()).toBe(401);
});

test("an idle session ends after the idle timeout", async ({ page, context }) => {
  await signInAs(page, "viewer@ho.example.gov.uk");
  await page.goto("/sites");
  await expect(page.getByRole("heading", { level: 1, name: "Sites" })).toBeVisible();
  const viewer = "(SELECT id FROM users WHERE email = 'viewer@ho.example.gov.uk')";
  // 29 minutes without a request: still signed in (the default timeout is 30 minutes).
  await sql(`UPDATE sessions SET last_seen_at = now() - interval '29 minutes' WHERE user_id = ${viewer} AND revoked_at IS NULL`, []);
  await page.goto("/sites");
  await expect(page.getByRole("heading", { level: 1, name: "Sites" })).toBeVisible();
  expect(await sql(`UPDATE sessions SET last_seen_at = now() - interval '31 minutes' WHERE user_id = ${viewer} AND revoked_at IS NULL`, [])).toBeGreaterThan(0);
  await expectSentToSignIn(page, "/sites");
  await context.clearCookies();
});

test("an account an administrator creates can only choose its own password at first sign-in", async ({ page, browser }) => {
  const { email } = await createAccount(browser);
  await signInAs(page, email, TEMPORARY);
  await expect(page).toHaveURL(/\/account\/new-password$/);
  await expect(page.getByRole("heading", { level: 1, name: "Choose a new password" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Sites" })).toHaveCount(0);
  await expectNoAxeViolations(page);

  for (const path of ["/", "/sites", "/organisations", "/import", "/audit", "/reports", "/account/password", "/login"]) {
    await page.goto(path);
    await expect(page, path).toHaveURL(/\/account\/new-password$/);
  }
  const api = await page.request.get("/api/export/register?format=csv");
  expect(api.status()).toBe(401);
  expect(await api.text()).toContain("Choose a new password before you continue");

  // Weak, mismatched and reused passwords are refused with every reason in the summary.
  await page.getByLabel("New password", { exact: true }).fill("password1234");
  await page.getByLabel("Confirm new password").fill("password12345");
  await page.getByRole("button", { name: "Save password" }).click();
  const summary = page.getByRole("alert").filter({ hasText: "There is a problem" });
  await expect(summary.getByRole("link", { name: /commonly used password/ })).toBeVisible();
  await expect(summary.getByRole("link", { name: /passwords do not match/ })).toBeVisible();
  await expect(page).toHaveTitle(/^Error: /);
  await expect(page.getByLabel("New password", { exact: true })).toHaveValue("");
  await expectNoAxeViolations(page);

  await page.getByLabel("New password", { exact: true }).fill(TEMPORARY);
  await page.getByLabel("Confirm new password").fill(TEMPORARY);
  await page.getByRole("button", { name: "Save password" }).click();
  await expect(summary.getByRole("link", { name: /different from the temporary password/ })).toBeVisible();

  await page.getByLabel("New password", { exact: true }).fill(CHOSEN);
  await page.getByLabel("Confirm new password").fill(CHOSEN);
  await page.getByRole("button", { name: "Save password" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Your new password has been saved" })).toBeVisible();
  await page.goto("/sites");
  await expect(page.getByRole("heading", { level: 1, name: "Sites" })).toBeVisible();
});

test("deactivation and a role change end the person's session on its next request", async ({ page, browser }) => {
  const { email, editPath } = await createAccount(browser);
  await firstSignIn(page, email);
  await page.goto("/sites");
  await expect(page.getByRole("heading", { level: 1, name: "Sites" })).toBeVisible();

  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signInAs(admin, ADMIN);
  await admin.goto(editPath);
  await admin.getByRole("radio", { name: "Organisation viewer" }).check();
  await admin.getByRole("button", { name: "Save changes" }).click();
  await expect(admin.getByText("Account updated")).toBeVisible();
  await expectSentToSignIn(page, "/sites");

  // Signed in again, with the new role; then deactivated.
  await signInAs(page, email, CHOSEN);
  await page.goto("/sites");
  await expect(page.getByRole("heading", { level: 1, name: "Sites" })).toBeVisible();
  await admin.goto(`${editPath}/deactivate`);
  await admin.getByRole("button", { name: /Deactivate account/ }).click();
  await expect(admin.getByText("Account deactivated")).toBeVisible();
  await expectSentToSignIn(page, "/sites");
  await adminContext.close();
});

test("changing your own password: errors in the summary, then other sessions end", async ({ page, browser }) => {
  const { email } = await createAccount(browser);
  await firstSignIn(page, email);
  const otherContext = await browser.newContext();
  const other = await otherContext.newPage();
  await signInAs(other, email, CHOSEN);

  await page.getByRole("link", { name: "Change your password" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Change your password" })).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByRole("button", { name: "Change password" }).click();
  const summary = page.getByRole("alert").filter({ hasText: "There is a problem" });
  await expect(summary.getByRole("link", { name: "Enter your current password" })).toBeVisible();
  await expect(summary.getByRole("link", { name: "Enter a new password" })).toBeVisible();
  await expect(summary.getByRole("link", { name: "Confirm your new password" })).toBeVisible();

  await page.getByLabel("Current password").fill("Not-my-password-77");
  await page.getByLabel("New password", { exact: true }).fill("Another-Orbit-Kettle-77");
  await page.getByLabel("Confirm new password").fill("Another-Orbit-Kettle-77");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(summary.getByRole("link", { name: "Your current password is not correct" })).toBeVisible();
  await expect(page).toHaveTitle(/^Error: /);

  await page.getByLabel("Current password").fill(CHOSEN);
  await page.getByLabel("New password", { exact: true }).fill(email);
  await page.getByLabel("Confirm new password").fill(email);
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(summary.getByRole("link", { name: /email address/ })).toBeVisible();
  await summary.getByRole("link", { name: /email address/ }).click();
  await expect(page.getByLabel("New password", { exact: true })).toBeFocused();
  await expectNoAxeViolations(page);

  await page.getByLabel("Current password").fill(CHOSEN);
  await page.getByLabel("New password", { exact: true }).fill("Another-Orbit-Kettle-77");
  await page.getByLabel("Confirm new password").fill("Another-Orbit-Kettle-77");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("Your password has been changed")).toBeVisible();
  await page.goto("/sites");
  await expect(page.getByRole("heading", { level: 1, name: "Sites" })).toBeVisible();
  // The other browser's session ended with the change.
  await expectSentToSignIn(other, "/sites");
  await otherContext.close();
});
