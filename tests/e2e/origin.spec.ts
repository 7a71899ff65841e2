// The server action case uses the plain Playwright test: it aborts the captured request on purpose,
// and the browser logs that as a failed fetch.
import { test as plainTest, type APIResponse, type Page, type Request as PlaywrightRequest } from "@playwright/test";
import { defaultSeedOptions, generateSeedData } from "@/lib/seed/generate";
import { expect, signInAs, test } from "./fixtures";

// Requests from elsewhere: another site, or a program holding a copied session cookie, must not
// change anything or make the service write to its audit trail. Every refusal is a 403 with a
// message. Each refusal has a same-origin twin that goes through, so the refusal is the origin's.

const EDITOR = "editor@ho.example.gov.uk";
const ADMIN = "admin@register.example.gov.uk";
const ANALYST = "analyst@cabinetoffice.example.gov.uk";
const EVIL = "http://evil.example";
const RUN = Date.now().toString(36).toUpperCase();
const HO = generateSeedData(defaultSeedOptions()).organisations.find((o) => o.acronym === "HO")!.id;

const FROM_ELSEWHERE = { origin: EVIL, "sec-fetch-site": "cross-site", referer: `${EVIL}/page` };
const CHANGE_REFUSED = "This request did not come from the Estate Camera Register's own pages, so nothing was changed.";
const LINK_REFUSED = "This link was opened from another website, so it was not followed.";

const HEADER = "site_code,site_name,address_line1,town,postcode,sensitivity,holds_secret_material,kind,brand,model,serial,asset_tag,installed_on,network,vendor_cloud";
const SERIAL = `ORIGIN-${RUN}-1`;
const CSV = [HEADER, `ORIGIN-${RUN},Origin Test House,1 Test Street,Leeds,LS1 4AP,Sensitive,yes,Camera,Axis,P3245,${SERIAL},ORIGIN-AT-${RUN},2019-05-01,Standalone,no`].join("\n");

async function origin(page: Page): Promise<string> {
  return new URL(page.url()).origin;
}

async function refusedWith(response: APIResponse, message: string): Promise<void> {
  expect(response.status(), await response.text()).toBe(403);
  expect(((await response.json()) as { error: string }).error).toContain(message);
}

/** The Home Office register as the signed-in person exports it (plain same-origin GET). */
async function registerCsv(page: Page): Promise<string> {
  const response = await page.request.get(`/api/export/register?format=csv&organisationId=${HO}`);
  expect(response.status()).toBe(200);
  return response.text();
}

/**
 * How many audit events of this action the analyst has caused, as the audit page counts them for an
 * administrator (the only role that sees events outside any one organisation, such as a report on
 * all of government).
 */
async function auditCount(page: Page, action: string): Promise<number> {
  await page.goto(`/audit?action=${action}&email=${encodeURIComponent(ANALYST)}`);
  const status = (await page.getByRole("status").filter({ hasText: /change/ }).first().textContent()) ?? "";
  if (status.includes("No changes match")) return 0;
  const total = / of (\d+) change/.exec(status)?.[1];
  if (!total) throw new Error(`no count in "${status}"`);
  return Number(total);
}

