import { defaultSeedOptions, generateSeedData } from "@/lib/seed/generate";
import { expect, expectNoAxeViolations, giveCodeIfAsked, signInAs, test } from "./fixtures";

// Issue 13: history and audit in plain English, where each role lands after signing in, and the
// administrators' friction (adding a producer with a public source, confirming a prefix's removal,
// a taken email address reported with the other problems).

const ADMIN = "admin@register.example.gov.uk";
const EDITOR = "editor@ho.example.gov.uk";
const RUN = Date.now().toString(36).toUpperCase();
const LONG_DATE_TIME = /^\d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December) \d{4} at \d{1,2}:\d{2}(am|pm)$/;

// A Home Office device no other spec changes: in service, not on the core network, at a site
// near the end of the organisation's list (the other specs use the first ones).
const data = generateSeedData(defaultSeedOptions());
const HO = data.organisations.find((o) => o.acronym === "HO")!.id;
const hoSites = data.sites.filter((s) => s.organisationId === HO);
const device = (() => {
  const siteIds = new Set(hoSites.slice(-6, -2).map((s) => s.id));
  for (const d of data.devices()) {
    if (siteIds.has(d.siteId) && d.lifecycle === "IN_SERVICE" && d.network !== "CORE" && d.model) return d;
  }
  throw new Error("no suitable Home Office device");
})();
const deviceSite = hoSites.find((s) => s.id === device.siteId)!;

test.describe("after signing in, each role lands where its work is", () => {
  for (const [email, path, heading] of [
    [EDITOR, "/sites", "Sites"],
    ["viewer@ho.example.gov.uk", "/sites", "Sites"],
    ["analyst@cabinetoffice.example.gov.uk", "/dashboard", /dashboard|compliance/i],
    ["private.office@minister.example.gov.uk", "/dashboard", /dashboard|compliance/i],
    [ADMIN, "/admin", "Administration"],
  ] as const) {
    test(`${email} lands on ${path}, and “/” takes them there too`, async ({ page, baseURL }) => {
      await signInAs(page, email);
      await expect(page).toHaveURL(`${baseURL}${path}`);
      await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
      await expectNoAxeViolations(page);
      await page.goto("/");
      await expect(page).toHaveURL(`${baseURL}${path}`);
    });
  }

  test("an explicit callback on the service still wins over the landing page", async ({ page, baseURL }) => {
    await page.goto(`/login?callbackUrl=${encodeURIComponent("/admin/users?tab=1")}`);
    await page.getByLabel("Email address").fill(ADMIN);
    await page.getByLabel("Password").fill("Demo-password-2026");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
    await giveCodeIfAsked(page, ADMIN);
    await expect(page).toHaveURL(`${baseURL}/admin/users?tab=1`);
  });

  test("signed out, “/” is still the start page", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1, name: "Estate Camera Register" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Sign in" }).or(page.getByRole("link", { name: "Sign in" }))).toBeVisible();
  });
});

test("a device's history reads in plain English, as MOJ's timeline, and so does the audit trail", async ({ page }) => {
  await signInAs(page, EDITOR);
  await page.goto(`/devices/${device.id}/edit`);
  const network = device.network === "SEGREGATED" ? "Standalone (not networked)" : "Segregated network";
  const networkBefore = { SEGREGATED: "Segregated network", STANDALONE: "Standalone (not networked)", UNKNOWN: "Not known", CORE: "" }[device.network];
  await page.getByRole("radio", { name: network }).check();
  await page.getByLabel("Notes (optional)").fill(`Checked on site, run ${RUN}`);
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page).toHaveURL(new RegExp(`/devices/${device.id}(\\?|$)`));

  const timeline = page.locator(".moj-timeline");
  await expect(timeline).toBeVisible();
  const latest = timeline.locator(".moj-timeline__item").first();
  await expect(latest.getByRole("heading", { level: 3 })).toHaveText("Device details changed");
  await expect(latest.locator(".moj-timeline__byline")).toHaveText(`by ${EDITOR}`);
  await expect(latest.locator(".moj-timeline__date time")).toHaveText(LONG_DATE_TIME);
  const description = latest.locator(".moj-timeline__description");
  await expect(description).toContainText("Changed the network and notes.");
  const networkRow = description.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "Network" }) });
  await expect(networkRow).toContainText(networkBefore);
  await expect(networkRow).toContainText(network);
  await expect(description.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "Notes" }) })).toContainText(`Checked on site, run ${RUN}`);
  // No code: no field keys, action names or ISO dates.
  const text = (await timeline.textContent()) ?? "";
  expect(text).not.toMatch(/device\.updated|vendorCloud|installedOn|\b\d{4}-\d{2}-\d{2}\b/);
  await expectNoAxeViolations(page);

  await page.goto("/audit?entityType=device");
  await expect(page.getByRole("heading", { level: 1, name: "Audit trail" })).toBeVisible();
  await expect(page.getByLabel("Type of record").locator("option", { hasText: "Device" })).toHaveCount(1);
  await expect(page.getByLabel("Action").locator("option", { hasText: "Device details changed" })).toHaveCount(1);
  const row = page.getByRole("row").filter({ hasText: `Checked on site, run ${RUN}` }).first();
  await expect(row.getByRole("link", { name: `${device.brand} ${device.model} at ${deviceSite.name}` })).toHaveAttribute("href", `/devices/${device.id}`);
  await expect(row).toContainText("Device details changed");
  const main = (await page.getByRole("main").textContent()) ?? "";
  expect(main).not.toMatch(/device\.updated|vendorCloud|camera-system \d+|\b1 sites\b/);
  await expectNoAxeViolations(page);
});

