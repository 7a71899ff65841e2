import type { Browser, BrowserContext, Locator, Page } from "@playwright/test";
import { query } from "./database";
import { expect, expectNoAxeViolations, signInAs, test } from "./fixtures";

// The editors' tables: a site's page with what needs action first, counts that lead to the
// filtered list, one status tag a row and a page that stays short; the sites list filtered with
// MOJ's filter (without JavaScript too) and sorted by MOJ's sortable headers on the server; and
// moving a device by searching for its new site, without JavaScript and with the autocomplete.

const EDITOR = "editor@ho.example.gov.uk";

/** The Home Office site with 41 devices that has the most in breach (the example). */
async function fortyOneDeviceSite(): Promise<{ id: number; name: string; breach: number }> {
  const [row] = await query<{ id: number; name: string; breach: number }>(
    `SELECT s.id, s.name, count(*) FILTER (WHERE dc.status = 'BREACH')::int AS breach
     FROM sites s JOIN organisations o ON o.id = s.organisation_id JOIN devices d ON d.site_id = s.id
     LEFT JOIN device_compliance dc ON dc.device_id = d.id
     WHERE o.acronym = 'HO' AND s.archived_at IS NULL
     GROUP BY s.id HAVING count(*) = 41 ORDER BY 3 DESC, s.id LIMIT 1`,
  );
  if (!row || row.breach === 0) throw new Error("the demo data has no Home Office site of 41 devices with one in breach");
  return row;
}

/**
 * An in-service Home Office device, and two other sites to move it to, from the end of the Home
 * Office's list: the other specs change sites from its start (action-replay, authorisation).
 */
async function deviceToMove(skip: number): Promise<{ deviceId: number; from: string; to: { code: string; name: string } }> {
  const [device] = await query<{ id: number; code: string }>(
    `SELECT d.id, s.site_code AS code FROM devices d JOIN sites s ON s.id = d.site_id JOIN organisations o ON o.id = s.organisation_id
     WHERE o.acronym = 'HO' AND s.archived_at IS NULL AND d.lifecycle = 'IN_SERVICE' AND d.installed_on < '2020-01-01'
     ORDER BY s.id DESC, d.id OFFSET $1 LIMIT 1`,
    [skip * 50],
  );
  const [to] = await query<{ code: string; name: string }>(
    `SELECT s.site_code AS code, s.name FROM sites s JOIN organisations o ON o.id = s.organisation_id
     WHERE o.acronym = 'HO' AND s.archived_at IS NULL AND s.site_code <> $1
       -- A site of the demo data: other specs add hundreds of sites sharing one name (E2E-…).
       AND s.site_code NOT LIKE 'E2E-%'
     ORDER BY s.id DESC OFFSET $2 LIMIT 1`,
    [device!.code, 3 + skip],
  );
  return { deviceId: device!.id, from: device!.code, to: to! };
}

async function withoutJavaScript(browser: Browser, signedIn: BrowserContext): Promise<Page> {
  const context = await browser.newContext({ javaScriptEnabled: false, storageState: await signedIn.storageState(), baseURL: test.info().project.use.baseURL });
  return context.newPage();
}

/**
 * The page as a browser without JavaScript gets it, for axe (which needs script in the page): the
 * app's scripts answered empty, so nothing hydrates or enhances it.
 */
async function asWithoutJavaScript(page: Page, url: string): Promise<Page> {
  await page.route(/\/_next\/static\/.*\.js/, (route) => route.fulfill({ status: 200, contentType: "application/javascript", body: "" }));
  await page.goto(url);
  await page.unrouteAll();
  return page;
}

const siteRow = (page: Page) => page.locator(".govuk-summary-list__row").filter({ has: page.locator(".govuk-summary-list__key", { hasText: /^Site$/ }) });

const deviceRows = (page: Page) => page.getByRole("table", { name: /^Devices/ }).locator("tbody tr");

/** Every row of a paginated device list, following "Next" to the end. */
async function everyDeviceRow(page: Page): Promise<number> {
  let rows = 0;
  for (;;) {
    rows += await deviceRows(page).count();
    const next = page.getByRole("navigation", { name: "Pages of devices" }).getByRole("link", { name: /Next/ });
    if ((await next.count()) === 0) return rows;
    await page.goto((await next.getAttribute("href"))!);
  }
}