test("an upload and its confirmation from another origin are refused, and nothing is imported", async ({ page }) => {
  await signInAs(page, EDITOR);
  await page.goto("/import");
  const ours = await origin(page);
  const upload = (headers: Record<string, string>) =>
    page.request.post("/api/import", { headers: { "content-type": "text/csv", "x-file-name": "devices.csv", ...headers }, data: CSV });

  // A foreign Origin, with a valid session cookie: refused before the file is read.
  await refusedWith(await upload({ origin: EVIL }), CHANGE_REFUSED);
  await refusedWith(await upload({ origin: EVIL, "sec-fetch-site": "same-origin" }), CHANGE_REFUSED);
  await refusedWith(await upload({ origin: "null" }), CHANGE_REFUSED);
  // No Origin and no Sec-Fetch-Site: not a browser on our pages (curl with a copied cookie).
  await refusedWith(await upload({}), CHANGE_REFUSED);
  // The multipart form a page without JavaScript would post, from another site.
  const form = await page.request.post("/api/import", {
    headers: FROM_ELSEWHERE,
    multipart: { file: { name: "devices.csv", mimeType: "text/csv", buffer: Buffer.from(CSV) } },
    maxRedirects: 0,
  });
  await refusedWith(form, CHANGE_REFUSED);

  // The same upload from our own page is checked and previewed.
  const accepted = await upload({ origin: ours, "sec-fetch-site": "same-origin" });
  expect(accepted.status(), await accepted.text()).toBe(200);
  const { batchId } = (await accepted.json()) as { batchId: string };
  expect(batchId).toBeTruthy();

  // Confirming it from elsewhere is refused, and the batch is still waiting to be confirmed.
  const confirm = (headers: Record<string, string>) =>
    page.request.post(`/api/import/${batchId}/confirm`, { headers: { accept: "application/json", ...headers }, maxRedirects: 0 });
  await refusedWith(await confirm({ origin: EVIL }), CHANGE_REFUSED);
  await refusedWith(await confirm(FROM_ELSEWHERE), CHANGE_REFUSED);
  await refusedWith(await confirm({ "sec-fetch-site": "cross-site" }), CHANGE_REFUSED);
  await refusedWith(await confirm({}), CHANGE_REFUSED);
  expect(await registerCsv(page)).not.toContain(SERIAL);

  // The page's own button still confirms it.
  await page.goto(`/import/${batchId}`);
  await expect(page.getByRole("heading", { level: 1, name: "Check your import" })).toBeVisible();
  await page.getByRole("button", { name: "Confirm and import" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Import complete" })).toBeVisible();
  expect(await registerCsv(page)).toContain(SERIAL);
});

plainTest("a server action posted from another origin answers 403, not 500, and changes nothing", async ({ page }) => {
  await signInAs(page, ADMIN);
  const email = `origin-${RUN.toLowerCase()}@ho.example.gov.uk`;
  await page.goto("/admin/users/new");
  await page.getByLabel("Full name").fill(`Origin Test ${RUN}`);
  await page.getByLabel("Email address").fill(email);
  await page.getByRole("radio", { name: "Organisation viewer" }).check();
  await page.getByLabel("Organisation", { exact: true }).selectOption({ label: "Home Office (HO)" });
  await page.getByLabel("Temporary password").fill("Temporary-password-2026");

  // The request the browser sends on submit, stopped before it reaches the server.
  let held: PlaywrightRequest | null = null;
  await page.route("**/admin/users/new", async (route) => {
    if (route.request().method() !== "POST") return route.continue();
    held = route.request();
    await route.abort();
  });
  await page.getByRole("button", { name: "Create account" }).click();
  await expect.poll(() => held !== null).toBe(true);
  await page.unroute("**/admin/users/new");
  const request = held! as PlaywrightRequest;
  const captured = await request.allHeaders();
  expect(captured["next-action"], "the form posts to a server action").toBeTruthy();
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(captured)) if (k !== "cookie" && k !== "content-length") headers[k] = v;
  const body = request.postDataBuffer() ?? Buffer.alloc(0);
  const replay = (changes: Record<string, string | null>) => {
    const h = { ...headers };
    for (const [k, v] of Object.entries(changes)) if (v === null) delete h[k]; else h[k] = v;
    return page.request.post(request.url(), { headers: h, data: body, maxRedirects: 0 });
  };
  const accountExists = async () => {
    await page.goto("/admin/users");
    return (await page.getByRole("row").filter({ hasText: email }).count()) > 0;
  };

  for (const changes of [
    { origin: EVIL, "sec-fetch-site": "cross-site" },
    { origin: EVIL, "sec-fetch-site": "same-origin" },
    { origin: "null", "sec-fetch-site": "cross-site" },
    { origin: null, "sec-fetch-site": "cross-site" },
    { origin: null, "sec-fetch-site": null },
  ]) {
    const response = await replay(changes);
    expect(response.status(), `${JSON.stringify(changes)}: ${await response.text()}`).toBe(403);
    expect(await response.text()).toContain(CHANGE_REFUSED);
    expect(await accountExists(), `after ${JSON.stringify(changes)}`).toBe(false);
  }

  // The request as the browser sent it goes through.
  const response = await replay({});
  expect(response.status(), await response.text()).toBeLessThan(400);
  expect(response.headers()["x-action-redirect"] ?? "").toMatch(/created=\d+/);
  expect(await accountExists()).toBe(true);
});

for (const [name, url, action] of [
  ["report download", "/api/reports/download?format=csv&asOf=today", "report.generated"],
  ["register export", `/api/export/register?format=csv&organisationId=${HO}`, "register.export"],
  ["dashboard export", "/dashboard/export?format=csv", "dashboard.exported"],
] as const) {
  test(`a ${name} started from another site is refused and writes no audit row`, async ({ page, browser }) => {
    const auditor = await browser.newContext();
    const audit = await auditor.newPage();
    await signInAs(audit, ADMIN);
    await signInAs(page, ANALYST);
    const before = await auditCount(audit, action);

    await refusedWith(await page.request.get(url, { headers: { "sec-fetch-site": "cross-site" } }), LINK_REFUSED);
    await refusedWith(await page.request.get(url, { headers: { "sec-fetch-site": "same-site" } }), LINK_REFUSED);
    await refusedWith(await page.request.get(url, { headers: { origin: EVIL } }), LINK_REFUSED);
    await refusedWith(await page.request.get(url, { headers: { referer: `${EVIL}/mail` } }), LINK_REFUSED);

    // A real link on another site, followed in the browser with the session cookie.
    const ours = await origin(page);
    await page.route(`${EVIL}/**`, (route) =>
      route.fulfill({ contentType: "text/html", body: `<!doctype html><title>Elsewhere</title><a href="${ours}${url}">Get the file</a>` }),
    );
    await page.goto(`${EVIL}/mail`);
    const [followed] = await Promise.all([page.waitForResponse((r) => r.url() === `${ours}${url}`), page.getByRole("link", { name: "Get the file" }).click()]);
    expect(followed.status()).toBe(403);
    expect(await auditCount(audit, action)).toBe(before);

    // From our own pages (or typed into the address bar) it is downloaded and recorded.
    const own = await page.request.get(url, { headers: { "sec-fetch-site": "same-origin", referer: `${ours}/reports` } });
    expect(own.status()).toBe(200);
    const typed = await page.request.get(url, { headers: { "sec-fetch-site": "none" } });
    expect(typed.status()).toBe(200);
    expect(await auditCount(audit, action)).toBe(before + 2);
    await auditor.close();
  });
}

function directives(policy: string): Map<string, string[]> {
  return new Map(policy.split(";").map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name!, values]));
}

