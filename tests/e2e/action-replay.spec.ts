import { REGISTER_SEED } from "@/lib/compliance";
import { defaultSeedOptions, generateSeedData, type DeviceRow, type SiteRow } from "@/lib/seed/generate";
// The plain Playwright test, not the fixture that fails on console errors: the captured request is
// aborted on purpose, and the browser logs that as a failed fetch.
import { expect, test, type Page } from "@playwright/test";
import { signInAs } from "./fixtures";
import { capture, replay, type Replayed } from "./support/action-capture";
import { fillDate } from "./support/dates";

// The server actions' half of the authorisation matrix. A server action is an HTTP endpoint like
// any other: for every form, the request an allowed person's browser would send is captured, then
// replayed with the session of everyone who must be refused (and with none at all). Each replay
// must be refused and change nothing; the same request with the allowed person's session must go
// through, which proves the replay is a real one.

const EDITOR = "editor@ho.example.gov.uk";
const ADMIN = "admin@register.example.gov.uk";
/**
 * How the server answers a refused replay: the 403 page for a missing permission, the 404 page for
 * a record outside the person's organisations, a redirect to sign in for a signed-out visitor, or
 * the form again with an error (where the out-of-scope id is a form field rather than the URL).
 */
type Refusal = 403 | 404 | "sign in" | "form error";
type Refused = [who: string | null, answer: Refusal][];
const REGISTER_REFUSED: Refused = [
  ["viewer@ho.example.gov.uk", 403],
  ["private.office@minister.example.gov.uk", 403],
  ["analyst@cabinetoffice.example.gov.uk", 403],
  ["editor@moj.example.gov.uk", 404], // an editor, but of another organisation
  [ADMIN, 403],
  [null, "sign in"],
];
const ADMIN_REFUSED: Refused = [
  [EDITOR, 403],
  ["viewer@ho.example.gov.uk", 403],
  ["analyst@cabinetoffice.example.gov.uk", 403],
  ["private.office@minister.example.gov.uk", 403],
  [null, "sign in"],
];

// Records from the deterministic demo data: Home Office sites and devices that no other spec
// changes (authorisation.spec.ts reads the first HO site; the rest find their records at run time
// or add their own), one site per action so the actions do not meet.
const data = generateSeedData(defaultSeedOptions());
const HO = data.organisations.find((o) => o.acronym === "HO")!.id;
const hoSites = data.sites.filter((s) => s.organisationId === HO);
const hoSite = (index: number): SiteRow => hoSites[index]!;
const devicesBySite = new Map<number, DeviceRow[]>();
for (const d of data.devices()) {
  if (d.organisationId !== HO) continue;
  devicesBySite.set(d.siteId, [...(devicesBySite.get(d.siteId) ?? []), d]);
}
/** An in-service device installed well in the past (so any date of today is after it), not on the core network. */
function deviceAt(site: SiteRow): DeviceRow {
  const device = (devicesBySite.get(site.id) ?? []).find(
    (d) => d.lifecycle === "IN_SERVICE" && d.installedOn !== null && d.installedOn < "2024-01-01" && d.network !== "CORE",
  );
  if (!device) throw new Error(`no suitable device at site ${site.id}`);
  return device;
}
const producerId = (slug: string): number => REGISTER_SEED.findIndex((e) => e.producerId === slug) + 1;

const RUN = Date.now().toString(36).toUpperCase();

/** What a case's preparation found or made, for its page, form and check. */
type Target = Record<string, string>;

interface ActionCase {
  action: string;
  allowed: string;
  refused: Refused;
  /** Work done first as the allowed person, such as adding the record the action changes. */
  prepare?: (page: Page) => Promise<Target>;
  url: (t: Target) => string;
  /** Fills the form so that submitting it would change something visible. */
  fill: (page: Page, t: Target) => Promise<void>;
  submit: string | RegExp | ((t: Target) => string);
  /** Where a successful submission sends the browser. */
  success: RegExp;
  /** Whether the change the form would make can be seen, as the allowed person sees the record. */
  changed: (page: Page, t: Target) => Promise<boolean>;
  /** After the allowed replay: wait for what it started. */
  after?: (page: Page, t: Target, redirect: string) => Promise<void>;
  /** At the end: put back what other specs rely on. */
  cleanup?: (page: Page, t: Target) => Promise<void>;
  timeout?: number;
}

