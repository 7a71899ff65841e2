import { randomUUID } from "node:crypto";
import { readdirSync } from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import type { Browser, BrowserContext, Page } from "@playwright/test";
import { query } from "./database";
import { DEMO_PASSWORD, expect, signInAs, test } from "./fixtures";

// Every page of the service, as every role that may open it (and signed out), through axe with
// the WCAG 2.2 AA rules plus the "region" rule (all content inside landmarks). Each visit also
// fails on a Content-Security-Policy violation or a console error, and a sample of pages is read
// again with JavaScript off. The list of pages is the app's own page files: a new page fails this
// spec until it is listed below.

const ROLES = {
  editor: "editor@ho.example.gov.uk",
  viewer: "viewer@ho.example.gov.uk",
  cabinetOffice: "analyst@cabinetoffice.example.gov.uk",
  minister: "private.office@minister.example.gov.uk",
  admin: "admin@register.example.gov.uk",
} as const;
type Role = keyof typeof ROLES;
type Who = Role | "signedOut" | "firstSignIn" | "secondFactor";

const SIGNED_IN: Role[] = ["editor", "viewer", "cabinetOffice", "minister", "admin"];
const READERS: Role[] = ["editor", "viewer", "cabinetOffice"];

// Route (as its folder under app/) → who may open it.
const ROUTES: Record<string, Who[]> = {
  "/": SIGNED_IN,
  "/accessibility": [...SIGNED_IN, "signedOut"],
  "/login": ["signedOut"],
  "/login/refused": ["signedOut"],
  "/login/code": ["secondFactor"],
  "/developers/api": [...SIGNED_IN, "signedOut"],
  "/account/password": SIGNED_IN,
  "/account/new-password": ["firstSignIn"],
  "/account/security": SIGNED_IN,
  // Notifications and email settings; the invitation link (any token answers a page: here an
  // unknown one) and the page after choosing a password. tests/e2e/invitations.spec.ts opens a real link.
  "/notifications": SIGNED_IN,
  "/account/notifications": SIGNED_IN,
  "/invitation/[token]": ["signedOut"],
  "/invitation/accepted": ["signedOut"],
  "/dashboard": ["cabinetOffice", "minister"],
  "/reports": ["editor", "viewer", "cabinetOffice", "minister"],
  "/audit": ["editor", "viewer", "cabinetOffice", "admin"],
  "/organisations": READERS,
  "/organisations/[id]": READERS,
  "/sites": READERS,
  "/sites/[id]": READERS,
  "/devices/[id]": READERS,
  "/sites/new": ["editor"],
  "/sites/[id]/edit": ["editor"],
  "/sites/[id]/archive": ["editor"],
  "/sites/[id]/devices/new": ["editor"],
  "/sites/[id]/systems/new": ["editor"],
  "/sites/[id]/systems/[systemId]/edit": ["editor"],
  "/sites/[id]/systems/[systemId]/remove": ["editor"],
  "/devices/[id]/edit": ["editor"],
  "/devices/[id]/move": ["editor"],
  "/devices/[id]/exemption": ["editor"],
  "/devices/[id]/exemption/revoke": ["editor"],
  "/devices/[id]/decommission": ["editor"],
  "/devices/[id]/removal": ["editor"],
  "/import": ["editor"],
  "/import/[batchId]": ["editor"],
  "/admin": ["admin"],
  "/admin/audit-trail": ["admin"],
  "/admin/jobs/[id]": ["admin"],
  "/admin/policy": ["admin"],
  "/admin/register": ["admin"],
  "/admin/register/producers/new": ["admin"],
  "/admin/register/producers/[id]": ["admin"],
  "/admin/register/brands/new": ["admin"],
  "/admin/register/brands/[id]": ["admin"],
  "/admin/register/model-prefixes/new": ["admin"],
  "/admin/register/model-prefixes/[id]/remove": ["admin"],
  "/admin/users": ["admin"],
  "/admin/users/new": ["admin"],
  "/admin/users/invite": ["admin"],
  "/admin/users/[id]": ["admin"],
  "/admin/users/[id]/deactivate": ["admin"],
  // API tokens and service accounts. The pages of one token or one service account are checked
  // with axe in api-tokens.spec.ts, which makes the records they show.
  "/account/api-tokens": SIGNED_IN,
  "/account/api-tokens/new": ["editor", "viewer", "cabinetOffice", "minister"],
  "/account/api-tokens/[id]/revoke": [],
  "/admin/service-accounts": ["admin"],
  "/admin/service-accounts/new": ["admin"],
  "/admin/service-accounts/[id]": [],
  "/admin/service-accounts/[id]/deactivate": [],
  "/admin/service-accounts/[id]/tokens/new": [],
  "/admin/service-accounts/[id]/tokens/[tokenId]/revoke": [],
  // Network discovery. The pages of one upload are checked with axe in discovery.spec.ts, which
  // uploads the scan and the camera list they show.
  "/discovery": READERS,
  "/discovery/new": ["editor"],
  "/discovery/[id]": [],
  "/discovery/[id]/add": [],
  "/discovery/[id]/columns": [],
  "/discovery/[id]/dismiss/[hostId]": [],
  // Returns. The pages of one round and of one department's return are checked with axe in
  // returns.spec.ts, which opens the round they show.
  "/returns": READERS,
  "/returns/new": ["cabinetOffice"],
  "/returns/[roundId]": [],
  "/returns/[roundId]/[organisationId]": [],
};