function expectSecurityHeaders(headers: Record<string, string>): string {
  const policy = directives(headers["content-security-policy"] ?? "");
  const scripts = policy.get("script-src") ?? [];
  const nonce = scripts.find((s) => s.startsWith("'nonce-"))?.slice(7, -1);
  expect(nonce, "script-src has a nonce").toBeTruthy();
  expect(scripts).not.toContain("'unsafe-inline'");
  expect(scripts).not.toContain("'unsafe-eval'");
  expect(policy.get("frame-ancestors")).toEqual(["'none'"]);
  expect(policy.get("object-src")).toEqual(["'none'"]);
  expect(policy.get("base-uri")).toEqual(["'none'"]);
  expect(headers["permissions-policy"]).toContain("camera=()");
  expect(headers["permissions-policy"]).toContain("microphone=()");
  expect(headers["permissions-policy"]).toContain("geolocation=()");
  expect(headers["cross-origin-opener-policy"]).toBe("same-origin");
  expect(headers["cross-origin-resource-policy"]).toBe("same-origin");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  // Served over plain http here: HSTS would be meaningless (and is tested with https in tests/unit).
  expect(headers["strict-transport-security"]).toBeUndefined();
  return nonce!;
}

test("pages and route responses carry a CSP with a fresh nonce and the other security headers", async ({ page }) => {
  const first = await page.request.get("/login");
  const second = await page.request.get("/login");
  const nonce1 = expectSecurityHeaders(first.headers());
  const nonce2 = expectSecurityHeaders(second.headers());
  expect(nonce1).not.toBe(nonce2);
  // Next's scripts carry this response's nonce, and no script lacks it.
  const html = await first.text();
  const scripts = html.match(/<script\b[^>]*>/g) ?? [];
  expect(scripts.length).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag).toContain(`nonce="${nonce1}"`);

  expectSecurityHeaders((await page.request.get("/api/auth/csrf")).headers());
  expectSecurityHeaders((await page.request.get("/api/reports/download?format=csv")).headers());
  expectSecurityHeaders((await page.request.post("/api/import", { headers: { origin: EVIL } })).headers());

  // Static files get the fixed headers too.
  const stylesheet = /<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"/.exec(html)?.[1] ?? /href="([^"]+\.css)"/.exec(html)?.[1];
  expect(stylesheet).toBeTruthy();
  const css = (await page.request.get(stylesheet!)).headers();
  expect(css["cross-origin-resource-policy"]).toBe("same-origin");
  expect(css["permissions-policy"]).toContain("camera=()");
});

for (const [who, paths] of [
  [ANALYST, ["/dashboard", "/organisations", `/organisations/${HO}`, "/sites", "/reports", "/audit", "/accessibility"]],
  [EDITOR, ["/import", `/organisations/${HO}`, "/sites/new"]],
] as const) {
  test(`pages work under the policy with no violations: ${who}`, async ({ page }) => {
    const violations: string[] = [];
    await page.exposeFunction("reportViolation", (v: string) => violations.push(v));
    await page.addInitScript(() => {
      document.addEventListener("securitypolicyviolation", (e) => {
        (window as unknown as { reportViolation: (v: string) => void }).reportViolation(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
      });
    });
    // Sign-in runs the page's own script (a fetch to next-auth) under the policy.
    await signInAs(page, who);
    for (const path of paths) {
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      if (path === "/dashboard") await expect(page.locator(".recharts-surface").first()).toBeVisible();
    }
    expect(violations).toEqual([]);
  });
}
