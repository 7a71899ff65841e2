import { query } from "./database";
import { DEMO_PASSWORD, expect, test } from "./fixtures";

// The penetration test's payloads: after signing in, each sent the browser to another origin.
// Here port 3201 stands for the other site; nothing listens there, so leaving shows as a failed page.
const OFF_SITE = [
  "/%5Clocalhost:3201/x",
  "/%09/localhost:3201/x",
  "/%5C/localhost:3201/x",
  "//localhost:3201/x",
  "%5C%5Clocalhost:3201/x",
  "https://localhost:3201/x",
  "javascript:alert(document.domain)",
];

async function signIn(page: import("@playwright/test").Page, callbackUrl: string) {
  await page.goto(`/login?callbackUrl=${callbackUrl}`);
  await page.getByLabel("Email address").fill("viewer@ho.example.gov.uk");
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
}

test("signing in with a callback to another origin stays on the service", async ({ browser, baseURL }) => {
  for (const target of OFF_SITE) {
    // A fresh browser each time, so every payload goes through a real sign-in.
    const context = await browser.newContext({ baseURL });
    const page = await context.newPage();
    const dialogs: string[] = [];
    page.on("dialog", (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await signIn(page, target);
    await expect(page.getByRole("button", { name: "Sign out" }), target).toBeVisible();
    // No callback it may follow: the viewer lands where a viewer's work is.
    await expect(page, target).toHaveURL(`${baseURL}/sites`);
    expect(dialogs, target).toEqual([]);
    await context.close();
  }
});

test("signing in with a callback on the service goes there", async ({ page, baseURL }) => {
  await signIn(page, encodeURIComponent("/dashboard?view=table"));
  await expect(page).toHaveURL(`${baseURL}/dashboard?view=table`);
});

test("sign-in attempts count against the connection's own address, whatever the client claims", async ({ page }) => {
  // With no trusted proxy (the default), neither header may choose the address that is throttled.
  await page.setExtraHTTPHeaders({ "X-Forwarded-For": "198.51.100.99", "X-Ecr-Peer-Address": "198.51.100.98" });
  const email = `peer.check.${Date.now()}@example.gov.uk`;
  await page.goto("/login");
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.locator(".govuk-error-summary")).toContainText("Enter a correct email address and password");
  const buckets = await query<{ kind: string; subject: string; failures: number }>(
    `SELECT kind, subject, failures FROM sign_in_throttle WHERE subject = ANY($1::text[])`,
    [[email, "127.0.0.1", "198.51.100.99", "198.51.100.98"]],
  );
  expect(buckets.find((b) => b.kind === "account")).toMatchObject({ subject: email, failures: 1 });
  expect(buckets.filter((b) => b.kind === "address").map((b) => b.subject)).toEqual(["127.0.0.1"]);
});
