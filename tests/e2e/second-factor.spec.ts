import pg from "pg";
import type { Page } from "@playwright/test";
import { codeForStep, expect, expectNoAxeViolations, freshCode, giveCodeIfAsked, rememberAuthenticatorKey, signInAs, test } from "./fixtures";

// Issue 14: an authenticator app (TOTP) as a second factor for password sign-in. The editor sets
// one up reading the key off the page, as a person would type it into their app; every code is
// computed here from that key. Afterwards the editor's app is turned off again (and, should the
// test fail half-way, removed in the database), so the other specs sign in with a password alone.

const EDITOR = "editor@ho.example.gov.uk";
const ADMIN = "admin@register.example.gov.uk";
const PASSWORD = "Demo-password-2026";
const RUN = Date.now().toString(36).toUpperCase();
const SITE_CODE = `MFA-${RUN}`;

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

async function sql<T extends pg.QueryResultRow>(text: string, values: unknown[]): Promise<T[]> {
  const client = new pg.Client({ connectionString: serverDatabaseUrl() });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

test.afterAll(async () => {
  await sql(`DELETE FROM recovery_codes WHERE user_id = (SELECT id FROM users WHERE email = $1)`, [EDITOR]);
  await sql(`UPDATE users SET totp_secret = NULL, totp_enabled_at = NULL, totp_last_step = NULL WHERE email = $1`, [EDITOR]);
});

async function passwordOnly(page: Page, email: string): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => url.pathname !== "/login");
}

async function signOut(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("button", { name: "Sign out" })).toHaveCount(0);
}

const codeField = (page: Page) => page.getByLabel("Enter the code from your authenticator app");

