import type { Browser, BrowserContext, Page } from "@playwright/test";
import { query } from "./database";
import { expect, expectNoAxeViolations, test } from "./fixtures";
import { dropServerDatabase, freshServerDatabase, startServer, type ServerHandle } from "./support/servers";

// Single sign-on through a real OpenID Connect provider on loopback (tests/support/oidc-provider.ts,
// started by playwright.config.ts; its sign-in page asks which of its people you are). Each test
// signs in from a fresh browser context: the provider's own session would otherwise sign the next
// person straight back in as the last one.

const PROVIDER = "Test Department";
const PORT = Number(process.env.E2E_PORT ?? 3100);
const OIDC_PORT = Number(process.env.E2E_OIDC_PORT ?? PORT + 800);

/** Presses "Use your … account" and signs in at the provider as `login`. */
async function throughProvider(page: Page, login: string, from = "/login"): Promise<void> {
  await page.goto(from);
  await page.getByRole("button", { name: `Use your ${PROVIDER} account` }).click();
  await expect(page).toHaveURL(new RegExp(`^http://127\\.0\\.0\\.1:${OIDC_PORT}/interaction/`));
  await page.getByLabel("Provider account").fill(login);
  await page.getByRole("button", { name: "Continue" }).click();
}

/**
 * Like throughProvider, but the provider's redirect back to the service is held and its address
 * returned. Browsers follow redirects without asking Playwright, so the provider's answer to its
 * own sign-in form is followed here instead, up to the address it sends back to the service.
 */
async function heldCallback(page: Page, login: string): Promise<string> {
  let held = "";
  const isInteraction = (url: URL) => url.port === String(OIDC_PORT) && url.pathname.startsWith("/interaction/");
  await page.route(isInteraction, async (route) => {
    if (route.request().method() !== "POST") return route.continue();
    let response = await route.fetch({ maxRedirects: 0 });
    for (let hop = 0; hop < 5 && !held; hop++) {
      const location = response.headers()["location"];
      if (!location) break;
      const next = new URL(location, route.request().url());
      if (next.pathname === "/api/auth/callback/test-idp") held = next.toString();
      else response = await page.context().request.get(next.toString(), { maxRedirects: 0 });
    }
    await route.fulfill({ status: 200, contentType: "text/html", body: "<!doctype html><html lang=en><title>held</title><main>held</main></html>" });
  });
  await throughProvider(page, login);
  await expect.poll(() => held).toContain("code=");
  await page.unroute(isInteraction);
  return held;
}

async function userId(email: string): Promise<number> {
  const [row] = await query<{ id: number }>("SELECT id FROM users WHERE email = $1", [email]);
  return row!.id;
}

async function identityRows(email: string) {
  return query<{ provider: string; subject: string; email: string }>(
    "SELECT i.provider, i.subject, i.email FROM user_identities i JOIN users u ON u.id = i.user_id WHERE u.email = $1",
    [email],
  );
}

async function liveSessions(email: string, method?: string): Promise<number> {
  const [row] = await query<{ n: number }>(
    `SELECT count(*)::int AS n FROM sessions s JOIN users u ON u.id = s.user_id
     WHERE u.email = $1 AND s.revoked_at IS NULL AND ($2::text IS NULL OR s.method = $2)`,
    [email, method ?? null],
  );
  return row!.n;
}

async function auditCount(action: string, entityId: string): Promise<number> {
  const [row] = await query<{ n: number }>("SELECT count(*)::int AS n FROM audit_events WHERE action = $1 AND entity_id = $2", [action, entityId]);
  return row!.n;
}

async function fresh(browser: Browser, baseURL?: string, javaScriptEnabled = true): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext(baseURL ? { baseURL, javaScriptEnabled } : { javaScriptEnabled });
  return { context, page: await context.newPage() };
}

test("the sign-in page offers the provider, then the email and password form, and passes axe", async ({ page }) => {
  await page.goto("/login");
  const button = page.getByRole("button", { name: `Use your ${PROVIDER} account` });
  await expect(button).toBeVisible();
  await expect(page.getByLabel("Password")).toBeVisible();
  // The provider's button comes first, as GOV.UK's pattern has it.
  const order = await page.evaluate(() => {
    const sso = document.querySelector("#sign-in-with-provider");
    const password = document.querySelector("#password");
    return sso && password ? Boolean(sso.compareDocumentPosition(password) & Node.DOCUMENT_POSITION_FOLLOWING) : null;
  });
  expect(order).toBe(true);
  await expectNoAxeViolations(page);
  await page.screenshot({ path: "test-results/sso-sign-in-page.png", fullPage: true });
});

