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

/** Organisations on a page of the table (ORGANISATIONS_PER_PAGE). */
const PER_PAGE = 20;
const CONTINUED = "continued from the previous page";

/** The line above the table that says which organisations are shown. */
function shownLine(page: Page) {
  return page.locator("#organisations-shown");
}

const count = (text: string | undefined) => Number((text ?? "").replace(/,/g, ""));

/** The range the table shows, read from "Showing organisations 21 to 40 of 57" or "Showing 7 of 57 organisations". */
async function shownRange(page: Page): Promise<{ from: number; to: number; total: number }> {
  const text = await shownLine(page).innerText();
  const paged = /Showing organisations ([\d,]+) to ([\d,]+) of ([\d,]+)/.exec(text);
  if (paged) return { from: count(paged[1]), to: count(paged[2]), total: count(paged[3]) };
  const whole = /Showing ([\d,]+) of [\d,]+ organisations/.exec(text);
  const n = count(whole?.[1]);
  return { from: n === 0 ? 0 : 1, to: n, total: n };
}

function organisationsPages(page: Page) {
  return page.getByRole("navigation", { name: "Organisations pages" });
}

/** The organisation names in the table's rows, leaving out a department repeated from the previous page. */
async function organisationNames(page: Page): Promise<string[]> {
  const names = await organisationsTable(page).locator("tbody th").allInnerTexts();
  return names.filter((n) => !n.includes(CONTINUED));
}

/** Filters the table to one department and its agencies, which fit on one page. */
async function showDepartment(page: Page, option: string) {
  await page.getByLabel("Department", { exact: true }).selectOption({ label: option });
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/parent=\d+/);
  await expect(shownLine(page)).toContainText(/Showing \d+ of [\d,]+ organisations/);
}

