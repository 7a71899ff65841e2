import type { Page } from "@playwright/test";
import { expect, expectNoAxeViolations, signInAs, test } from "./fixtures";

const CABINET_OFFICE = "analyst@cabinetoffice.example.gov.uk";
const MINISTER = "private.office@minister.example.gov.uk";

async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByText("You have been signed out")).toBeVisible();
}

/** The headline figures as the page shows them: label → number. */
async function headlineFigures(page: Page): Promise<Record<string, string>> {
  const cards = page.locator(".app-key-figure");
  const out: Record<string, string> = {};
  for (let i = 0; i < (await cards.count()); i++) {
    const card = cards.nth(i);
    const label = (await card.locator(".app-key-figure__label").innerText()).trim();
    out[label] = (await card.locator(".app-key-figure__value").innerText()).trim();
  }
  return out;
}

function organisationsTable(page: Page) {
  return page.getByRole("table", { name: /^Organisations as of/ });
}

test("the Cabinet Office sees the headline figures and the charts with their tables", async ({ page }) => {
  await signInAs(page, CABINET_OFFICE);
  await page.goto("/dashboard");
  await expect(page.getByRole("heading", { level: 1, name: /Cross-government compliance/ })).toBeVisible();
  await expect(page.getByText(/Figures computed at \d{1,2} \w+ \d{4} at \d{2}:\d{2}/)).toBeVisible();
  await expect(page.getByRole("heading", { name: "Red: breach" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Sensitive sites", exact: true })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Covered devices still on controlled sites" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Breaches by rule" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "In-service devices fully recorded" })).toBeVisible();
  const figures = await headlineFigures(page);
  expect(Number(figures["Sensitive sites"]?.replace(/,/g, ""))).toBeGreaterThan(0);

  // Each chart has its figures as a table too.
  const burnDown = page.getByRole("region", { name: "Removal of covered equipment from controlled sites" });
  await expect(burnDown.locator('[role="img"]')).toHaveAttribute("aria-label", /removal deadline 30 April 2025/);
  await expect(burnDown.locator(".recharts-surface").first()).toBeVisible();
  await burnDown.getByText("Show the figures as a table").click();
  await expect(burnDown.getByRole("table", { name: "Covered devices on controlled sites, by snapshot date" })).toBeVisible();
  await expect(burnDown.getByRole("rowheader", { name: /30 April 2025/ })).toBeVisible();
  await expectNoAxeViolations(page);
});

test("the Cabinet Office sorts, filters and exports the organisations table", async ({ page }) => {
  await signInAs(page, CABINET_OFFICE);
  await page.goto("/dashboard");
  const red = await page.locator(".app-key-figure", { has: page.getByRole("heading", { name: "Red: breach" }) }).locator(".app-key-figure__value").innerText();

  // Agencies sit beneath their department.
  const table = organisationsTable(page);
  const names = await table.locator("tbody th").allInnerTexts();
  const moj = names.findIndex((n) => n.startsWith("Ministry of Justice"));
  expect(moj).toBeGreaterThanOrEqual(0);
  expect(names[moj + 1]).toMatch(/part of Ministry of Justice|\(HMCTS\)|\(HMPPS\)/);

  // Sort by covered devices remaining, largest first.
  await table.getByRole("link", { name: "Covered devices remaining" }).click();
  await expect(page).toHaveURL(/sort=coveredRemaining/);
  const sorted = organisationsTable(page);
  await expect(sorted.getByRole("columnheader", { name: "Covered devices remaining" })).toHaveAttribute("aria-sort", "descending");
  await expect(sorted.getByRole("columnheader", { name: "Parent department" })).toBeVisible();
  const remaining = (await sorted.locator("tbody tr td:nth-child(10)").allInnerTexts()).map((t) => Number(t.replace(/,/g, "")));
  expect(remaining.length).toBeGreaterThan(10);
  expect(remaining).toEqual([...remaining].sort((a, b) => b - a));

  // Filter to red organisations: the filter and the sort are both in the URL.
  await page.getByLabel("Status", { exact: true }).selectOption("RED");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/status=RED/);
  await expect(page).toHaveURL(/sort=coveredRemaining/);
  const statuses = await organisationsTable(page).locator("tbody tr td:nth-child(3)").allInnerTexts();
  expect(statuses.length).toBe(Number(red));
  expect(statuses.every((s) => s.trim() === "Red: breach")).toBe(true);

  // The export keeps the view and is dated.
  const csvHref = await page.getByRole("link", { name: "Download this table as CSV" }).getAttribute("href");
  expect(csvHref).toContain("status=RED");
  const csv = await page.request.get(csvHref!);
  expect(csv.status()).toBe(200);
  expect(csv.headers()["content-disposition"]).toMatch(/^attachment; filename="organisations-compliance-\d{4}-\d{2}-\d{2}\.csv"$/);
  expect(await csv.text()).toContain("OFFICIAL-SENSITIVE");
  const xlsx = await page.request.get(csvHref!.replace("format=csv", "format=xlsx"));
  expect(xlsx.headers()["content-disposition"]).toMatch(/filename="organisations-compliance-\d{4}-\d{2}-\d{2}\.xlsx"/);
});

test("the Cabinet Office drills down from the dashboard to an organisation and one of its sites", async ({ page }) => {
  await signInAs(page, CABINET_OFFICE);
  await page.goto("/dashboard");
  await organisationsTable(page).getByRole("link", { name: "Ministry of Justice", exact: true }).click();
  await expect(page).toHaveURL(/\/organisations\/\d+$/);
  await expect(page.getByRole("heading", { level: 1, name: /Ministry of Justice \(MoJ\)/ })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Findings by rule" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Agencies" })).toBeVisible();
  const sites = page.getByRole("table", { name: /^Sites of Ministry of Justice/ });
  await expect(sites.getByRole("link").first()).toBeVisible();
  await expectNoAxeViolations(page);
  const siteLink = sites.getByRole("link").first();
  const siteHref = await siteLink.getAttribute("href");
  expect(siteHref).toMatch(/^\/sites\/\d+$/);
  await siteLink.click();
  await expect(page).toHaveURL(new RegExp(`${siteHref}$`));
});

