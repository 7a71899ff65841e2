import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, test as base, type Page } from "@playwright/test";
import { Secret, TOTP } from "otpauth";
import { DEMO_ADMIN_EMAIL, DEMO_ADMIN_TOTP_KEY } from "@/lib/seed/demo-second-factor";

export const DEMO_PASSWORD = "Demo-password-2026";

export async function signInAs(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  await giveCodeIfAsked(page, email);
}

// Authenticator app codes for the accounts that have one: the demo administrator's published demo
// key, and any account a spec set up an app for (recorded with rememberAuthenticatorKey). The
// service accepts each 30-second step's code once per account, so every step used is claimed in a
// directory shared by the run's workers (all children of one runner process): mkdir either makes
// the claim or finds it taken, atomically. Steps are claimed in increasing order, as the service
// also refuses a step earlier than one already used.
const PERIOD_MS = 30_000;
const runDir = path.join(os.tmpdir(), `ecr-e2e-totp-${process.ppid}`);
const accountDir = (email: string) => path.join(runDir, email.toLowerCase().replace(/[^a-z0-9]+/g, "_"));

/** Lets the sign-in helper answer the code page for an account a spec has set up an app for. */
export function rememberAuthenticatorKey(email: string, base32Key: string): void {
  mkdirSync(accountDir(email), { recursive: true });
  writeFileSync(path.join(accountDir(email), "key"), base32Key);
}

function keyFor(email: string): string | null {
  const file = path.join(accountDir(email), "key");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  return email.toLowerCase() === DEMO_ADMIN_EMAIL ? DEMO_ADMIN_TOTP_KEY : null;
}

/** The code an authenticator app shows during `step`, computed here from the key alone. */
export function codeForStep(base32Key: string, step: number): string {
  return TOTP.generate({ secret: Secret.fromBase32(base32Key), algorithm: "SHA1", digits: 6, period: 30, timestamp: step * PERIOD_MS });
}

/** A step nobody in this run has used for the account, no earlier than any used; waits for the next step at most. */
export async function claimStep(email: string): Promise<number> {
  const dir = accountDir(email);
  mkdirSync(dir, { recursive: true });
  for (;;) {
    const now = Math.floor(Date.now() / PERIOD_MS);
    const used = readdirSync(dir).filter((n) => /^\d+$/.test(n)).map(Number);
    const highest = used.length ? Math.max(...used) : -1;
    // The service accepts the step after the current one too (a phone's clock a little ahead).
    for (const step of [now, now + 1]) {
      if (step <= highest) continue;
      try {
        mkdirSync(path.join(dir, String(step)));
        return step;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      }
    }
    await new Promise((resolve) => setTimeout(resolve, (now + 1) * PERIOD_MS - Date.now() + 50));
  }
}

/** A fresh code for the account (its step claimed), or null when the tests know no key for it. */
export async function freshCode(email: string): Promise<string | null> {
  const key = keyFor(email);
  return key ? codeForStep(key, await claimStep(email)) : null;
}

/**
 * On the sign-in code page, gives a fresh code for the account. A parallel worker's later step
 * landing first can refuse an earlier one, so a refused code is followed by another fresh one.
 */
export async function giveCodeIfAsked(page: Page, email: string): Promise<void> {
  for (let attempt = 0; attempt < 3 && new URL(page.url()).pathname === "/login/code"; attempt++) {
    const code = await freshCode(email);
    if (!code) throw new Error(`${email} is asked for an authenticator app code, and the tests know no key for it`);
    await page.getByLabel("Enter the code from your authenticator app").fill(code);
    // The answer to the form's post, then the page it sends the browser to; an error summary may
    // still be showing from before, so only a page that stays put is taken as a refusal.
    const answered = page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/login/code");
    await page.getByRole("button", { name: "Continue" }).click();
    await answered;
    await page.waitForURL((url) => url.pathname !== "/login/code", { timeout: 10_000 }).catch(() => {});
  }
  expect(new URL(page.url()).pathname).not.toBe("/login/code");
}

/** Fails with the list of violations when the page breaks WCAG 2.2 AA (as axe can tell). */
export async function expectNoAxeViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"])
    .analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
  expect(summary).toEqual([]);
}

/** Any console error in the browser fails the test: broken pages should not pass quietly. */
export const test = base.extend({
  page: async ({ page }, provide) => {
    const errors: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error" && !/Failed to load resource: the server responded with a status of 40[1345]/.test(message.text())) {
        errors.push(message.text());
      }
    });
    page.on("pageerror", (error) => errors.push(error.message));
    await provide(page);
    expect(errors).toEqual([]);
  },
});

export { expect };