test("the Cabinet Office sees the headline figures and the charts with their tables", async ({ page }) => {
  await signInAs(page, CABINET_OFFICE);
  await page.goto("/dashboard");
  await expect(page.getByRole("heading", { level: 1, name: /Cross-government compliance/ })).toBeVisible();
  await expect(page.locator("#figures-basis")).toHaveText(/^Figures: live, as of \d{1,2} \w+ \d{4}\. Computed at \d{1,2} \w+ \d{4} at \d{2}:\d{2}\.$/);
  await expect(page.getByRole("heading", { name: "Red: breach" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Sensitive sites", exact: true })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Covered devices still on controlled sites" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Breaches by rule" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "In-service devices fully recorded" })).toBeVisible();
  const figures = await headlineFigures(page);
  expect(Number(figures["Sensitive sites"]?.replace(/,/g, ""))).toBeGreaterThan(0);

  // Each chart has its figures as a table too.
  const burnDown = page.getByRole("region", { name: "Removal of covered equipment from controlled sites" });
  // Each chart's SVG is an image with words, not a picture alone.
  for (const name of ["Organisations by status", "Removal of covered equipment from controlled sites", "Covered equipment remaining, by department"]) {
    const svg = page.getByRole("region", { name }).locator('svg[role="img"]');
    await expect(svg).toHaveCount(1);
    await expect(svg).toHaveAttribute("aria-label", /\d/);
  }
  await expect(burnDown.locator('svg[role="img"]')).toHaveAttribute("aria-label", /removal deadline 30 April 2025/);
  await burnDown.getByText("Show the figures as a table").click();
  const burnDownTable = burnDown.getByRole("table", { name: "Covered devices on controlled sites, by date" });
  await expect(burnDownTable).toBeVisible();
  await expect(burnDown.getByRole("rowheader", { name: /30 April 2025/ })).toBeVisible();

  // The value axis stops at the first round step above the largest figure charted.
  const charted = (await burnDownTable.locator("tbody td").allInnerTexts()).map(count);
  const tickValues = burnDown.locator(".recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-value");
  await expect(tickValues.first()).toBeVisible();
  const ticks = (await tickValues.allTextContents()).map(count);
  const step = ticks[1]! - ticks[0]!;
  expect(ticks[0]).toBe(0);
  expect(ticks.every((t, i) => t === i * step)).toBe(true);
  expect(ticks.at(-1)!).toBeGreaterThanOrEqual(Math.max(...charted));
  expect(ticks.at(-1)! - step).toBeLessThan(Math.max(...charted));
  // Lines are told apart by marker shapes and named at their ends, not by colour alone.
  const lastRow = await burnDownTable.locator("tbody tr").first().locator("td").allInnerTexts();
  await expect(burnDown.locator("svg").getByText(`Remaining: ${lastRow[0]}`, { exact: true })).toBeVisible();
  await expect(burnDown.locator("svg").getByText(`Removed: ${lastRow[1]}`, { exact: true })).toBeVisible();
  expect(await burnDown.locator('svg[role="img"] .recharts-line-dots .recharts-symbols').count()).toBeGreaterThan(4);
  const trend = page.getByRole("region", { name: "Covered equipment remaining, by department" });
  const legendShapes = await trend.locator(".recharts-legend-item path.recharts-symbols").evaluateAll((paths) => paths.map((p) => p.getAttribute("d")));
  expect(legendShapes.length).toBeGreaterThan(1);
  expect(new Set(legendShapes).size).toBe(legendShapes.length);
  await expectNoAxeViolations(page);
});

test("the Cabinet Office pages through the organisations table, 20 to a page", async ({ page }) => {
  await signInAs(page, CABINET_OFFICE);
  await page.goto("/dashboard");
  await expect(shownLine(page)).toContainText(new RegExp(`Showing organisations 1 to ${PER_PAGE} of [\\d,]+\\.`));
  const { total } = await shownRange(page);
  expect(total).toBeGreaterThan(PER_PAGE);
  const pages = Math.ceil(total / PER_PAGE);
  const totalText = total.toLocaleString("en-GB");
  await expect(page.getByRole("table", { name: new RegExp(`^Organisations as of .+, page 1 of ${pages}\\b`) })).toBeVisible();
  await expect(organisationsTable(page).locator("tbody tr")).toHaveCount(PER_PAGE);
  const firstPage = await organisationNames(page);
  expect(firstPage).toHaveLength(PER_PAGE);

  const nav = organisationsPages(page);
  await expect(nav.getByRole("link", { name: "Page 1", exact: true })).toHaveAttribute("aria-current", "page");
  await expect(nav.getByRole("link", { name: "Previous page", exact: true })).toHaveCount(0);
  await nav.getByRole("link", { name: "Next page", exact: true }).click();

  await expect(page).toHaveURL(/\/dashboard\?page=2(#organisations)?$/);
  const to = Math.min(2 * PER_PAGE, total);
  await expect(shownLine(page)).toContainText(`Showing organisations ${PER_PAGE + 1} to ${to.toLocaleString("en-GB")} of ${totalText}.`);
  await expect(page.getByRole("table", { name: new RegExp(`^Organisations as of .+, page 2 of ${pages}\\b`) })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Page 2", exact: true })).toHaveAttribute("aria-current", "page");
  await expect(nav.getByRole("link", { name: "Previous page", exact: true })).toHaveAttribute("href", "/dashboard#organisations");
  const secondPage = await organisationNames(page);
  expect(secondPage).toHaveLength(to - PER_PAGE);
  expect(secondPage.filter((n) => firstPage.includes(n))).toEqual([]);

  // A page that opens among a department's agencies repeats the department first, and only then.
  const rows = await organisationsTable(page).locator("tbody th").allInnerTexts();
  const continued = rows.filter((n) => n.includes(CONTINUED));
  expect(continued.length).toBeLessThanOrEqual(1);
  if (continued.length === 1) {
    expect(rows[0]).toContain(CONTINUED);
    expect(rows[1]).toMatch(/part of /);
  }

  // Agencies sit beneath their department, across the pages.
  const names = [...firstPage, ...secondPage];
  const moj = names.findIndex((n) => n.startsWith("Ministry of Justice"));
  expect(moj).toBeGreaterThanOrEqual(0);
  expect(names[moj + 1]).toMatch(/part of Ministry of Justice|\(HMCTS\)|\(HMPPS\)/);

  // The download is every organisation, not the page on screen.
  const csvHref = await page.getByRole("link", { name: "Download this table as CSV" }).getAttribute("href");
  expect(csvHref).not.toContain("page=");
  const csv = await page.request.get(csvHref!);
  expect(csv.status()).toBe(200);
  const lines = (await csv.text()).replace(/^\uFEFF/, "").trim().split("\r\n");
  expect(lines.length - 2).toBe(total);
  await expectNoAxeViolations(page);

  // A new sort starts again at the first page.
  await organisationsTable(page).getByRole("button", { name: "Covered devices remaining" }).click();
  await expect(page).toHaveURL(/sort=coveredRemaining/);
  expect(page.url()).not.toContain("page=");
  await expect(shownLine(page)).toContainText(`Showing organisations 1 to ${PER_PAGE} of ${totalText}.`);
  await expect(page.getByRole("table", { name: new RegExp(`, page 1 of ${pages}\\b`) })).toBeVisible();
});

test("the Cabinet Office sorts, filters and exports the organisations table", async ({ page }) => {
  await signInAs(page, CABINET_OFFICE);
  await page.goto("/dashboard");
  const red = count(await page.locator(".app-key-figure", { has: page.getByRole("heading", { name: "Red: breach" }) }).locator(".app-key-figure__value").innerText());

  // Sort by covered devices remaining, largest first, across the pages.
  await organisationsTable(page).getByRole("button", { name: "Covered devices remaining" }).click();
  await expect(page).toHaveURL(/sort=coveredRemaining/);
  const sorted = organisationsTable(page);
  await expect(sorted.getByRole("columnheader", { name: "Covered devices remaining" })).toHaveAttribute("aria-sort", "descending");
  await expect(sorted.getByRole("columnheader", { name: "Parent department" })).toBeVisible();
  const remainingOnPage = async () => (await organisationsTable(page).locator("tbody tr td:nth-child(10)").allInnerTexts()).map(count);
  const first = await remainingOnPage();
  expect(first).toHaveLength(PER_PAGE);
  expect(first).toEqual([...first].sort((a, b) => b - a));
  // A flat list never repeats a department.
  await expect(sorted.locator("tbody th", { hasText: CONTINUED })).toHaveCount(0);

  await organisationsPages(page).getByRole("link", { name: "Next page", exact: true }).click();
  await expect(page).toHaveURL(/sort=coveredRemaining&page=2/);
  await expect(shownLine(page)).toContainText(`Showing organisations ${PER_PAGE + 1} to`);
  const second = await remainingOnPage();
  expect(second.length).toBeGreaterThan(0);
  expect(second).toEqual([...second].sort((a, b) => b - a));
  expect(Math.max(...second)).toBeLessThanOrEqual(Math.min(...first));

  // Filter to red organisations from page 2: the filter and the sort are both in the URL, and the
  // filtered list starts at its first page.
  await page.getByLabel("Status", { exact: true }).selectOption("RED");
  // The filters' button is the page's primary action there, not grey on the grey panel.
  await expect(page.getByRole("button", { name: "Apply filters" })).not.toHaveClass(/govuk-button--secondary/);
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/status=RED/);
  await expect(page).toHaveURL(/sort=coveredRemaining/);
  expect(page.url()).not.toContain("page=");
  await expect(shownLine(page)).toContainText("(Red: breach)");
  const shown = await shownRange(page);
  expect(shown.total).toBe(red);
  expect(shown.from).toBe(red === 0 ? 0 : 1);
  const statuses = await organisationsTable(page).locator("tbody tr td:nth-child(3)").allInnerTexts();
  expect(statuses.length).toBe(Math.min(red, PER_PAGE));
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
  await showDepartment(page, "Ministry of Justice (MoJ)");
  await organisationsTable(page).getByRole("link", { name: "Ministry of Justice", exact: true }).click();
  await expect(page).toHaveURL(/\/organisations\/\d+$/);
  await expect(page.getByRole("heading", { level: 1, name: /Ministry of Justice \(MoJ\)/ })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Findings by rule" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Agencies", exact: true })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Ministry of Justice with its agencies" })).toBeVisible();
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
  // Fifty organisations a page, the rest on the next.
  await expect(page.locator("#organisations-shown")).toContainText(/^Showing organisations 1 to 50 of \d+\.$/);
  const pages = page.getByRole("navigation", { name: "Organisations pages" });
  await pages.getByRole("link", { name: "Next page", exact: true }).click();
  await expect(page).toHaveURL(/\/organisations\?page=2$/);
  await expect(page.locator("#organisations-shown")).toContainText(/^Showing organisations 51 to \d+ of \d+\.$/);
  await expect(page.getByRole("table", { name: /, page 2 of 2$/ })).toBeVisible();
  await page.getByRole("navigation", { name: "Organisations pages" }).getByRole("link", { name: "Previous page", exact: true }).click();
  await expect(page).toHaveURL(/\/organisations$/);
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
  // The address changes before the new page has arrived: wait for the filtered table itself.
  await expect(page.getByRole("table", { name: /^Sites of Ministry of Defence with status Green: compliant$/ })).toBeVisible();
  const statuses = await page.getByRole("table", { name: /^Sites of Ministry of Defence/ }).locator("tbody tr td:nth-child(4)").allInnerTexts();
  expect(statuses.length).toBeGreaterThan(0);
  expect(statuses.every((s) => s.trim() === "Green: compliant")).toBe(true);
});

test("the minister's office sees the same aggregates without links to organisations or sites", async ({ page }) => {
  // Two roles through many pages: more than the default minute on a busy machine.
  test.setTimeout(120_000);
  await signInAs(page, CABINET_OFFICE);
  await page.goto("/dashboard");
  const coFigures = await headlineFigures(page);
  const coShown = await shownLine(page).innerText();
  const coPage1 = await organisationsTable(page).locator("tbody tr").allInnerTexts();
  await page.goto("/dashboard?page=2");
  const coPage2 = await organisationsTable(page).locator("tbody tr").allInnerTexts();
  expect(coPage2.length).toBeGreaterThan(0);
  await showDepartment(page, "Ministry of Justice (MoJ)");
  const coMoj = await organisationsTable(page).locator("tbody tr").allInnerTexts();
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
  await expect(shownLine(page)).toHaveText(coShown);
  const table = organisationsTable(page);
  expect(await table.locator("tbody tr").allInnerTexts()).toEqual(coPage1);
  await expect(table.locator("tbody a")).toHaveCount(0);
  await expectNoAxeViolations(page);
  await organisationsPages(page).getByRole("link", { name: "Next page", exact: true }).click();
  await expect(page).toHaveURL(/page=2/);
  await expect(shownLine(page)).toContainText(`Showing organisations ${PER_PAGE + 1} to`);
  expect(await organisationsTable(page).locator("tbody tr").allInnerTexts()).toEqual(coPage2);
  await expect(organisationsTable(page).locator("tbody a")).toHaveCount(0);
  await showDepartment(page, "Ministry of Justice (MoJ)");
  expect(await organisationsTable(page).locator("tbody tr").allInnerTexts()).toEqual(coMoj);
  await expect(organisationsTable(page).getByRole("link", { name: "Ministry of Justice", exact: true })).toHaveCount(0);
  await expect(organisationsTable(page).locator("tbody a")).toHaveCount(0);

  const organisation = await page.goto(mojHref!);
  expect([403, 404]).toContain(organisation?.status());
  await expect(page.getByRole("heading", { level: 1, name: /Ministry of Justice/ })).toHaveCount(0);
  const site = await page.goto(siteHref!);
  expect([403, 404]).toContain(site?.status());
  const list = await page.goto("/organisations");
  expect([403, 404]).toContain(list?.status());
});