// Read again with JavaScript off: the pages people use most, and a form.
const WITHOUT_JAVASCRIPT: Partial<Record<Who, string[]>> = {
  signedOut: ["/login", "/accessibility"],
  editor: ["/sites", "/sites/[id]", "/devices/[id]/edit", "/import"],
  viewer: ["/sites/[id]", "/organisations/[id]"],
  cabinetOffice: ["/dashboard", "/organisations"],
  minister: ["/dashboard", "/reports"],
  admin: ["/admin", "/admin/users/[id]"],
  secondFactor: ["/login/code"],
};

const WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

/** Every page route of the app, from its page files. */
function appRoutes(): string[] {
  const appDir = path.resolve(import.meta.dirname, "../../app");
  return readdirSync(appDir, { recursive: true, encoding: "utf8" })
    .filter((file) => path.basename(file) === "page.tsx")
    .map((file) => `/${path.dirname(file).split(path.sep).join("/")}`.replace(/^\/\.$/, "/"))
    .sort();
}

interface Ids {
  org: number;
  site: number;
  system: number;
  device: number;
  exemptDevice?: number;
  batchId?: string;
  job: string;
  producer: number;
  brand: number;
  prefix: number;
  user: number;
}

async function one(sql: string, params: unknown[] = []): Promise<number> {
  const [row] = await query<{ id: number }>(sql, params);
  if (!row) throw new Error(`The demo data has nothing for: ${sql}`);
  return row.id;
}

/** Real records in the scope of the organisation given (its sites, systems and devices). */
async function idsFor(acronym: string): Promise<Omit<Ids, "job" | "producer" | "brand" | "prefix" | "user">> {
  const org = await one("SELECT id FROM organisations WHERE acronym = $1", [acronym]);
  const site = await one(
    `SELECT s.id FROM sites s WHERE s.organisation_id = $1 AND s.archived_at IS NULL
       AND EXISTS (SELECT 1 FROM devices d WHERE d.site_id = s.id AND d.system_id IS NOT NULL) ORDER BY s.id LIMIT 1`,
    [org],
  );
  const system = await one("SELECT system_id AS id FROM devices WHERE site_id = $1 AND system_id IS NOT NULL ORDER BY id LIMIT 1", [site]);
  const device = await one("SELECT id FROM devices WHERE site_id = $1 AND lifecycle = 'IN_SERVICE' ORDER BY id LIMIT 1", [site]);
  const [exempt] = await query<{ id: number }>(
    `SELECT e.device_id AS id FROM exemptions e JOIN devices d ON d.id = e.device_id JOIN sites s ON s.id = d.site_id
      WHERE d.organisation_id = $1 AND s.archived_at IS NULL AND e.revoked_at IS NULL AND e.expires_on > current_date ORDER BY e.id LIMIT 1`,
    [org],
  );
  return { org, site, system, device, exemptDevice: exempt?.id };
}

