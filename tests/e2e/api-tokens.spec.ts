import { randomUUID } from "node:crypto";
import type { APIRequestContext, Page } from "@playwright/test";
import { query } from "./database";
import { expect, expectNoAxeViolations, signInAs, test } from "./fixtures";
import { expectApiContract } from "./support/api-contract";

// API tokens as people and administrators make them: created on a form, shown once, used against
// the running API (each answer held to the OpenAPI document), listed with their last use, and
// revoked with a confirmation, after which the very next request is refused.

interface ApiOrganisation {
  id: number;
  acronym: string;
  parentId: number | null;
}

async function organisationsWith(request: APIRequestContext, token: string) {
  const response = await request.get("/api/v1/organisations?limit=500", { headers: { Authorization: `Bearer ${token}` } });
  await expectApiContract(request, response);
  return response;
}

/** The token on the confirmation page, read as a person would copy it. */
async function shownToken(page: Page): Promise<string> {
  await expect(page.getByRole("heading", { level: 1, name: "API token created" })).toBeVisible();
  await expect(page.getByText("You will not see this token again")).toBeVisible();
  const token = (await page.locator("#api-token").innerText()).trim();
  expect(token).toMatch(/^ecr_[A-Za-z0-9_-]{43}$/);
  return token;
}

async function organisationId(acronym: string): Promise<number> {
  const [row] = await query<{ id: number }>("SELECT id FROM organisations WHERE acronym = $1", [acronym]);
  if (!row) throw new Error(`No organisation ${acronym}`);
  return row.id;
}