const cellTexts = async (rows: Locator, column: number) => (await rows.locator(`:is(th, td):nth-child(${column})`).allInnerTexts()).map((t) => t.trim());

test("a 41-device site's page lists what needs action first, one status tag a row, and stays short", async ({ page }) => {
  const site = await fortyOneDeviceSite();
  await signInAs(page, EDITOR);
  await page.goto(`/sites/${site.id}`);
  await expect(page.getByRole("heading", { level: 1, name: site.name })).toBeVisible();

  // Before the change: 9,533 px at this width, every device with every finding's full text.
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  test.info().annotations.push({ type: "page height", description: `${height} px` });
  expect(height).toBeLessThan(3_000);

  const statuses = await cellTexts(deviceRows(page), 4);
  expect(statuses.slice(0, site.breach)).toEqual(Array(site.breach).fill("Breach"));
  expect(statuses.slice(site.breach)).not.toContain("Breach");
  // One "Breach" tag in a breach row, though its findings include the breach.
  const breachRow = deviceRows(page).first();
  await expect(breachRow.locator(".govuk-tag")).toHaveCount(1);
  await expect(breachRow.locator(".govuk-tag", { hasText: "Breach" })).toHaveCount(1);
  await expect(breachRow.getByRole("cell").last()).not.toBeEmpty();
  await expectNoAxeViolations(page);
});