test("an administrator adds a producer with its public source, told every problem first", async ({ page }) => {
  test.setTimeout(300_000);
  await signInAs(page, ADMIN);
  await page.goto("/admin/register");
  // Seeded sources cite public documents, linked, not internal files.
  const hikvision = page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "Hikvision", exact: true }) });
  await expect(hikvision.getByRole("link", { name: /the Covered List/ })).toHaveAttribute("href", "https://www.fcc.gov/supplychain/coveredlist");
  expect((await page.getByRole("main").textContent()) ?? "").not.toContain("DOMAIN.md");

  await page.getByRole("button", { name: "Add a producer" }).or(page.getByRole("link", { name: "Add a producer" })).click();
  await expect(page.getByRole("heading", { level: 1, name: "Add a producer" })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Add producer and re-evaluate" }).click();
  const summary = page.getByRole("alert").filter({ hasText: "There is a problem" });
  for (const message of [
    "Enter the producer’s name",
    "Select whether the producer is subject to the National Intelligence Law",
    "Select how confident the register is",
    "Enter the title of the public document this entry rests on",
    /Enter the web address of the source/,
  ]) {
    await expect(summary.getByRole("link", { name: message })).toBeVisible();
  }
  await expect(page).toHaveTitle(/^Error: /);
  await expectNoAxeViolations(page);

  const name = `Testvision ${RUN}`;
  await page.getByLabel("Producer name").fill(name);
  await page.getByRole("radio", { name: "Yes, covered" }).check();
  await page.getByRole("radio", { name: "Medium" }).check();
  await page.getByLabel("Source", { exact: true }).fill("Written Ministerial Statement HCWS386, Security of Government Sites");
  await page.getByLabel("Web address of the source").fill("javascript:alert(1)");
  await page.getByRole("button", { name: "Add producer and re-evaluate" }).click();
  await expect(summary.getByRole("link", { name: /Enter a web address starting with https:\/\// })).toBeVisible();
  await expect(page.getByLabel("Producer name")).toHaveValue(name);

  await page.getByLabel("Web address of the source").fill("https://questions-statements.parliament.uk/written-statements/detail/2022-11-24/hcws386");
  await page.getByRole("button", { name: "Add producer and re-evaluate" }).click();
  await expect(page.getByText(`Producer register: ${name} added`)).toBeVisible();
  await expect(page.getByText("Re-evaluation complete")).toBeVisible({ timeout: 240_000 });
  // The heading says it has finished, above the panel that says so.
  await expect(page.getByRole("heading", { level: 1, name: "Compliance re-evaluated" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: "Re-evaluating compliance" })).toHaveCount(0);
  await expectNoAxeViolations(page);

  await page.getByRole("link", { name: "Continue" }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(page.getByRole("link", { name: "Written Ministerial Statement HCWS386, Security of Government Sites" })).toHaveAttribute(
    "href",
    "https://questions-statements.parliament.uk/written-statements/detail/2022-11-24/hcws386",
  );
  await expectNoAxeViolations(page);

  // The same name again, spelled otherwise, is refused against the name.
  await page.goto("/admin/register/producers/new");
  await page.getByLabel("Producer name").fill(name.toUpperCase().replace(" ", "-"));
  await page.getByRole("radio", { name: "No, not covered" }).check();
  await page.getByRole("radio", { name: "Low" }).check();
  await page.getByLabel("Source", { exact: true }).fill("A regulator’s list");
  await page.getByLabel("Web address of the source").fill("www.gov.uk/guidance");
  await page.getByRole("button", { name: "Add producer and re-evaluate" }).click();
  await expect(summary.getByRole("link", { name: new RegExp(`reads the same as the producer ${name}`) })).toBeVisible();

  await page.goto("/audit?entityType=producer");
  const added = page.getByRole("row").filter({ hasText: "Producer added" }).filter({ hasText: name }).first();
  await expect(added).toContainText(`Added ${name} to the producer register.`);
  await expect(added.getByRole("link", { name })).toBeVisible();
});

test("removing a model prefix asks first, on a page that works without JavaScript", async ({ browser, baseURL }) => {
  // Two re-evaluations of the demo estate: adding the prefix, then removing it.
  test.setTimeout(600_000);
  const withJs = await browser.newContext({ baseURL });
  const admin = await withJs.newPage();
  await signInAs(admin, ADMIN);
  const prefix = `QZ-${RUN}`;
  await admin.goto("/admin/register");
  await admin.getByRole("row").filter({ has: admin.getByRole("rowheader", { name: "Vivotek", exact: true }) }).getByRole("rowheader").getByRole("link").click();
  const producerUrl = admin.url();
  await admin.getByRole("button", { name: "Add a model prefix" }).or(admin.getByRole("link", { name: "Add a model prefix" })).click();
  await admin.getByLabel("Model prefix").fill(prefix);
  await admin.getByRole("button", { name: "Add prefix and re-evaluate" }).click();
  await expect(admin.getByText("Re-evaluation complete")).toBeVisible({ timeout: 240_000 });

  // The session's cookie, in a browser with JavaScript turned off.
  const cookies = await withJs.cookies();
  const noJs = await browser.newContext({ baseURL, javaScriptEnabled: false });
  await noJs.addCookies(cookies);
  const plain = await noJs.newPage();
  await plain.goto(producerUrl);
  const row = plain.getByRole("table", { name: "Model prefixes" }).getByRole("row").filter({ has: plain.getByRole("rowheader", { name: prefix, exact: true }) });
  await row.getByRole("link", { name: `Remove the model prefix ${prefix}` }).click();
  await expect(plain.getByRole("heading", { level: 1, name: `Are you sure you want to remove the model prefix ${prefix}?` })).toBeVisible();
  // axe runs in the page, so the same page is checked where JavaScript runs.
  await admin.goto(plain.url());
  await expectNoAxeViolations(admin);

  // "No" keeps it.
  await plain.getByRole("link", { name: "No, keep it" }).click();
  await expect(plain).toHaveURL(producerUrl);
  await expect(row).toBeVisible();

  await row.getByRole("link", { name: `Remove the model prefix ${prefix}` }).click();
  await plain.getByRole("button", { name: "Yes, remove it and re-evaluate" }).click();
  await expect(plain).toHaveURL(/\/admin\/jobs\/[0-9a-f-]+/);
  await expect(plain.getByText(`model prefix ${prefix} removed`)).toBeVisible();
  await admin.goto(plain.url());
  await expect(admin.getByText("Re-evaluation complete")).toBeVisible({ timeout: 240_000 });
  await admin.goto(producerUrl);
  await expect(admin.getByRole("table", { name: "Model prefixes" })).not.toContainText(prefix);
  await admin.goto("/audit?entityType=model-prefix");
  await expect(admin.getByRole("row").filter({ hasText: `Removed the model prefix ${prefix} from Vivotek.` })).toHaveCount(1);
  await noJs.close();
  await withJs.close();
});

test("a taken email address is reported together with the form's other problems", async ({ page }) => {
  await signInAs(page, ADMIN);
  await page.goto("/admin/users/new");
  await page.getByLabel("Email address").fill(EDITOR.toUpperCase());
  await page.getByRole("button", { name: "Create account" }).click();
  const summary = page.getByRole("alert").filter({ hasText: "There is a problem" });
  await expect(summary.getByRole("link", { name: "Enter the person’s full name" })).toBeVisible();
  await expect(summary.getByRole("link", { name: "An account with this email address already exists" })).toBeVisible();
  await expect(summary.getByRole("link", { name: "Select a role" })).toBeVisible();
  await expect(summary.getByRole("link", { name: "Enter a password" })).toBeVisible();
  // In the order of the fields: the name first, then the address.
  const links = await summary.getByRole("link").allTextContents();
  expect(links.indexOf("An account with this email address already exists")).toBeGreaterThan(links.indexOf("Enter the person’s full name"));
  await expect(page.getByLabel("Email address")).toHaveValue(EDITOR.toUpperCase());
  await expectNoAxeViolations(page);
});

test("the administrators' audit trail check says what the newest event records, in words", async ({ page }) => {
  await signInAs(page, ADMIN);
  await page.goto("/admin/audit-trail");
  const newest = page.locator(".govuk-summary-list__row").filter({ hasText: "What the newest event records" });
  await expect(newest.locator("dd")).toContainText(/By [^ ]+@[^ ]+, \d{1,2} [A-Z][a-z]+ \d{4} at \d{1,2}:\d{2}(am|pm)\./);
  expect((await newest.textContent()) ?? "").not.toMatch(/\d{4}-\d{2}-\d{2}/);
  await expectNoAxeViolations(page);
});
