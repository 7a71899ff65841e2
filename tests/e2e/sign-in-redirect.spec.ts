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
    await expect(page, target).toHaveURL(`${baseURL}/`);
    expect(dialogs, target).toEqual([]);
    await context.close();
  }
});

test("signing in with a callback on the service goes there", async ({ page, baseURL }) => {
  await signIn(page, encodeURIComponent("/dashboard?view=table"));
  await expect(page).toHaveURL(`${baseURL}/dashboard?view=table`);
});