function urlFor(route: string, ids: Partial<Ids>): string {
  const param = (name: keyof Ids) => {
    const value = ids[name];
    if (value === undefined) throw new Error(`No ${name} for ${route}`);
    return String(value);
  };
  if (route === "/devices/[id]/exemption/revoke") return `/devices/${param("exemptDevice")}/exemption/revoke`;
  if (route.startsWith("/admin/jobs/")) return `/admin/jobs/${param("job")}`;
  // Where single sign-on sends someone it refused, with the reason it gives.
  if (route === "/login/refused") return "/login/refused?reason=unknown-email";
  // A brand or a model prefix is added to a producer, named in the query.
  if (route.endsWith("/new") && /\/(brands|model-prefixes)\//.test(route)) return `${route}?producer=${param("producer")}`;
  if (route.startsWith("/admin/register/producers/")) return route.replace("[id]", param("producer"));
  if (route.startsWith("/admin/register/brands/")) return route.replace("[id]", param("brand"));
  if (route.startsWith("/admin/register/model-prefixes/")) return route.replace("[id]", param("prefix"));
  if (route.startsWith("/admin/users/")) return route.replace("[id]", param("user"));
  if (route.startsWith("/organisations/")) return route.replace("[id]", param("org"));
  if (route.startsWith("/devices/")) return route.replace("[id]", param("device"));
  if (route.startsWith("/import/")) return route.replace("[batchId]", param("batchId"));
  let url = route;
  if (url.includes("[id]")) url = url.replace("[id]", param("site"));
  if (url.includes("[systemId]")) url = url.replace("[systemId]", param("system"));
  return url;
}

/** What went wrong in the browser while a context was open: console errors and CSP violations. */
async function watch(context: BrowserContext): Promise<string[]> {
  const problems: string[] = [];
  await context.exposeBinding("__reportCspViolation", (_source, text: string) => problems.push(`CSP violation: ${text}`));
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      (window as unknown as { __reportCspViolation: (t: string) => void }).__reportCspViolation(
        `${event.violatedDirective} blocked ${event.blockedURI || "inline"} on ${location.pathname}`,
      );
    });
  });
  context.on("console", (message) => {
    // A refused page answers 403/404 on purpose; anything else is a problem.
    if (message.type() === "error" && !/status of 40[134]/.test(message.text())) problems.push(`console: ${message.text()}`);
  });
  context.on("weberror", (error) => problems.push(`page error: ${error.error().message}`));
  return problems;
}

async function axeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .withTags(WCAG_22_AA)
    // Only violations are gathered in full: listing every passing node doubles the time on long pages.
    .options({ resultTypes: ["violations"], rules: { region: { enabled: true } } })
    .analyze();
  return results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
}

/** Opens the page, checks it is the page and not a refusal, and returns what axe found on it. */
async function check(page: Page, url: string): Promise<string[]> {
  const response = await page.goto(url);
  const status = response?.status() ?? 0;
  if (status !== 200) return [`answered ${status}`];
  const main = page.locator("main#main-content");
  await expect(main).toBeVisible();
  await expect(page.locator("h1")).toHaveCount(1);
  return axeViolations(page);
}

async function signedInContext(browser: Browser, email: string, javaScriptEnabled = true): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
  const context = await browser.newContext({ javaScriptEnabled });
  const problems = await watch(context);
  const page = await context.newPage();
  await signInAs(page, email);
  return { context, page, problems };
}

async function readWithoutJavaScript(browser: Browser, from: BrowserContext | null, urls: string[]): Promise<string[]> {
  const context = await browser.newContext({ javaScriptEnabled: false, storageState: from ? await from.storageState() : undefined });
  const problems = await watch(context);
  const page = await context.newPage();
  const found: string[] = [];
  for (const url of urls) {
    const response = await page.goto(url);
    if (response?.status() !== 200) {
      found.push(`${url} without JavaScript: answered ${response?.status()}`);
      continue;
    }
    // The design system's marker is only set by script; without it every page must still work.
    await expect(page.locator("body")).not.toHaveClass(/js-enabled/);
    await expect(page.locator("main#main-content h1"), `${url} without JavaScript`).toBeVisible();
    const heading = (await page.locator("main#main-content h1").innerText()).trim();
    const text = (await page.locator("main#main-content").innerText()).trim();
    if (text.length < heading.length + 20) found.push(`${url} without JavaScript: the main content is only its heading`);
    // The service navigation's menu is a JavaScript enhancement: without it the links are shown.
    const menu = page.getByRole("navigation", { name: "Menu" });
    if ((await menu.count()) > 0) await expect(menu.getByRole("link").first()).toBeVisible();
  }
  await context.close();
  return [...found, ...problems];
}