// --- Reading what the allowed person sees -------------------------------------------------------

async function open(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
}

/** The value of a summary-list row, or "" when the row is not there. */
async function summaryValue(page: Page, key: string): Promise<string> {
  const row = page.locator(".govuk-summary-list__row").filter({ has: page.locator(".govuk-summary-list__key").getByText(key, { exact: true }) });
  if ((await row.count()) === 0) return "";
  return ((await row.first().locator(".govuk-summary-list__value").textContent()) ?? "").trim();
}

async function userRow(page: Page, email: string): Promise<string | null> {
  await open(page, "/admin/users");
  const row = page.getByRole("row").filter({ hasText: email });
  return (await row.count()) === 0 ? null : ((await row.first().textContent()) ?? "");
}

// --- Forms shared by several cases --------------------------------------------------------------

async function fillNewSite(page: Page, name: string, code: string): Promise<void> {
  const organisation = page.getByLabel("Organisation");
  if (await organisation.count()) await organisation.selectOption({ label: "Home Office" });
  await page.getByLabel("Site name").fill(name);
  await page.getByLabel("Site code").fill(code);
  await page.getByLabel("Address line 1").fill("1 Replay Street");
  await page.getByLabel("Town or city").fill("London");
  await page.getByLabel("Postcode").fill("SW1P 4DF");
  await page.getByRole("radio", { name: "Not sensitive", exact: true }).check();
}

async function fillNewAccount(page: Page, name: string, email: string): Promise<void> {
  await page.getByLabel("Full name").fill(name);
  await page.getByLabel("Email address").fill(email);
  await page.getByRole("radio", { name: "Organisation viewer" }).check();
  await page.getByLabel("Organisation", { exact: true }).selectOption({ label: "Home Office (HO)" });
  await page.getByLabel("Temporary password").fill("Temporary-password-2026");
}

/** An account of its own for a case to change, so no demo account is touched. */
async function addAccount(page: Page, name: string, email: string): Promise<Target> {
  await open(page, "/admin/users/new");
  await fillNewAccount(page, name, email);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Account created")).toBeVisible();
  const id = /created=(\d+)/.exec(page.url())?.[1];
  if (!id) throw new Error(`no account id in ${page.url()}`);
  return { id, name, email };
}

/** Follows a re-evaluation started by an administrator's change until it has finished. */
async function waitForReevaluation(page: Page, redirect: string): Promise<void> {
  const job = /\/admin\/jobs\/[0-9a-f-]+/.exec(redirect)?.[0];
  if (!job) throw new Error(`no job in ${redirect}`);
  await page.goto(job);
  await expect(page.getByText("Re-evaluation complete")).toBeVisible({ timeout: 240_000 });
}

const GRACE = "Reclassification grace period, in days";

async function modelPrefixListed(page: Page, producer: string, prefix: string): Promise<boolean> {
  await open(page, `/admin/register/producers/${producerId(producer)}`);
  return (await page.getByRole("table", { name: "Model prefixes" }).getByRole("rowheader", { name: prefix, exact: true }).count()) > 0;
}

// --- The actions --------------------------------------------------------------------------------

const siteToEdit = hoSite(3);
const siteForNewDevice = hoSite(10);
const deviceToEdit = deviceAt(hoSite(11));
const deviceToMove = deviceAt(hoSite(12));
const moveDestination = hoSite(13);
const deviceToDecommission = deviceAt(hoSite(14));
const deviceToRemove = deviceAt(hoSite(15));
const deviceToExempt = deviceAt(hoSite(16));
const siteForNewSystem = hoSite(17);

