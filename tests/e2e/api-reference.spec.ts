import { expect, expectNoAxeViolations, test } from "./fixtures";
import { expectApiContract } from "./support/api-contract";

// The API reference for developers: public, readable without JavaScript, accessible, and made
// from the same document the API serves; and the served API answers as that document says.

test("the API reference is public, lists every operation by group, and passes axe", async ({ page, request }) => {
  await page.goto("/");
  await page.getByRole("link", { name: "API for developers" }).click();
  await expect(page).toHaveURL(/\/developers\/api$/);
  await expect(page.getByRole("heading", { level: 1, name: "API reference for developers" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Getting started" })).toBeVisible();

  const document = (await (await request.get("/api/v1/openapi.json")).json()) as { tags: { name: string }[]; paths: Record<string, Record<string, { operationId: string; summary: string }>> };
  for (const tag of document.tags) await expect(page.getByRole("heading", { level: 2, name: tag.name, exact: true })).toBeVisible();
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      await expect(page.locator(`#${operation.operationId}`)).toHaveText(operation.summary);
      await expect(page.getByText(`${method.toUpperCase()} ${path}`, { exact: true })).toBeVisible();
    }
  }
  await expectNoAxeViolations(page);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });
  test("the reference still reads, and its contents links work", async ({ page }) => {
    await page.goto("/developers/api");
    await page.getByRole("link", { name: "List organisations with their compliance status" }).click();
    await expect(page).toHaveURL(/#listOrganisations$/);
    await expect(page.getByRole("table", { name: /Responses: List organisations/ })).toBeVisible();
  });
});

test("the served API answers as its document says", async ({ request }) => {
  const response = await request.get("/api/v1/organisations");
  expect(response.status()).toBe(401);
  await expectApiContract(request, response);
  const bad = await request.get("/api/v1/organisations", { headers: { Authorization: "Bearer ecr_not-a-token" } });
  expect(bad.status()).toBe(401);
  await expectApiContract(request, bad);
});
