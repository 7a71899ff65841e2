import { startMailCapture } from "../support/mail-capture";
import { query } from "./database";
import { expect, expectNoAxeViolations, signInAs, test } from "./fixtures";

// An administrator invites someone by email in Chromium; a real SMTP server (on the loopback port
// playwright.config.ts gives the app) captures the email; its link, followed in another browser,
// lets the person choose a password once and sign in.

const ADMIN = "admin@register.example.gov.uk";
const port = Number(process.env.E2E_PORT ?? 3100);
const smtpPort = Number(process.env.E2E_SMTP_PORT ?? port + 700);
const PASSWORD = "amber lantern orchard 61";

test("an administrator invites someone by email; they choose a password from the link, once, and sign in", async ({ page, browser }) => {
  const smtp = await startMailCapture({ port: smtpPort });
  try {
    await signInAs(page, ADMIN);
    await page.goto("/admin/users");
    await page.getByRole("button", { name: "Invite someone by email" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Invite someone by email" })).toBeVisible();
    await expectNoAxeViolations(page);

    // Every problem first: the flag is refused for a role that cannot attest.
    const email = `invited.${Date.now().toString(36)}@ho.example.gov.uk`;
    await page.getByLabel("Full name").fill("Ivy Invited");
    await page.getByLabel("Email address").fill(email);
    await page.getByRole("radio", { name: "Administrator" }).check();
    await page.getByLabel("Accountable official for returns").check();
    await page.getByRole("button", { name: "Send invitation" }).click();
    const summary = page.getByRole("alert").filter({ hasText: "There is a problem" });
    await expect(summary.getByRole("link", { name: /can be accountable officials for returns/ })).toBeVisible();
    await expect(page).toHaveTitle(/^Error: /);
    await expectNoAxeViolations(page);

    await page.getByRole("radio", { name: "Organisation viewer" }).check();
    await page.getByLabel("Organisation", { exact: true }).selectOption({ label: "Home Office (HO)" });
    await page.getByRole("button", { name: "Send invitation" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Users" })).toBeVisible();
    await expect(page.getByText("Invitation sent")).toBeVisible();
    await expect(page.getByRole("row").filter({ hasText: email })).toContainText("Invited");

    const [mail] = await smtp.waitFor(1);
    expect(mail!.envelopeTo).toEqual([email]);
    expect(mail!.subject).toBe("You have been invited to the Estate Camera Register");
    expect(mail!.text).toContain("Dear Ivy Invited,");
    const link = new RegExp(`http://localhost:${port}/invitation/[A-Za-z0-9_-]{43}`).exec(mail!.text)?.[0];
    expect(link).toBeTruthy();
    const stored = await query<{ n: number }>(`SELECT count(*)::int AS n FROM invitations WHERE token_hash = encode(sha256($1::bytea), 'hex')`, [link!.split("/").pop()]);
    expect(stored[0]!.n).toBe(1);

    // The invited person, in a browser of their own.
    const context = await browser.newContext();
    const invited = await context.newPage();
    await invited.goto(link!);
    await expect(invited.getByRole("heading", { level: 1, name: "Choose your password" })).toBeVisible();
    await expect(invited.getByText(email)).toBeVisible();
    await expectNoAxeViolations(invited);
    await invited.getByLabel("New password", { exact: true }).fill("password1234");
    await invited.getByLabel("Confirm new password").fill("password1234");
    await invited.getByRole("button", { name: "Save password" }).click();
    await expect(invited.getByRole("alert").filter({ hasText: "There is a problem" })).toContainText("Password must");
    await invited.getByLabel("New password", { exact: true }).fill(PASSWORD);
    await invited.getByLabel("Confirm new password").fill(PASSWORD);
    await invited.getByRole("button", { name: "Save password" }).click();
    await expect(invited.getByRole("heading", { level: 1, name: "Your password has been set" })).toBeVisible();
    await expectNoAxeViolations(invited);

    // The link works once.
    await invited.goto(link!);
    await expect(invited.getByRole("heading", { level: 1, name: "This invitation link has already been used" })).toBeVisible();
    // A forged link gets a page, not an error.
    const forged = await invited.goto(`/invitation/${"A".repeat(43)}`);
    expect(forged?.status()).toBe(200);
    await expect(invited.getByRole("heading", { level: 1, name: "This invitation link is not valid" })).toBeVisible();

    await signInAs(invited, email, PASSWORD);
    await invited.getByRole("link", { name: "Notifications" }).click();
    await expect(invited.getByRole("heading", { level: 1, name: "Notifications" })).toBeVisible();
    await expect(invited.getByText("You have no notifications.")).toBeVisible();
    await expectNoAxeViolations(invited);
    await context.close();
    expect(smtp.messages).toHaveLength(1);
  } finally {
    await smtp.close();
  }
});

test("a person chooses which notifications they get by email", async ({ page }) => {
  await signInAs(page, "editor@ho.example.gov.uk");
  await page.goto("/account/notifications");
  await expect(page.getByRole("heading", { level: 1, name: "Email settings for notifications" })).toBeVisible();
  const box = page.getByLabel("A return is overdue");
  await expect(box).toBeChecked();
  await box.uncheck();
  await page.getByRole("button", { name: "Save email settings" }).click();
  await expect(page.getByText("Your email settings have been saved")).toBeVisible();
  await expect(page.getByLabel("A return is overdue")).not.toBeChecked();
  await expectNoAxeViolations(page);
  const rows = await query<{ emails_off: string[] }>(`SELECT emails_off FROM users WHERE email = $1`, ["editor@ho.example.gov.uk"]);
  expect(rows[0]!.emails_off).toEqual(["round-overdue"]);
  await page.getByLabel("A return is overdue").check();
  await page.getByRole("button", { name: "Save email settings" }).click();
  await expect(page.getByText("Your email settings have been saved")).toBeVisible();
});