const CASES: ActionCase[] = [
  {
    action: "createSiteAction",
    allowed: EDITOR,
    // The Home Office is a field of this form: another organisation's editor is told to pick one of theirs.
    refused: REGISTER_REFUSED.map(([who, answer]) => [who, who === "editor@moj.example.gov.uk" ? "form error" : answer]),
    url: () => "/sites/new",
    fill: (page) => fillNewSite(page, `Replay House ${RUN}`, `RPL-${RUN}`),
    submit: "Add site",
    success: /^\/sites\/\d+\?done=created/,
    changed: async (page) => {
      await open(page, `/sites?q=RPL-${RUN}`);
      return (await page.getByRole("link", { name: `Replay House ${RUN}`, exact: true }).count()) > 0;
    },
  },
  {
    action: "updateSiteAction",
    allowed: EDITOR,
    refused: REGISTER_REFUSED,
    url: () => `/sites/${siteToEdit.id}/edit`,
    fill: (page) => page.getByLabel("Site name").fill(`${siteToEdit.name} (replay check)`),
    submit: "Save changes",
    success: /^\/sites\/\d+\?done=updated/,
    changed: async (page) => {
      await open(page, `/sites/${siteToEdit.id}`);
      return ((await page.getByRole("heading", { level: 1 }).textContent()) ?? "").includes("(replay check)");
    },
  },
  {
    action: "archiveSiteAction",
    allowed: EDITOR,
    refused: REGISTER_REFUSED,
    // Only a site with no devices on it can be archived, and every demo site has some: add one.
    prepare: async (page) => {
      await open(page, "/sites/new");
      await fillNewSite(page, `Replay Archive ${RUN}`, `RPA-${RUN}`);
      await page.getByRole("button", { name: "Add site" }).click();
      await expect(page.getByText("The site has been added")).toBeVisible();
      const id = /\/sites\/(\d+)/.exec(page.url())?.[1];
      if (!id) throw new Error(`no site id in ${page.url()}`);
      return { id };
    },
    url: (t) => `/sites/${t.id}/archive`,
    fill: (page) => page.getByLabel(/I understand that an archived site/).check(),
    submit: "Archive site",
    success: /^\/sites\/\d+\?done=archived/,
    changed: async (page, t) => {
      await open(page, `/sites/${t.id}`);
      return (await summaryValue(page, "Archived")) !== "";
    },
  },
  {
    action: "createCameraSystemAction",
    allowed: EDITOR,
    refused: REGISTER_REFUSED,
    url: () => `/sites/${siteForNewSystem.id}/systems/new`,
    fill: (page) => page.getByLabel("Name", { exact: true }).fill(`Replay NVR ${RUN}`),
    submit: "Add camera system",
    success: /^\/sites\/\d+\?done=system-created/,
    changed: async (page) => {
      await open(page, `/sites/${siteForNewSystem.id}`);
      return (await page.getByRole("table", { name: "Camera systems" }).getByRole("rowheader", { name: `Replay NVR ${RUN}`, exact: true }).count()) > 0;
    },
  },
  {
    action: "updateCameraSystemAction",
    allowed: EDITOR,
    refused: REGISTER_REFUSED,
    prepare: async (page) => {
      await open(page, `/sites/${siteForNewSystem.id}/systems/new`);
      await page.getByLabel("Name", { exact: true }).fill(`Replay edit ${RUN}`);
      await page.getByRole("button", { name: "Add camera system" }).click();
      await expect(page.getByText("The camera system has been added")).toBeVisible();
      const href = await page.getByRole("link", { name: `Change the camera system Replay edit ${RUN}` }).getAttribute("href");
      return { edit: href! };
    },
    url: (t) => t.edit!,
    fill: (page) => page.getByLabel("Name", { exact: true }).fill(`Replay edited ${RUN}`),
    submit: "Save changes",
    success: /^\/sites\/\d+\?done=system-updated/,
    changed: async (page) => {
      await open(page, `/sites/${siteForNewSystem.id}`);
      return (await page.getByRole("table", { name: "Camera systems" }).getByRole("rowheader", { name: `Replay edited ${RUN}`, exact: true }).count()) > 0;
    },
  },
  {
    action: "createDeviceAction",
    allowed: EDITOR,
    refused: REGISTER_REFUSED,
    url: () => `/sites/${siteForNewDevice.id}/devices/new`,
    fill: async (page) => {
      await page.getByRole("radio", { name: "Camera", exact: true }).check();
      await page.getByLabel("Brand").fill("Axis");
      await page.getByLabel("Model (optional)").fill(`RPL-${RUN}`);
      await fillDate(page, "Install date (optional)", "2024-03-01");
      await page.getByRole("radio", { name: "Segregated network" }).check();
      await page.getByRole("radio", { name: "No", exact: true }).check();
    },
    submit: "Add device",
    success: /^\/devices\/\d+\?done=created/,
    changed: async (page) => {
      // The site's page lists ten devices a page: look through every page.
      for (let n = 1; n <= 20; n++) {
        await open(page, `/sites/${siteForNewDevice.id}?page=${n}`);
        if ((await page.getByRole("link", { name: `Axis RPL-${RUN}`, exact: true }).count()) > 0) return true;
        if ((await page.getByRole("link", { name: /Next/ }).count()) === 0) return false;
      }
      return false;
    },
  },
  {
    action: "updateDeviceAction",
    allowed: EDITOR,
    refused: REGISTER_REFUSED,
    url: () => `/devices/${deviceToEdit.id}/edit`,
    fill: (page) => page.getByRole("radio", { name: "Departmental core network" }).check(),
    submit: "Save changes",
    success: new RegExp(`^/devices/${deviceToEdit.id}\\?done=updated`),
    changed: async (page) => {
      await open(page, `/devices/${deviceToEdit.id}`);
      return (await summaryValue(page, "Network")) === "Departmental core network";
    },
  },
  {
    action: "moveDeviceAction",
    allowed: EDITOR,
    refused: REGISTER_REFUSED,
    url: () => `/devices/${deviceToMove.id}/move`,
    fill: async (page) => {
      await page.getByRole("combobox", { name: "Site the device is moving to" }).fill(moveDestination.siteCode);
      await page.getByRole("option", { name: new RegExp(moveDestination.siteCode) }).click();
    },
    submit: "Move device",
    success: new RegExp(`^/devices/${deviceToMove.id}\\?done=moved`),
    changed: async (page) => {
      await open(page, `/devices/${deviceToMove.id}`);
      return (await summaryValue(page, "Site")).includes(`(${moveDestination.siteCode})`);
    },
  },
  {
    action: "decommissionDeviceAction",
    allowed: EDITOR,
    refused: REGISTER_REFUSED,
    url: () => `/devices/${deviceToDecommission.id}/decommission`,
    // The date is today unless changed: submitting as it stands decommissions the device.
    fill: (page) => expect(page.getByRole("group", { name: "Date the device was switched off" }).getByLabel("Year")).not.toHaveValue(""),
    submit: "Decommission device",
    success: new RegExp(`^/devices/${deviceToDecommission.id}\\?done=decommissioned`),
    changed: async (page) => {
      await open(page, `/devices/${deviceToDecommission.id}`);
      return (await summaryValue(page, "State")) === "Decommissioned (still on site)";
    },
  },
  {
    action: "removalAction",
    allowed: EDITOR,
    refused: REGISTER_REFUSED,
    url: () => `/devices/${deviceToRemove.id}/removal`,
    fill: (page) => page.getByLabel("Evidence of removal").fill(`Replay check job sheet ${RUN}`),
    submit: "Record removal",
    success: new RegExp(`^/devices/${deviceToRemove.id}\\?done=removed`),
    changed: async (page) => {
      await open(page, `/devices/${deviceToRemove.id}`);
      return (await summaryValue(page, "State")) === "Removed";
    },
  },
  {
    action: "exemptionAction",
    allowed: EDITOR,
    refused: REGISTER_REFUSED,
    url: () => `/devices/${deviceToExempt.id}/exemption`,
    fill: async (page) => {
      await page.getByLabel("Justification").fill(`Replay check ${RUN}: isolated until the refit`);
      await page.getByLabel("Approved by").fill("Departmental Security Officer");
      await fillDate(page, "Expiry date", "2027-12-31");
    },
    submit: "Record exemption",
    success: new RegExp(`^/devices/${deviceToExempt.id}\\?done=exempted`),
    changed: async (page) => {
      await open(page, `/devices/${deviceToExempt.id}`);
      const exemptions = page.getByRole("table", { name: "Exemptions recorded for this device" });
      return ((await exemptions.textContent()) ?? "").includes(`Replay check ${RUN}`);
    },
  },
  {
    action: "createUserAction",
    allowed: ADMIN,
    refused: ADMIN_REFUSED,
    url: () => "/admin/users/new",
    fill: (page) => fillNewAccount(page, "Riley Replay", `replay.create.${RUN.toLowerCase()}@test.example.gov.uk`),
    submit: "Create account",
    success: /^\/admin\/users\?created=\d+/,
    changed: async (page) => (await userRow(page, `replay.create.${RUN.toLowerCase()}@test.example.gov.uk`)) !== null,
  },
  {
    action: "updateUserAction",
    allowed: ADMIN,
    refused: ADMIN_REFUSED,
    prepare: (page) => addAccount(page, "Uma Unchanged", `replay.update.${RUN.toLowerCase()}@test.example.gov.uk`),
    url: (t) => `/admin/users/${t.id}`,
    fill: (page) => page.getByLabel("Full name").fill("Uma Renamed"),
    submit: "Save changes",
    success: /^\/admin\/users\?updated=\d+/,
    changed: async (page, t) => ((await userRow(page, t.email!)) ?? "").includes("Uma Renamed"),
  },
  {
    action: "setUserStatusAction",
    allowed: ADMIN,
    refused: ADMIN_REFUSED,
    prepare: (page) => addAccount(page, "Sam Status", `replay.status.${RUN.toLowerCase()}@test.example.gov.uk`),
    url: (t) => `/admin/users/${t.id}/deactivate`,
    fill: async () => {},
    submit: /Deactivate account/,
    success: /^\/admin\/users\?deactivated=\d+/,
    changed: async (page, t) => ((await userRow(page, t.email!)) ?? "").includes("Deactivated"),
  },
  {
    action: "updatePolicyAction",
    allowed: ADMIN,
    refused: ADMIN_REFUSED,
    // Two full re-evaluations: the change, then putting the standard policy back for other specs.
    timeout: 300_000,
    prepare: async (page) => {
      await open(page, "/admin/policy");
      const original = await page.getByLabel(GRACE).inputValue();
      return { original, changed: String(Number(original) + 7) };
    },
    url: () => "/admin/policy",
    fill: (page, t) => page.getByLabel(GRACE).fill(t.changed!),
    submit: "Save and re-evaluate",
    success: /^\/admin\/jobs\/[0-9a-f-]+/,
    changed: async (page, t) => {
      await open(page, "/admin/policy");
      return (await summaryValue(page, "Reclassification grace period")) === `${Number(t.changed).toLocaleString("en-GB")} days`;
    },
    after: (page, _t, redirect) => waitForReevaluation(page, redirect),
    cleanup: async (page, t) => {
      await open(page, "/admin/policy");
      await page.getByLabel(GRACE).fill(t.original!);
      await page.getByRole("button", { name: "Save and re-evaluate" }).click();
      await expect(page.getByRole("heading", { level: 1, name: "Re-evaluating compliance" })).toBeVisible();
      await expect(page.getByText("Re-evaluation complete")).toBeVisible({ timeout: 240_000 });
      await open(page, "/admin/policy");
      expect(await summaryValue(page, "Reclassification grace period")).toBe(`${Number(t.original).toLocaleString("en-GB")} days`);
    },
  },
  {
    action: "updateProducerAction",
    allowed: ADMIN,
    refused: ADMIN_REFUSED,
    timeout: 240_000,
    url: () => `/admin/register/producers/${producerId("avigilon")}`,
    fill: (page) => page.getByLabel("Notes (optional)").fill(`Replay check ${RUN}`),
    submit: "Save and re-evaluate",
    success: /^\/admin\/jobs\/[0-9a-f-]+/,
    changed: async (page) => {
      await open(page, `/admin/register/producers/${producerId("avigilon")}`);
      return (await summaryValue(page, "Notes")) === `Replay check ${RUN}`;
    },
    after: (page, _t, redirect) => waitForReevaluation(page, redirect),
  },
  {
    action: "saveBrandAction",
    allowed: ADMIN,
    refused: ADMIN_REFUSED,
    timeout: 240_000,
    url: () => `/admin/register/brands/new?producer=${producerId("vivotek")}`,
    fill: (page) => page.getByLabel("Brand name").fill(`Replaycheck ${RUN}`),
    submit: "Add brand and re-evaluate",
    success: /^\/admin\/jobs\/[0-9a-f-]+/,
    changed: async (page) => {
      await open(page, `/admin/register/producers/${producerId("vivotek")}`);
      return ((await page.getByRole("table", { name: "Brands" }).textContent()) ?? "").includes(`Replaycheck ${RUN}`);
    },
    after: (page, _t, redirect) => waitForReevaluation(page, redirect),
  },
  {
    action: "addModelPrefixAction",
    allowed: ADMIN,
    refused: ADMIN_REFUSED,
    timeout: 240_000,
    url: () => `/admin/register/model-prefixes/new?producer=${producerId("vivotek")}`,
    fill: (page) => page.getByLabel("Model prefix").fill(`RPA-${RUN}`),
    submit: "Add prefix and re-evaluate",
    success: /^\/admin\/jobs\/[0-9a-f-]+/,
    changed: (page) => modelPrefixListed(page, "vivotek", `RPA-${RUN}`),
    after: (page, _t, redirect) => waitForReevaluation(page, redirect),
  },
  {
    action: "removeModelPrefixAction",
    allowed: ADMIN,
    refused: ADMIN_REFUSED,
    // Two re-evaluations: adding the prefix to remove, then removing it.
    timeout: 360_000,
    prepare: async (page) => {
      const prefix = `RPR-${RUN}`;
      await open(page, `/admin/register/model-prefixes/new?producer=${producerId("vivotek")}`);
      await page.getByLabel("Model prefix").fill(prefix);
      await page.getByRole("button", { name: "Add prefix and re-evaluate" }).click();
      await expect(page.getByText("Re-evaluation complete")).toBeVisible({ timeout: 240_000 });
      // Removing is asked for on a page of its own, reached from the prefix's row.
      await open(page, `/admin/register/producers/${producerId("vivotek")}`);
      const href = await page.getByRole("link", { name: `Remove the model prefix ${prefix}` }).getAttribute("href");
      return { prefix, confirm: href! };
    },
    url: (t) => t.confirm!,
    fill: async () => {},
    submit: "Yes, remove it and re-evaluate",
    success: /^\/admin\/jobs\/[0-9a-f-]+/,
    changed: async (page, t) => !(await modelPrefixListed(page, "vivotek", t.prefix!)),
    after: (page, _t, redirect) => waitForReevaluation(page, redirect),
  },
];