function routesFor(who: Who): string[] {
  return Object.entries(ROUTES)
    .filter(([, roles]) => roles.includes(who))
    .map(([route]) => route);
}

async function visitAll(page: Page, who: Who, ids: Partial<Ids>): Promise<string[]> {
  const found: string[] = [];
  for (const route of routesFor(who)) {
    const url = urlFor(route, ids);
    for (const violation of await check(page, url)) found.push(`${who} ${url}: ${violation}`);
  }
  return found;
}

// Long pages (the dashboard, the sites list) take axe seconds each; a busy machine many more.
test.setTimeout(600_000);

test("every page is listed here, so none escapes the checks", () => {
  expect(appRoutes().filter((route) => !(route in ROUTES))).toEqual([]);
  expect(Object.keys(ROUTES).filter((route) => !appRoutes().includes(route))).toEqual([]);
});

test("signed out: the sign-in page and the accessibility statement; the checks themselves can fail", async ({ browser }) => {
  const context = await browser.newContext();
  const problems = await watch(context);
  const page = await context.newPage();
  const found = await visitAll(page, "signedOut", {});

  // The checks catch what they are here for: content outside any landmark (as the phase banner
  // once was) and a script the Content-Security-Policy refuses.
  await page.goto("/accessibility");
  await page.evaluate(() => {
    const stray = document.createElement("p");
    stray.textContent = "Content outside every landmark";
    document.body.prepend(stray);
  });
  expect((await axeViolations(page)).some((v) => v.startsWith("region:"))).toBe(true);
  const before = problems.length;
  await page.evaluate(() => {
    const image = document.createElement("img");
    image.src = "https://elsewhere.invalid/tracker.png";
    document.body.append(image);
  });
  await expect.poll(() => problems.slice(before).some((p) => p.startsWith("CSP violation: img-src"))).toBe(true);
  problems.splice(before);

  found.push(...(await readWithoutJavaScript(browser, null, WITHOUT_JAVASCRIPT.signedOut ?? [])));
  await context.close();
  expect([...found, ...problems]).toEqual([]);
});

test("an estates editor: every page of their organisation's register, its forms and the import", async ({ browser }) => {
  const ids: Partial<Ids> = await idsFor("HO");
  // The demo data gives the Home Office no exemption in force: one for the page that revokes it,
  // removed afterwards (nothing else reads it meanwhile but these pages).
  const [exemption] = ids.exemptDevice
    ? [undefined]
    : await query<{ id: number }>(
        `INSERT INTO exemptions (device_id, justification, approved_by, approved_on, expires_on)
         VALUES ($1, 'Accessibility check of the revocation page', 'Accessibility check', current_date - 10, current_date + 100) RETURNING id`,
        [ids.device],
      );
  if (exemption) ids.exemptDevice = ids.device;
  try {
    await editorPages(browser, ids);
  } finally {
    if (exemption) await query("DELETE FROM exemptions WHERE id = $1", [exemption.id]);
  }
});

async function editorPages(browser: Browser, ids: Partial<Ids>): Promise<void> {
  const { context, page, problems } = await signedInContext(browser, ROLES.editor);

  // An uploaded file waits for confirmation on a page of its own; it is not confirmed here.
  const [siteCode] = await query<{ site_code: string }>("SELECT site_code FROM sites WHERE id = $1", [ids.site]);
  await page.goto("/import");
  await page.locator("input[type=file]").setInputFiles({
    name: "every-page.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(`site_code,kind,brand,model,asset_tag\n${siteCode!.site_code},Camera,Axis,P3245-V,EVERY-PAGE-${Date.now()}\n`),
  });
  await page.getByRole("button", { name: /Upload and check/ }).click();
  await page.waitForURL(/\/import\/[^/?]+$/);
  ids.batchId = page.url().split("/").at(-1);

  const found = await visitAll(page, "editor", ids);
  found.push(...(await readWithoutJavaScript(browser, context, (WITHOUT_JAVASCRIPT.editor ?? []).map((r) => urlFor(r, ids)))));
  await context.close();
  expect([...found, ...problems]).toEqual([]);
}

test("an organisation viewer: their organisation's register and reports", async ({ browser }) => {
  const ids = await idsFor("HO");
  const { context, page, problems } = await signedInContext(browser, ROLES.viewer);
  const found = await visitAll(page, "viewer", ids);
  found.push(...(await readWithoutJavaScript(browser, context, (WITHOUT_JAVASCRIPT.viewer ?? []).map((r) => urlFor(r, ids)))));
  await context.close();
  expect([...found, ...problems]).toEqual([]);
});