test("an estates editor creates a read-and-change token, uses it, and revokes it: the next call is refused", async ({ page, request }) => {
  const name = `E2E CAFM ${randomUUID().slice(0, 8)}`;
  await signInAs(page, "editor@ho.example.gov.uk");
  await page.goto("/account/api-tokens");
  await expect(page.getByRole("heading", { level: 1, name: "API tokens" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Read the API reference" })).toHaveAttribute("href", "/developers/api");
  await expectNoAxeViolations(page);

  await page.getByRole("button", { name: "Create a token" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Create an API token" })).toBeVisible();
  // The expiry is filled in, 90 days from today, and can be changed.
  const [suggested] = await query<{ day: string; month: string; year: string }>(
    `SELECT extract(day FROM d)::text AS day, extract(month FROM d)::text AS month, extract(year FROM d)::text AS year
       FROM (SELECT (now() AT TIME ZONE 'Europe/London')::date + 90 AS d) x`,
  );
  const { day, month, year } = suggested!;
  await expect(page.getByLabel("Day")).toHaveValue(day);
  await expect(page.getByLabel("Month")).toHaveValue(month);
  await expect(page.getByLabel("Year")).toHaveValue(year);
  await expectNoAxeViolations(page);

  // Nothing filled in, and a date past the year: each problem named, in the summary and at its field.
  await page.getByLabel("Year").fill(String(Number(year) + 2));
  await page.getByRole("button", { name: "Create token" }).click();
  const summary = page.locator(".govuk-error-summary");
  await expect(summary).toBeFocused();
  await expect(summary.getByRole("link", { name: "Enter a name for the token, such as the system that will use it" })).toHaveAttribute("href", "#name");
  await expect(summary.getByRole("link", { name: "Select what the token may do" })).toHaveAttribute("href", "#access");
  await expect(summary.getByRole("link", { name: "Expiry date must be within a year of today" })).toHaveAttribute("href", "#expiresOn-day");
  await expect(page.locator("#name-error")).toContainText("Enter a name for the token");
  await expect(page).toHaveTitle(/^Error: /);
  await expectNoAxeViolations(page);

  await page.getByLabel("Token name").fill(name);
  await page.getByRole("radio", { name: "Read and change" }).check();
  await page.getByLabel("Year").fill(year);
  await page.getByRole("button", { name: "Create token" }).click();
  const token = await shownToken(page);
  await expect(page.getByText(/read and change the register/)).toBeVisible();
  await expectNoAxeViolations(page);

  // The API answers as the editor: their own department, and no other.
  const response = await organisationsWith(request, token);
  expect(response.status()).toBe(200);
  const { items } = (await response.json()) as { items: ApiOrganisation[] };
  const homeOffice = await organisationId("HO");
  expect(items.some((o) => o.id === homeOffice)).toBe(true);
  expect(items.every((o) => o.id === homeOffice || o.parentId === homeOffice)).toBe(true);

  // Listed with its last use, and never with the token itself.
  await page.getByRole("link", { name: "Go to your API tokens" }).click();
  const row = page.getByRole("row").filter({ hasText: name });
  await expect(row).toContainText("Read and change");
  await expect(row).not.toContainText("Never");
  await expect(row).toContainText("Active");
  await expect(page.locator("body")).not.toContainText(token);
  await expectNoAxeViolations(page);

  await row.getByRole("link", { name: `Revoke the token ${name}` }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Are you sure you want to revoke the token ${name}?` })).toBeVisible();
  await expectNoAxeViolations(page);
  const revokeUrl = page.url();
  await page.getByRole("button", { name: "Revoke token" }).click();
  await expect(page.getByRole("alert", { name: "Success" })).toContainText("Token revoked");
  await expect(page.getByRole("row").filter({ hasText: name })).toContainText("Revoked");
  await expectNoAxeViolations(page);

  // At once: the very next call is refused.
  const refused = await organisationsWith(request, token);
  expect(refused.status()).toBe(401);

  // Revoked once, audited once; coming back to the question finds nothing left to revoke.
  await page.goto(revokeUrl);
  await expect(page.getByRole("heading", { level: 1, name: `The token ${name} has already been revoked` })).toBeVisible();
  await expect(page.getByRole("button", { name: "Revoke token" })).toHaveCount(0);
  await expectNoAxeViolations(page);
  const events = await query<{ action: string }>(
    "SELECT action FROM audit_events WHERE after->>'name' = $1 OR before->>'name' = $1 ORDER BY id",
    [name],
  );
  expect(events.map((e) => e.action)).toEqual(["api-token.created", "api-token.revoked"]);
});

test("someone else's token is not found, and a forged or replayed revoke changes nothing", async ({ page }) => {
  const [viewer] = await query<{ id: number }>("SELECT id FROM users WHERE email = 'viewer@ho.example.gov.uk'");
  const [theirs] = await query<{ id: number }>(
    `INSERT INTO api_tokens (user_id, name, token_hash, prefix, access, created_by_id, expires_at)
     VALUES ($1, $2, $3, 'ecr_e2e000', 'READ', $1, now() + interval '30 days') RETURNING id`,
    [viewer!.id, `E2E viewer's ${randomUUID().slice(0, 8)}`, randomUUID().replace(/-/g, "").padEnd(64, "0")],
  );
  await signInAs(page, "editor@ho.example.gov.uk");
  for (const url of [`/account/api-tokens/${theirs!.id}/revoke`, "/account/api-tokens/999999999/revoke", "/account/api-tokens/1%00/revoke", "/account/api-tokens/-1/revoke"]) {
    const response = await page.goto(url);
    expect(response?.status(), url).toBe(404);
  }
  const [revoked] = await query<{ revoked_at: Date | null }>("SELECT revoked_at FROM api_tokens WHERE id = $1", [theirs!.id]);
  expect(revoked?.revoked_at).toBeNull();
});

test("a viewer's tokens can only read: read and change is not offered, and a forged choice is refused", async ({ page }) => {
  await signInAs(page, "viewer@ho.example.gov.uk");
  await page.goto("/account/api-tokens/new");
  await expect(page.getByRole("radio", { name: "Read and change" })).toHaveCount(0);
  await expect(page.getByText("You can only read the register, so your tokens can only read.")).toBeVisible();
  await expectNoAxeViolations(page);

  const name = `E2E viewer forged ${randomUUID().slice(0, 8)}`;
  const before = await query<{ n: string }>("SELECT count(*)::text AS n FROM api_tokens");
  await page.getByLabel("Token name").fill(name);
  // A crafted post: the hidden choice changed to read and change.
  await page.locator('input[type="hidden"][name="access"]').evaluate((input: HTMLInputElement) => (input.value = "READ_WRITE"));
  await page.getByRole("button", { name: "Create token" }).click();
  await expect(page.locator(".govuk-error-summary").getByRole("link", { name: "This account can only read the register, so its tokens can only read" })).toBeVisible();
  await expect(page.locator("#access-error")).toBeVisible();
  await expectNoAxeViolations(page);
  expect(await query<{ n: string }>("SELECT count(*)::text AS n FROM api_tokens")).toEqual(before);

  // A NUL byte and an oversized name are refused at the field, writing nothing.
  await page.locator('input[type="hidden"][name="access"]').evaluate((input: HTMLInputElement) => (input.value = "READ"));
  await page.getByLabel("Token name").evaluate((input: HTMLInputElement) => {
    input.removeAttribute("maxlength");
    input.value = `bad\u0000name${"x".repeat(5000)}`;
  });
  await page.getByRole("button", { name: "Create token" }).click();
  await expect(page.locator("#name-error")).toBeVisible();
  expect(await query<{ n: string }>("SELECT count(*)::text AS n FROM api_tokens")).toEqual(before);

  // A read-only token it may have.
  await page.getByLabel("Token name").fill(name);
  await page.getByRole("button", { name: "Create token" }).click();
  await shownToken(page);
  await expect(page.getByText(/only read the register/)).toBeVisible();
});

test("an administrator makes a service account for one organisation, and its token sees only that organisation", async ({ page, request }) => {
  const name = `E2E HO facilities system ${randomUUID().slice(0, 8)}`;
  await signInAs(page, "admin@register.example.gov.uk");
  await page.goto("/admin");
  await page.getByRole("navigation", { name: "Administration" }).getByRole("link", { name: "Service accounts" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Service accounts" })).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByRole("button", { name: "Create a service account" }).click();
  await page.getByRole("button", { name: "Create service account" }).click();
  const summary = page.locator(".govuk-error-summary");
  await expect(summary.getByRole("link", { name: /Enter a name for the service account/ })).toHaveAttribute("href", "#name");
  await expect(summary.getByRole("link", { name: "Select the organisation the system works for" })).toHaveAttribute("href", "#organisationId");
  await expect(summary.getByRole("link", { name: "Select what the service account may do" })).toHaveAttribute("href", "#role");
  await expectNoAxeViolations(page);

  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel("Organisation", { exact: true }).selectOption({ label: "Home Office (HO)" });
  await page.getByRole("radio", { name: "Estates editor" }).check();
  await page.getByRole("button", { name: "Create service account" }).click();
  await expect(page.getByRole("alert", { name: "Success" })).toContainText("Service account created");
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expectNoAxeViolations(page);
  const accountUrl = page.url().replace(/\?.*$/, "");

  await page.getByRole("button", { name: "Create a token" }).click();
  await expectNoAxeViolations(page);
  await page.getByLabel("Token name").fill("Nightly export");
  await page.getByRole("radio", { name: "Read only" }).check();
  await page.getByRole("button", { name: "Create token" }).click();
  const token = await shownToken(page);
  await expectNoAxeViolations(page);

  const response = await organisationsWith(request, token);
  expect(response.status()).toBe(200);
  const { items } = (await response.json()) as { items: ApiOrganisation[] };
  const homeOffice = await organisationId("HO");
  expect(items.some((o) => o.id === homeOffice)).toBe(true);
  expect(items.every((o) => o.id === homeOffice || o.parentId === homeOffice)).toBe(true);
  const mojId = await organisationId("MoJ");
  const other = await request.get(`/api/v1/organisations/${mojId}`, { headers: { Authorization: `Bearer ${token}` } });
  expect(other.status()).toBe(404);
  await expectApiContract(request, other);

  // Not a person: it is not on the users page, and nobody can sign in as it.
  await page.goto("/admin/users");
  await expect(page.getByText(name)).toHaveCount(0);

  await page.goto(accountUrl);
  const row = page.getByRole("row").filter({ hasText: "Nightly export" });
  await expect(row).toContainText("Read only");
  await expect(row).not.toContainText("Never");
  await row.getByRole("link", { name: "Revoke the token Nightly export" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Are you sure you want to revoke the token Nightly export?" })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Revoke token" }).click();
  await expect(page.getByRole("alert", { name: "Success" })).toContainText("Token revoked");
  expect((await organisationsWith(request, token)).status()).toBe(401);

  // A second token, then the account deactivated: every token stops with it.
  await page.getByRole("button", { name: "Create a token" }).click();
  await page.getByLabel("Token name").fill("Second export");
  await page.getByRole("radio", { name: "Read and change" }).check();
  await page.getByRole("button", { name: "Create token" }).click();
  const second = await shownToken(page);
  expect((await organisationsWith(request, second)).status()).toBe(200);
  await page.getByRole("link", { name: "Go to the service account" }).click();
  await page.getByRole("link", { name: /Deactivate this service account/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Are you sure you want to deactivate the service account ${name}?` })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Deactivate service account" }).click();
  await expect(page.getByRole("alert", { name: "Success" })).toContainText("Service account deactivated");
  await expect(page.getByRole("button", { name: "Create a token" })).toHaveCount(0);
  expect((await organisationsWith(request, second)).status()).toBe(401);
  await page.goto("/admin/service-accounts");
  await expect(page.getByRole("row").filter({ hasText: name })).toContainText("Deactivated");

  const [account] = await query<{ id: number }>("SELECT id FROM users WHERE name = $1", [name]);
  const events = await query<{ action: string; actor: string }>(
    "SELECT action, actor_email AS actor FROM audit_events WHERE entity_type = 'service-account' AND entity_id = $1 ORDER BY id",
    [String(account!.id)],
  );
  expect(events).toEqual([
    { action: "service-account.created", actor: "admin@register.example.gov.uk" },
    { action: "api-token.created", actor: "admin@register.example.gov.uk" },
    { action: "api-token.revoked", actor: "admin@register.example.gov.uk" },
    { action: "api-token.created", actor: "admin@register.example.gov.uk" },
    { action: "service-account.deactivated", actor: "admin@register.example.gov.uk" },
  ]);
});

test("people cannot reach service accounts, nor an administrator's page a person's token", async ({ page }) => {
  await signInAs(page, "editor@ho.example.gov.uk");
  for (const url of ["/admin/service-accounts", "/admin/service-accounts/new"]) {
    const response = await page.goto(url);
    expect(response?.status(), url).toBe(403);
  }
});
