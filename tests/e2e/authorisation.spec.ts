import { defaultSeedOptions, generateSeedData } from "@/lib/seed/generate";
import { expect, signInAs, test } from "./fixtures";

// The authorisation matrix: every page and download against every role and a signed-out visitor.
// Ids come from the deterministic demo data: Home Office (the signed-in editor's and viewer's
// department) and the Ministry of Justice (outside their scope).
const data = generateSeedData(defaultSeedOptions());
const org = (acronym: string) => data.organisations.find((o) => o.acronym === acronym)!.id;
const HO = org("HO");
const MOJ = org("MoJ");
const hoSite = data.sites.find((s) => s.organisationId === HO)!.id;
const mojSite = data.sites.find((s) => s.organisationId === MOJ)!.id;
function firstDeviceAt(siteId: number): number {
  for (const d of data.devices()) if (d.siteId === siteId) return d.id;
  throw new Error(`no device at site ${siteId}`);
}
const systemOf = (organisationId: number) => data.systems.find((s) => data.sites.find((site) => site.id === s.siteId)?.organisationId === organisationId)!;
const hoSystem = systemOf(HO);
const mojSystem = systemOf(MOJ);
const hoDevice = firstDeviceAt(hoSite);
const mojDevice = firstDeviceAt(mojSite);

type Outcome = 200 | 401 | 403 | 404 | "login";
const ROLES = {
  editor: "editor@ho.example.gov.uk",
  viewer: "viewer@ho.example.gov.uk",
  cabinet: "analyst@cabinetoffice.example.gov.uk",
  minister: "private.office@minister.example.gov.uk",
  admin: "admin@register.example.gov.uk",
} as const;
type Who = keyof typeof ROLES | "anonymous";

// [path, editor, viewer, cabinet, minister, admin, anonymous]
const PAGES: [string, Outcome, Outcome, Outcome, Outcome, Outcome, Outcome][] = [
  ["/dashboard", 403, 403, 200, 200, 403, "login"],
  ["/organisations", 200, 200, 200, 403, 403, "login"],
  [`/organisations/${HO}`, 200, 200, 200, 403, 403, "login"],
  [`/organisations/${MOJ}`, 404, 404, 200, 403, 403, "login"],
  ["/sites", 200, 200, 200, 403, 403, "login"],
  [`/sites/${hoSite}`, 200, 200, 200, 403, 403, "login"],
  [`/sites/${mojSite}`, 404, 404, 200, 403, 403, "login"],
  ["/sites/new", 200, 403, 403, 403, 403, "login"],
  [`/sites/${hoSite}/edit`, 200, 403, 403, 403, 403, "login"],
  [`/sites/${mojSite}/edit`, 404, 403, 403, 403, 403, "login"],
  [`/sites/${hoSite}/devices/new`, 200, 403, 403, 403, 403, "login"],
  [`/sites/${hoSite}/systems/new`, 200, 403, 403, 403, 403, "login"],
  [`/sites/${mojSite}/systems/new`, 404, 403, 403, 403, 403, "login"],
  [`/sites/${hoSystem.siteId}/systems/${hoSystem.id}/edit`, 200, 403, 403, 403, 403, "login"],
  [`/sites/${mojSystem.siteId}/systems/${mojSystem.id}/edit`, 404, 403, 403, 403, 403, "login"],
  [`/devices/${hoDevice}`, 200, 200, 200, 403, 403, "login"],
  [`/devices/${mojDevice}`, 404, 404, 200, 403, 403, "login"],
  [`/devices/${hoDevice}/edit`, 200, 403, 403, 403, 403, "login"],
  [`/devices/${mojDevice}/edit`, 404, 403, 403, 403, 403, "login"],
  [`/devices/${hoDevice}/move`, 200, 403, 403, 403, 403, "login"],
  [`/devices/${hoDevice}/exemption`, 200, 403, 403, 403, 403, "login"],
  ["/import", 200, 403, 403, 403, 403, "login"],
  ["/reports", 200, 200, 200, 200, 403, "login"],
  ["/audit", 200, 200, 200, 403, 200, "login"],
  ["/admin", 403, 403, 403, 403, 200, "login"],
  ["/admin/users", 403, 403, 403, 403, 200, "login"],
  ["/admin/policy", 403, 403, 403, 403, 200, "login"],
  ["/admin/register", 403, 403, 403, 403, 200, "login"],
  ["/admin/register/model-prefixes/new?producer=1", 403, 403, 403, 403, 200, "login"],
];

// Downloads answer with a status, never a page: signed out is 401.
const DOWNLOADS: [string, Outcome, Outcome, Outcome, Outcome, Outcome, Outcome][] = [
  [`/api/export/register?format=csv&organisationId=${HO}`, 200, 200, 200, 403, 403, 401],
  [`/api/export/register?format=csv&organisationId=${MOJ}`, 404, 404, 200, 403, 403, 401],
  ["/dashboard/export?format=csv", 403, 403, 200, 200, 403, 401],
  ["/api/reports/download?format=csv&asOf=today", 200, 200, 200, 200, 403, 401],
];

const WHO: Who[] = ["editor", "viewer", "cabinet", "minister", "admin", "anonymous"];

for (const [index, who] of WHO.entries()) {
  test(`authorisation matrix: ${who}`, async ({ page }) => {
    test.setTimeout(180_000);
    if (who !== "anonymous") await signInAs(page, ROLES[who]);
    const problems: string[] = [];
    for (const row of PAGES) {
      const expected = row[index + 1] as Outcome;
      const response = await page.goto(row[0]);
      const actual: Outcome | number = page.url().includes("/login?") ? "login" : (response?.status() ?? 0);
      if (actual !== expected) problems.push(`${row[0]}: expected ${expected}, got ${actual}`);
    }
    for (const row of DOWNLOADS) {
      const expected = row[index + 1] as Outcome;
      const response = await page.request.get(row[0], { maxRedirects: 0 });
      const location = response.headers()["location"] ?? "";
      const actual: Outcome | number = response.status() >= 300 && response.status() < 400 && location.includes("/login") ? "login" : response.status();
      if (actual !== expected) problems.push(`${row[0]}: expected ${expected}, got ${actual}`);
    }
    expect(problems).toEqual([]);
  });
}