test("the Cabinet Office: the dashboard and any department's register", async ({ browser }) => {
  const ids = await idsFor("MoJ");
  const { context, page, problems } = await signedInContext(browser, ROLES.cabinetOffice);
  const found = await visitAll(page, "cabinetOffice", ids);
  found.push(...(await readWithoutJavaScript(browser, context, (WITHOUT_JAVASCRIPT.cabinetOffice ?? []).map((r) => urlFor(r, ids)))));
  await context.close();
  expect([...found, ...problems]).toEqual([]);
});

test("the minister's office: the dashboard and reports", async ({ browser }) => {
  const { context, page, problems } = await signedInContext(browser, ROLES.minister);
  const found = await visitAll(page, "minister", {});
  found.push(...(await readWithoutJavaScript(browser, context, WITHOUT_JAVASCRIPT.minister ?? [])));
  await context.close();
  expect([...found, ...problems]).toEqual([]);
});

test("an administrator: users, the producer register, policy, jobs and the audit trail", async ({ browser }) => {
  // A finished job as the daily evaluation records it, for its page; removed afterwards.
  const job = randomUUID();
  await query(
    `INSERT INTO background_jobs (id, kind, reasons, started_by, return_to, state, phase, done, total, result, started_at, finished_at)
     VALUES ($1, 'daily-evaluation', ARRAY['Daily evaluation (accessibility check)'], 'the daily schedule', '/admin', 'done', 'Finished', 0, 0,
             '{"upToDate": true}'::jsonb, now(), now())`,
    [job],
  );
  try {
    const ids: Partial<Ids> = {
      job,
      producer: await one("SELECT id FROM producers ORDER BY id LIMIT 1"),
      brand: await one("SELECT id FROM brands ORDER BY id LIMIT 1"),
      prefix: await one("SELECT id FROM model_prefixes ORDER BY id LIMIT 1"),
      user: await one("SELECT id FROM users WHERE email = $1", [ROLES.viewer]),
    };
    const { context, page, problems } = await signedInContext(browser, ROLES.admin);
    const found = await visitAll(page, "admin", ids);
    found.push(...(await readWithoutJavaScript(browser, context, (WITHOUT_JAVASCRIPT.admin ?? []).map((r) => urlFor(r, ids)))));
    await context.close();
    expect([...found, ...problems]).toEqual([]);
  } finally {
    await query("DELETE FROM background_jobs WHERE id = $1", [job]);
  }
});

test("someone signing in with a temporary password: choosing their own", async ({ browser }) => {
  const email = "editor@moj.example.gov.uk";
  await query("UPDATE users SET must_change_password = true WHERE email = $1", [email]);
  try {
    const context = await browser.newContext();
    const problems = await watch(context);
    const page = await context.newPage();
    await page.goto("/login");
    await page.getByLabel("Email address").fill(email);
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(/\/account\/new-password$/);
    const found = await visitAll(page, "firstSignIn", {});
    await context.close();
    expect([...found, ...problems]).toEqual([]);
  } finally {
    await query("UPDATE users SET must_change_password = false WHERE email = $1", [email]);
  }
});

test("someone whose password was right, giving the code from their authenticator app", async ({ browser }) => {
  const context = await browser.newContext();
  const problems = await watch(context);
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel("Email address").fill(ROLES.admin);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/login\/code$/);
  const found = await visitAll(page, "secondFactor", {});
  found.push(...(await readWithoutJavaScript(browser, context, WITHOUT_JAVASCRIPT.secondFactor ?? [])));
  await context.close();
  expect([...found, ...problems]).toEqual([]);
});

test("pages that refuse: not found and no permission", async ({ browser }) => {
  const { context, page, problems } = await signedInContext(browser, ROLES.viewer);
  const found: string[] = [];
  for (const [url, status] of [["/sites/2147483647", 404], ["/admin", 403]] as const) {
    const response = await page.goto(url);
    expect(response?.status(), url).toBe(status);
    await expect(page.locator("h1")).toHaveCount(1);
    for (const violation of await axeViolations(page)) found.push(`${url}: ${violation}`);
  }
  await context.close();
  expect([...found, ...problems]).toEqual([]);
});