test("an editor sets up an authenticator app, then signs in with a code or a recovery code, once each", async ({ browser }) => {
  test.setTimeout(240_000);
  const first = await browser.newContext();
  const held = await browser.newContext();
  try {
    const page = await first.newPage();
    await signInAs(page, EDITOR);

    // Setting up: the QR code with a text alternative, and the key to type by hand.
    await page.goto("/account/security");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Set up an authenticator app");
    const qr = page.getByRole("img", { name: "QR code to add Estate Camera Register to your authenticator app" });
    await expect(qr.locator("svg")).toBeVisible();
    const shown = (await page.locator("#secret-key").textContent()) ?? "";
    expect(shown).toMatch(/^([A-Z2-7]{4} ){7}[A-Z2-7]{4}$/);
    const key = shown.replace(/ /g, "");
    rememberAuthenticatorKey(EDITOR, key);
    await expectNoAxeViolations(page);

    // A wrong first code leaves it off, with the error summary.
    const now = Math.floor(Date.now() / 30_000);
    const right = new Set([now - 1, now, now + 1].map((s) => codeForStep(key, s)));
    const wrong = ["000000", "111111", "222222", "333333"].find((c) => !right.has(c))!;
    await page.getByLabel("Enter the 6-digit code your app shows").fill(wrong);
    await page.getByRole("button", { name: "Turn on" }).click();
    const summary = page.locator(".govuk-error-summary");
    await expect(summary).toContainText("Enter a correct code from your authenticator app");
    await expect(page).toHaveTitle(/^Error: /);
    await expectNoAxeViolations(page);

    await page.getByLabel("Enter the 6-digit code your app shows").fill((await freshCode(EDITOR))!);
    await page.getByRole("button", { name: "Turn on" }).click();
    await expect(page.getByRole("heading", { name: "Your authenticator app is set up" })).toBeVisible();
    const codes = (await page.getByRole("list", { name: "Recovery codes" }).locator("li").allTextContents()).map((c) => c.trim());
    expect(codes).toHaveLength(10);
    for (const code of codes) expect(code).toMatch(/^[0-9a-z]{5}-[0-9a-z]{5}$/);
    await expectNoAxeViolations(page);
    // Stored as hashes only.
    const stored = await sql<{ code_hash: string }>(`SELECT code_hash FROM recovery_codes WHERE user_id = (SELECT id FROM users WHERE email = $1)`, [EDITOR]);
    expect(stored).toHaveLength(10);
    for (const code of codes) expect(stored.some((r) => r.code_hash.includes(code.replace("-", "")))).toBe(false);

    // A form drawn for the full session, to be posted with the held one's cookie.
    await page.goto("/sites/new");
    const organisation = page.getByLabel("Organisation");
    if (await organisation.count()) await organisation.selectOption({ label: "Home Office" });
    await page.getByLabel("Site name").fill(`Second Factor House ${RUN}`);
    await page.getByLabel("Site code").fill(SITE_CODE);
    await page.getByLabel("Address line 1").fill("1 Code Street");
    await page.getByLabel("Town or city").fill("London");
    await page.getByLabel("Postcode").fill("SW1P 4DF");
    await page.getByRole("radio", { name: "Not sensitive", exact: true }).check();

    // A password alone now stops at the code page, and nothing else opens.
    const other = await held.newPage();
    await passwordOnly(other, EDITOR);
    await expect(other).toHaveURL(/\/login\/code/);
    await expect(other.getByRole("heading", { level: 1 })).toHaveText("Enter the code from your authenticator app");
    await expect(other.getByRole("link", { name: "Sites" })).toHaveCount(0);
    await expectNoAxeViolations(other);
    for (const path of ["/sites", "/account/security", "/account/password", "/dashboard"]) {
      await other.goto(path);
      await expect(other).toHaveURL(/\/login\/code/);
    }
    await first.addCookies(await held.cookies());
    await page.getByRole("button", { name: "Add site" }).click();
    await page.waitForURL((url) => !url.pathname.startsWith("/sites"));
    await expect(page).toHaveURL(/\/login/);
    expect(await sql(`SELECT id FROM sites WHERE site_code = $1`, [SITE_CODE])).toHaveLength(0);

    // A wrong code is refused with the error summary; a right one lets the session in.
    await other.goto("/login/code");
    await codeField(other).fill(wrong);
    await other.getByRole("button", { name: "Continue" }).click();
    await expect(other.locator(".govuk-error-summary")).toContainText("Enter a correct code from your authenticator app, or an unused recovery code");
    await expect(other).toHaveTitle(/^Error: /);
    await expectNoAxeViolations(other);
    await codeField(other).fill((await freshCode(EDITOR))!);
    await other.getByRole("button", { name: "Continue" }).click();
    await expect(other.getByRole("link", { name: "Sites" })).toBeVisible();
    await other.goto("/sites");
    await expect(other).toHaveURL(/\/sites$/);
    await signOut(other);

    // A recovery code signs in once.
    await passwordOnly(other, EDITOR);
    await codeField(other).fill(codes[0]!.toUpperCase());
    await other.getByRole("button", { name: "Continue" }).click();
    await expect(other).toHaveURL(/\/account\/security\?recoveryCodeUsed=9$/);
    await expect(other.getByRole("region", { name: /You signed in with a recovery code/ }).or(other.getByText("You signed in with a recovery code"))).toBeVisible();
    await expect(other.getByText("You have 9 recovery codes left")).toBeVisible();
    await expectNoAxeViolations(other);
    await signOut(other);
    await passwordOnly(other, EDITOR);
    await codeField(other).fill(codes[0]!);
    await other.getByRole("button", { name: "Continue" }).click();
    await expect(other.locator(".govuk-error-summary")).toBeVisible();
    await expect(other).toHaveURL(/\/login\/code/);
    await giveCodeIfAsked(other, EDITOR);

    // Turned off with a current code: the next sign-in needs the password only.
    await other.goto("/account/security");
    await expect(other.getByRole("heading", { level: 1 })).toHaveText("Sign-in security");
    await expectNoAxeViolations(other);
    await other.locator("#turn-off-code").fill((await freshCode(EDITOR))!);
    await other.getByRole("button", { name: "Turn off" }).click();
    await expect(other.getByText("Your authenticator app has been turned off")).toBeVisible();
    await signOut(other);
    await passwordOnly(other, EDITOR);
    await expect(other.getByRole("link", { name: "Sites" })).toBeVisible();
  } finally {
    await first.close();
    await held.close();
  }
});

test("an administrator signs in with the demo key's code and cannot turn the app off", async ({ page }) => {
  await signInAs(page, ADMIN);
  await page.goto("/account/security");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sign-in security");
  await expect(page.getByText("Your role must use an authenticator app to sign in, so it cannot be turned off.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Turn off" })).toHaveCount(0);
  await expectNoAxeViolations(page);
});