// --- Capture and replay -------------------------------------------------------------------------

function answerOf({ status, redirect }: Replayed): Refusal | string {
  if (redirect.startsWith("/login")) return "sign in";
  if (status === 403 || status === 404) return status;
  if (status === 200 && redirect === "") return "form error";
  return `${status} ${redirect}`;
}

const describeWho = (who: string | null) => who ?? "a signed-out visitor";

for (const c of CASES) {
  test(`${c.action}: replayed, it is refused for ${c.refused.map(([who]) => describeWho(who)).join(", ")} and changes nothing`, async ({ page, browser }) => {
    test.setTimeout(c.timeout ?? 120_000);
    await signInAs(page, c.allowed);
    const target = c.prepare ? await c.prepare(page) : {};
    await open(page, c.url(target));
    await c.fill(page, target);
    const submit = typeof c.submit === "function" ? c.submit(target) : c.submit;
    const request = await capture(page, () => page.getByRole("button", { name: submit }).click());
    expect(await c.changed(page, target), "before any replay").toBe(false);

    for (const [who, answer] of c.refused) {
      const result = await replay(browser, request, who);
      expect(answerOf(result), `the answer to ${describeWho(who)}`).toBe(answer);
      expect(await c.changed(page, target), `after a replay as ${describeWho(who)}`).toBe(false);
    }

    // The same request with the allowed person's own session goes through: the replay itself is sound.
    const result = await replay(browser, request, c.allowed);
    expect(result.redirect, `the answer to ${c.allowed} (status ${result.status})`).toMatch(c.success);
    await c.after?.(page, target, result.redirect);
    expect(await c.changed(page, target), `after a replay as ${c.allowed}`).toBe(true);
    await c.cleanup?.(page, target);
  });
}