test("each count at the top of a site's page leads to the list of that many devices", async ({ page }) => {
  const site = await fortyOneDeviceSite();
  await signInAs(page, EDITOR);
  await page.goto(`/sites/${site.id}`);
  const counts = page.getByRole("list", { name: "Devices by status" });
  const links = await counts.getByRole("link").all();
  const wanted: [string, number][] = [];
  for (const link of links) {
    const text = (await link.innerText()).trim();
    wanted.push([text, Number(text.split(" ")[0])]);
  }
  expect(wanted.map(([text]) => text)).toContain(`${site.breach} in breach`);
  expect(wanted[0]).toEqual(["41 devices", 41]);

  for (const [text, n] of wanted) {
    await page.goto(`/sites/${site.id}`);
    await counts.getByRole("link", { name: text, exact: true }).click();
    if (text !== "41 devices") await expect(page).toHaveURL(/[?&]status=[A-Z_]+#devices$/);
    expect(await everyDeviceRow(page), text).toBe(n);
  }
  await page.goto(`/sites/${site.id}?status=BREACH#devices`);
  await expect(page.getByText(`Showing 1 to ${site.breach} of ${site.breach} ${site.breach === 1 ? "device" : "devices"} with the status Breach.`)).toBeVisible();
  await expect(page.getByLabel("Status", { exact: true })).toHaveValue("BREACH");
  await expectNoAxeViolations(page);
});

test("the status filter on a site's page works without JavaScript", async ({ page, browser }) => {
  const site = await fortyOneDeviceSite();
  await signInAs(page, EDITOR);
  const plain = await withoutJavaScript(browser, page.context());
  await plain.goto(`/sites/${site.id}`);
  await plain.getByLabel("Status", { exact: true }).selectOption("BREACH");
  await plain.getByRole("button", { name: "Apply filter" }).click();
  await expect(plain).toHaveURL(new RegExp(`/sites/${site.id}\\?status=BREACH#devices$`));
  expect(await cellTexts(deviceRows(plain), 4)).toEqual(Array(site.breach).fill("Breach"));
  await plain.getByRole("link", { name: "Show all devices" }).click();
  await expect(deviceRows(plain)).toHaveCount(10);
  await plain.context().close();
});

test("the sites list is filtered with MOJ's filter without JavaScript, and each filter can be removed", async ({ page, browser }) => {
  await signInAs(page, EDITOR);
  const plain = await withoutJavaScript(browser, page.context());
  await plain.goto("/sites");
  const filter = plain.getByRole("form", { name: "Filter sites" });
  await filter.getByRole("radio", { name: "Sensitive", exact: true }).check();
  await filter.getByRole("radio", { name: "Red: breach" }).check();
  // A primary button, not the grey one on a grey panel.
  const apply = filter.getByRole("button", { name: "Apply filters" });
  await expect(apply).not.toHaveClass(/govuk-button--secondary/);
  await apply.click();
  await expect(plain).toHaveURL(/sensitivity=SENSITIVE/);
  await expect(plain).toHaveURL(/status=RED/);
  const rows = plain.getByRole("table", { name: /^Sites/ }).locator("tbody tr");
  expect(await rows.count()).toBeGreaterThan(0);
  expect(new Set(await cellTexts(rows, 3))).toEqual(new Set(["Sensitive"]));
  expect(new Set(await cellTexts(rows, 4))).toEqual(new Set(["Red: breach"]));

  // The selected filters, each with a link that removes it alone.
  const selected = plain.locator(".moj-filter__selected");
  await expect(selected.getByRole("heading", { name: "Selected filters" })).toBeVisible();
  await selected.getByRole("link", { name: "Remove this filter Red: breach" }).click();
  await expect(plain).toHaveURL(/sensitivity=SENSITIVE/);
  await expect(plain).not.toHaveURL(/status=RED/);
  await expect(filter.getByRole("radio", { name: "Any status" })).toBeChecked();
  await plain.locator(".moj-filter__selected").getByRole("link", { name: "Clear filters" }).click();
  await expect(plain).toHaveURL(/\/sites$/);
  await plain.context().close();

  // Codes and names are laid out apart: the address under the name, codes on one line.
  await page.goto("/sites?sensitivity=SENSITIVE&status=RED");
  const first = page.getByRole("table", { name: /^Sites/ }).locator("tbody tr").first();
  const name = first.getByRole("rowheader").getByRole("link");
  const address = first.getByRole("rowheader").locator("span.govuk-\\!-display-block");
  expect((await address.boundingBox())!.y).toBeGreaterThan((await name.boundingBox())!.y + 10);
  await expect(first.getByRole("cell").first()).toHaveCSS("white-space", "nowrap");
  await expectNoAxeViolations(page);
});

test("sorting a column of the sites list asks the server, reverses on a second press, and says so with aria-sort", async ({ page }) => {
  await signInAs(page, EDITOR);
  // Fewer than a page, so the whole list can be compared.
  await page.goto("/sites?sensitivity=SENSITIVE");
  const table = page.getByRole("table", { name: /^Sites/ });
  const header = table.getByRole("columnheader", { name: /^Code/ });
  await expect(header).toHaveAttribute("aria-sort", "none");
  await expect(table.getByRole("columnheader", { name: /^Site/ }).first()).toHaveAttribute("aria-sort", "ascending");

  await header.getByRole("button").click();
  await expect(page).toHaveURL(/sort=code/);
  await expect(page).toHaveURL(/sensitivity=SENSITIVE/);
  await expect(header).toHaveAttribute("aria-sort", "ascending");
  const ascending = await cellTexts(table.locator("tbody tr"), 2);
  expect(ascending.length).toBeGreaterThan(1);
  expect(ascending[0]! < ascending.at(-1)!).toBe(true);

  await header.getByRole("button").click();
  await expect(page).toHaveURL(/dir=desc/);
  await expect(header).toHaveAttribute("aria-sort", "descending");
  expect(await cellTexts(table.locator("tbody tr"), 2)).toEqual([...ascending].reverse());
  // MOJ's own script is not let loose on a list the server sorted and paged.
  await expect(page.locator('[data-module="moj-sortable-table"]')).toHaveCount(0);
  await expectNoAxeViolations(page);
});

test("an editor moves a device by searching for the site, without JavaScript", async ({ page, browser }) => {
  const { deviceId, to } = await deviceToMove(0);
  await signInAs(page, EDITOR);
  const plain = await withoutJavaScript(browser, page.context());
  await plain.goto(`/devices/${deviceId}/move`);
  await expect(plain.getByRole("radio")).toHaveCount(20);
  await expect(plain.getByRole("navigation", { name: "Pages of sites" })).toBeVisible();
  await plain.getByLabel("Search for the site the device is moving to").fill(to.code.toLowerCase());
  await plain.getByRole("button", { name: "Search" }).click();
  await expect(plain).toHaveURL(new RegExp(`/devices/${deviceId}/move\\?q=`));
  await expect(plain.getByRole("radio")).toHaveCount(1);
  await expectNoAxeViolations(await asWithoutJavaScript(page, plain.url()));

  // A problem with the date keeps the search and the choice.
  await plain.getByRole("radio", { name: new RegExp(to.code) }).check();
  await plain.getByLabel("Month").fill("13");
  await plain.getByRole("button", { name: "Move device" }).click();
  await expect(plain.locator(".govuk-error-summary")).toContainText("must be a real date");
  await expect(plain.getByRole("radio", { name: new RegExp(to.code) })).toBeChecked();
  await plain.getByLabel("Month").fill("1");
  await plain.getByLabel("Year").fill("2025");
  await plain.getByRole("button", { name: "Move device" }).click();
  await expect(plain).toHaveURL(new RegExp(`/devices/${deviceId}\\?done=moved`));
  await expect(siteRow(plain)).toContainText(to.code);
  const [audit] = await query<{ action: string }>("SELECT action FROM audit_events WHERE entity_type = 'device' AND entity_id = $1 ORDER BY id DESC LIMIT 1", [String(deviceId)]);
  expect(audit?.action).toBe("device.moved");
  await plain.context().close();
});

test("an editor moves a device by choosing its new site from the autocomplete", async ({ page }) => {
  const { deviceId, to } = await deviceToMove(1);
  await signInAs(page, EDITOR);
  await page.goto(`/devices/${deviceId}/move`);
  const field = page.getByRole("combobox", { name: "Site the device is moving to" });
  await expect(field).toBeVisible();
  // The search box and the radios are what a browser without JavaScript gets.
  await expect(page.getByRole("radio")).toHaveCount(0);
  await expect(page.getByRole("search")).toHaveCount(0);

  // The whole name: many sites share a first word ("HO …"), more than the autocomplete lists.
  await field.fill(to.name);
  await expect(page.getByRole("option", { name: new RegExp(to.code) })).toBeVisible();
  await expectNoAxeViolations(page);
  await field.fill(to.code);
  await page.getByRole("option", { name: new RegExp(to.code) }).click();
  await expect(field).toHaveValue(new RegExp(to.code));
  await page.getByLabel("Day").fill("2");
  await page.getByLabel("Month").fill("1");
  await page.getByLabel("Year").fill("2025");
  await page.getByRole("button", { name: "Move device" }).click();
  await expect(page).toHaveURL(new RegExp(`/devices/${deviceId}\\?done=moved`));
  await expect(siteRow(page)).toContainText(to.code);
});

test("the autocomplete says what is wrong when no site is chosen, and the search answers only for the editor's devices", async ({ page, browser }) => {
  const { deviceId } = await deviceToMove(2);
  await signInAs(page, EDITOR);
  await page.goto(`/devices/${deviceId}/move`);
  const field = page.getByRole("combobox", { name: "Site the device is moving to" });
  await field.fill("no such site anywhere");
  await expect(page.locator(".autocomplete__option--no-results")).toHaveText("No sites match");
  await page.getByRole("button", { name: "Move device" }).click();
  const summary = page.locator(".govuk-error-summary");
  await expect(summary.getByRole("link", { name: "Select the site the device is moving to" })).toHaveAttribute("href", "#siteId");
  await expect(page.locator("#siteId")).toHaveAttribute("aria-describedby", /siteId-error/);
  await expectNoAxeViolations(page);

  // The search behind the autocomplete: the editor's own organisation only, and no one else's device.
  const mine = await page.request.get(`/devices/${deviceId}/move/sites?q=HO-`);
  expect(mine.status()).toBe(200);
  const { sites } = (await mine.json()) as { sites: { label: string }[] };
  expect(sites.length).toBeGreaterThan(0);
  expect(sites.every((s) => s.label.endsWith(", HO)"))).toBe(true);

  const other = await browser.newContext({ baseURL: test.info().project.use.baseURL });
  const otherPage = await other.newPage();
  await signInAs(otherPage, "editor@moj.example.gov.uk");
  expect((await otherPage.request.get(`/devices/${deviceId}/move/sites?q=HO-`)).status()).toBe(404);
  await other.close();
  const viewer = await browser.newContext({ baseURL: test.info().project.use.baseURL });
  const viewerPage = await viewer.newPage();
  await signInAs(viewerPage, "viewer@ho.example.gov.uk");
  expect((await viewerPage.request.get(`/devices/${deviceId}/move/sites?q=HO-`)).status()).toBe(403);
  await viewer.close();
});