test("a verified, provisioned email links at the first sign-in; the next sign-in is found by subject", async ({ page, browser }) => {
  const email = "editor@ho.example.gov.uk";
  const id = await userId(email);
  expect(await identityRows(email)).toEqual([]);
  const linkedBefore = await auditCount("user.identity-linked", String(id));
  const sessionsBefore = await liveSessions(email, "test-idp");

  // The provider sends "Editor@HO.example.gov.uk": matched as the account's address, whatever its case.
  await throughProvider(page, email, "/login?callbackUrl=%2Fsites");
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  await expect(page).toHaveURL(/\/sites$/);
  expect(await identityRows(email)).toEqual([{ provider: "test-idp", subject: "ho-0001", email }]);
  expect(await auditCount("user.identity-linked", String(id))).toBe(linkedBefore + 1);
  expect(await liveSessions(email, "test-idp")).toBe(sessionsBefore + 1);

  const second = await fresh(browser);
  await throughProvider(second.page, email);
  await expect(second.page.getByRole("button", { name: "Sign out" })).toBeVisible();
  await second.context.close();
  expect(await identityRows(email)).toHaveLength(1);
  expect(await auditCount("user.identity-linked", String(id))).toBe(linkedBefore + 1);
  expect(await liveSessions(email, "test-idp")).toBe(sessionsBefore + 2);
});

test("an email with no account is refused with a page saying what to do, and audited", async ({ page }) => {
  const before = await auditCount("sign-in.refused", "stranger@ho.example.gov.uk");
  await throughProvider(page, "stranger@ho.example.gov.uk");
  await expect(page).toHaveURL(/\/login\/refused\?reason=unknown-email&provider=test-idp$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("You do not have an account on this service yet");
  await expect(page.getByText(`Ask your administrator to create your account with that email address`)).toBeVisible();
  await expect(page.getByText("You have not been signed in.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Sign out" })).toHaveCount(0);
  expect(await auditCount("sign-in.refused", "stranger@ho.example.gov.uk")).toBe(before + 1);
  await expectNoAxeViolations(page);
  await page.screenshot({ path: "test-results/sso-refused.png", fullPage: true });
  // Nothing opens afterwards either.
  await page.goto("/sites");
  await expect(page).toHaveURL(/\/login\?callbackUrl=/);
});