test("an organisation page filters and pages its sites", async ({ page }) => {
  await signInAs(page, CABINET_OFFICE);
  await page.goto("/organisations");
  await expect(page.getByRole("heading", { level: 1, name: "Organisations" })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("link", { name: "Ministry of Defence", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: /Ministry of Defence/ })).toBeVisible();
  const sites = page.getByRole("table", { name: /^Sites of Ministry of Defence/ });
  await expect(sites.locator("tbody tr")).toHaveCount(50);
  await page.getByRole("navigation", { name: "Sites pages" }).getByRole("link", { name: "Page 2" }).click();
  await expect(page).toHaveURL(/page=2/);
  await expect(page.getByText(/Showing sites 51 to/)).toBeVisible();
  await page.getByLabel("Status", { exact: true }).selectOption("GREEN");
  await page.getByRole("button", { name: "Apply filter" }).click();
  await expect(page).toHaveURL(/status=GREEN/);
  const statuses = await page.getByRole("table", { name: /^Sites of Ministry of Defence/ }).locator("tbody tr td:nth-child(4)").allInnerTexts();
  expect(statuses.length).toBeGreaterThan(0);
  expect(statuses.every((s) => s.trim() === "Green: compliant")).toBe(true);
});

test("the minister's office sees the same aggregates without links to organisations or sites", async ({ page }) => {
  await signInAs(page, CABINET_OFFICE);
  await page.goto("/dashboard");
  const coFigures = await headlineFigures(page);
  const coRows = await organisationsTable(page).locator("tbody tr").allInnerTexts();
  const mojHref = await organisationsTable(page).getByRole("link", { name: "Ministry of Justice", exact: true }).getAttribute("href");
  expect(mojHref).toMatch(/^\/organisations\/\d+$/);
  await page.goto(mojHref!);
  const siteHref = await page.getByRole("table", { name: /^Sites of Ministry of Justice/ }).getByRole("link").first().getAttribute("href");
  expect(siteHref).toMatch(/^\/sites\/\d+$/);
  await signOut(page);

  await signInAs(page, MINISTER);
  await page.goto("/dashboard");
  await expect(page.getByRole("heading", { level: 1, name: /Cross-government compliance/ })).toBeVisible();
  expect(await headlineFigures(page)).toEqual(coFigures);
  const table = organisationsTable(page);
  expect(await table.locator("tbody tr").allInnerTexts()).toEqual(coRows);
  await expect(table.getByRole("link", { name: "Ministry of Justice", exact: true })).toHaveCount(0);
  await expect(table.locator("tbody a")).toHaveCount(0);
  await expectNoAxeViolations(page);

  const organisation = await page.goto(mojHref!);
  expect([403, 404]).toContain(organisation?.status());
  await expect(page.getByRole("heading", { level: 1, name: /Ministry of Justice/ })).toHaveCount(0);
  const site = await page.goto(siteHref!);
  expect([403, 404]).toContain(site?.status());
  const list = await page.goto("/organisations");
  expect([403, 404]).toContain(list?.status());
});