test("a provisioned email the provider has not verified is refused, and audited", async ({ page }) => {
  const email = "viewer@ho.example.gov.uk";
  const before = await auditCount("sign-in.refused", email);
  await throughProvider(page, email);
  await expect(page).toHaveURL(/\/login\/refused\?reason=unverified-email/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your email address has not been confirmed");
  await expect(page.getByRole("button", { name: "Sign out" })).toHaveCount(0);
  expect(await identityRows(email)).toEqual([]);
  expect(await liveSessions(email, "test-idp")).toBe(0);
  expect(await auditCount("sign-in.refused", email)).toBe(before + 1);
});

test("a callback whose state was tampered with signs nobody in", async ({ page }) => {
  const email = "editor@ho.example.gov.uk";
  const before = await liveSessions(email);
  const held = new URL(await heldCallback(page, email));
  held.searchParams.set("state", `${held.searchParams.get("state")}x`);
  await page.goto(held.toString());
  await expect(page).toHaveURL(/\/login\?.*error=/);
  await expect(page.getByRole("heading", { name: "There is a problem" })).toBeVisible();
  await expect(page.getByText("Signing in with your organisation’s account did not finish")).toBeVisible();
  await expect(page).toHaveTitle(/^Error: Sign in/);
  await expectNoAxeViolations(page);
  await expect(page.getByRole("button", { name: "Sign out" })).toHaveCount(0);
  expect(await liveSessions(email)).toBe(before);
});

test("an authorisation code used in time signs in; one that has expired signs nobody in", async ({ page, browser }) => {
  test.setTimeout(120_000);
  const email = "editor@ho.example.gov.uk";
  // The control: the same held callback, followed at once, works.
  const control = await fresh(browser);
  await control.page.goto(await heldCallback(control.page, email));
  await expect(control.page.getByRole("button", { name: "Sign out" })).toBeVisible();
  await control.context.close();

  const before = await liveSessions(email);
  const held = await heldCallback(page, email);
  // The test provider's codes live 5 seconds.
  await page.waitForTimeout(6_500);
  await page.goto(held);
  await expect(page).toHaveURL(/\/login\?.*error=/);
  await expect(page.getByRole("button", { name: "Sign out" })).toHaveCount(0);
  expect(await liveSessions(email)).toBe(before);
});

test("without JavaScript, the provider's button still signs in", async ({ browser }) => {
  const { context, page } = await fresh(browser, undefined, false);
  await page.goto("/login");
  // A browser with no next-auth cookie yet is sent back once, with one; the second press goes on.
  await page.getByRole("button", { name: `Use your ${PROVIDER} account` }).click();
  if (!page.url().startsWith(`http://127.0.0.1:${OIDC_PORT}/`)) {
    await expect(page).toHaveURL(/\/login/);
    await page.getByRole("button", { name: `Use your ${PROVIDER} account` }).click();
  }
  await expect(page).toHaveURL(new RegExp(`^http://127\\.0\\.0\\.1:${OIDC_PORT}/interaction/`));
  await page.getByLabel("Provider account").fill("editor@ho.example.gov.uk");
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  await context.close();
});

test.describe("with password sign-in turned off", () => {
  test.skip(!process.env.TEST_DATABASE_URL, "Needs a PostgreSQL server (TEST_DATABASE_URL) for a second server");
  let databaseUrl = "";
  let server: ServerHandle | null = null;

  test.beforeAll(async () => {
    test.setTimeout(400_000);
    databaseUrl = await freshServerDatabase(`sso_off_${PORT}`, { devices: 200 });
    server = await startServer({
      port: OIDC_PORT + 1,
      databaseUrl,
      env: {
        PASSWORD_SIGN_IN: "off",
        OIDC_PROVIDERS: JSON.stringify([
          { id: "test-idp", name: PROVIDER, issuer: `http://127.0.0.1:${OIDC_PORT}`, clientId: "ecr-e2e", clientSecret: "ecr-e2e-client-secret-0123456789abcdef" },
        ]),
      },
    });
  });

  test.afterAll(async () => {
    await server?.stop();
    if (databaseUrl) await dropServerDatabase(databaseUrl);
  });

  /** Posts the email and password straight to next-auth's credentials callback, as a script would. */
  async function craftedPasswordSignIn(context: BrowserContext, base: string): Promise<unknown> {
    const csrf = (await (await context.request.get(`${base}/api/auth/csrf`)).json()) as { csrfToken: string };
    await context.request.post(`${base}/api/auth/callback/credentials`, {
      headers: { Origin: base },
      form: { email: "analyst@cabinetoffice.example.gov.uk", password: "Demo-password-2026", csrfToken: csrf.csrfToken, callbackUrl: "/", json: "true" },
      maxRedirects: 0,
    });
    return (await context.request.get(`${base}/api/auth/session`)).json();
  }

  test("the page offers only the provider; a crafted password post opens nothing; the provider signs in", async ({ browser, baseURL }) => {
    test.setTimeout(240_000);
    const base = server!.url;
    const { context, page } = await fresh(browser, base);
    await page.goto("/login");
    await expect(page.getByRole("button", { name: `Use your ${PROVIDER} account` })).toBeVisible();
    await expect(page.getByLabel("Password")).toHaveCount(0);
    await expect(page.getByLabel("Email address")).toHaveCount(0);
    await expectNoAxeViolations(page);
    await page.screenshot({ path: "test-results/sso-only-sign-in-page.png", fullPage: true });

    expect(await craftedPasswordSignIn(context, base)).toEqual({});
    await page.goto("/dashboard");
    await expect(page).toHaveURL(/\/login\?callbackUrl=/);

    await page.getByRole("button", { name: `Use your ${PROVIDER} account` }).click();
    await page.getByLabel("Provider account").fill("analyst@cabinetoffice.example.gov.uk");
    await page.getByRole("button", { name: "Continue" }).click();
    await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
    await context.close();

    // The same crafted post does sign in where passwords are on: the refusal above is the setting's.
    const control = await fresh(browser, baseURL);
    expect(await craftedPasswordSignIn(control.context, baseURL!)).toMatchObject({ uid: expect.any(Number) });
    await control.context.close();
  });
});
