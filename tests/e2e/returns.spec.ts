// Returns and attestation in a browser: the Cabinet Office opens a round covering the Home Office;
// an editor changes a device so the department's figures move; the accountable official reviews
// the figures, answers the statements and attests; a later change marks the return "Changed since
// attestation" with what changed; the official attests again and the Cabinet Office sees it.
// Every page of the journey is checked with axe (accessibility-every-page.spec.ts leaves the pages
// of one round to this spec). Each test opens its own round, named for the run.
import { execFile } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { expect as plainExpect, test as plainTest, type Page } from "@playwright/test";
import { todayInLondon } from "@/lib/platform/today";
import { query } from "./database";
import { expect, expectNoAxeViolations, signInAs, test } from "./fixtures";
import { capture, replay } from "./support/action-capture";
import { fillDate } from "./support/dates";

const CABINET_OFFICE = "analyst@cabinetoffice.example.gov.uk";
const EDITOR = "editor@ho.example.gov.uk";
const OFFICIAL = "official@ho.example.gov.uk";
const MINISTER = "private.office@minister.example.gov.uk";
const VIEWER = "viewer@ho.example.gov.uk";
const RUN = Date.now().toString(36).toUpperCase();

const NETWORK_LABELS: Record<string, string> = {
  CORE: "Departmental core network",
  SEGREGATED: "Segregated network",
  STANDALONE: "Standalone (not networked)",
  UNKNOWN: "Not known",
};

function daysAfter(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

async function switchTo(page: Page, email: string): Promise<void> {
  await page.context().clearCookies();
  await signInAs(page, email);
}

/** A covered Home Office camera in service, off the core network, whose edit form saves as it is. */
async function coveredDevice(): Promise<{ id: number; network: string }> {
  const [device] = await query<{ id: number; network: string }>(
    `SELECT d.id, d.network::text AS network FROM devices d
       JOIN device_compliance c ON c.device_id = d.id
       JOIN sites s ON s.id = d.site_id
       JOIN organisations o ON o.id = d.organisation_id
      WHERE (o.acronym = 'HO' OR o.parent_id = (SELECT id FROM organisations WHERE acronym = 'HO'))
        AND c.covered AND c.in_service AND NOT c.core_network AND d.network <> 'CORE'
        AND d.lifecycle = 'IN_SERVICE' AND d.installed_on IS NOT NULL AND s.archived_at IS NULL
      ORDER BY d.id DESC LIMIT 1`,
  );
  if (!device) throw new Error("The demo data has no covered Home Office device off the core network");
  return device;
}

async function setNetwork(page: Page, deviceId: number, network: string): Promise<void> {
  await page.goto(`/devices/${deviceId}/edit`);
  await page.getByRole("group", { name: "Which network is the device connected to?" }).getByLabel(NETWORK_LABELS[network]!, { exact: true }).check();
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("alert", { name: "Success" })).toBeVisible();
}

/** The status tag under the heading of a department's return. */
function returnStatus(page: Page) {
  return page.locator("main h1 + p .govuk-tag");
}

async function answerEveryStatement(page: Page, answer: "Yes" | "No"): Promise<void> {
  const groups = page.locator("form fieldset").filter({ has: page.getByRole("radio", { name: "Yes" }) });
  for (let i = 0; i < (await groups.count()); i++) await groups.nth(i).getByRole("radio", { name: answer }).check();
}

test("a round is opened, the official attests, a change is flagged and the official attests again", async ({ page }) => {
  test.setTimeout(300_000);
  const device = await coveredDevice();
  const today = todayInLondon();
  const roundName = `Quarterly return ${RUN}`;
  const main = page.locator("main");

  // The Cabinet Office opens a round covering the Home Office.
  await signInAs(page, CABINET_OFFICE);
  await page.goto("/returns");
  await expect(page.getByRole("heading", { level: 1, name: "Returns" })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Open a return round" }).click();
  await expect(page).toHaveURL(/\/returns\/new$/);
  await expectNoAxeViolations(page);
  // Every statement is asked unless unticked.
  for (const box of await page.getByRole("group", { name: "Statements departments must confirm" }).getByRole("checkbox").all()) {
    await expect(box).toBeChecked();
  }

  // An invalid form: the error summary, each problem at its field, and the title says so.
  await page.getByRole("group", { name: "Statements departments must confirm" }).getByRole("checkbox").first().uncheck();
  await page.getByRole("button", { name: "Open the round" }).click();
  const summary = page.locator(".govuk-error-summary");
  await expect(summary).toBeVisible();
  await expect(summary).toContainText("Enter a name for the round");
  await expect(summary).toContainText("Enter the date the figures are as of");
  await expect(summary).toContainText("Enter the date returns are due");
  await expect(page).toHaveTitle(/^Error: /);
  await expect(page.getByRole("group", { name: "Statements departments must confirm" }).getByRole("checkbox").first()).not.toBeChecked();
  await expectNoAxeViolations(page);

  await page.getByLabel("Name of the round").fill(roundName);
  await fillDate(page, "As-of date", today);
  await fillDate(page, "Due date", daysAfter(today, 14));
  await page.getByRole("group", { name: "Statements departments must confirm" }).getByRole("checkbox").first().check();
  await page.getByRole("checkbox", { name: "Home Office (HO)" }).check();
  await page.getByRole("button", { name: "Open the round" }).click();
  await expect(page).toHaveURL(/\/returns\/\d+\?done=opened$/);
  await expect(page.getByRole("alert", { name: "Success" })).toContainText("The return round has been opened");
  const roundId = Number(/\/returns\/(\d+)/.exec(page.url())![1]);
  await expect(page.getByRole("heading", { level: 1, name: roundName })).toBeVisible();
  const table = page.getByRole("table", { name: /Departments' returns/ });
  await expect(table.getByRole("row")).toHaveCount(2);
  await expect(table.getByRole("row", { name: /Home Office/ })).toContainText("Not started");
  await expectNoAxeViolations(page);

  // The status filter works as a plain form.
  await page.getByLabel("Status", { exact: true }).selectOption("ATTESTED");
  await page.getByRole("button", { name: "Show returns" }).click();
  await expect(page).toHaveURL(new RegExp(`/returns/${roundId}\\?status=ATTESTED$`));
  await expect(main).toContainText("No department's return has this status.");
  await expectNoAxeViolations(page);
  const hoId = (await query<{ id: number }>("SELECT id FROM organisations WHERE acronym = 'HO'"))[0]!.id;
  const returnPath = `/returns/${roundId}/${hoId}`;

  // An editor saves a draft (they cannot attest), then puts a covered camera on the core network.
  await switchTo(page, EDITOR);
  await page.goto("/returns");
  await expect(page.getByRole("row", { name: new RegExp(roundName) })).toContainText("Not started");
  await expectNoAxeViolations(page);
  await page.getByRole("row", { name: new RegExp(roundName) }).getByRole("link", { name: /Home Office's return/ }).click();
  await expect(page).toHaveURL(new RegExp(`${returnPath}$`));
  await expect(page.getByRole("button", { name: "Attest" })).toHaveCount(0);
  await answerEveryStatement(page, "Yes");
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page.getByRole("alert", { name: "Success" })).toContainText("saved as a draft");
  await expect(returnStatus(page)).toHaveText("In progress");
  await expectNoAxeViolations(page);
  await setNetwork(page, device.id, "CORE");

  // The official reviews and attests; a form without every answer and the tick is refused first.
  await switchTo(page, OFFICIAL);
  await page.goto(returnPath);
  await expect(page.getByRole("heading", { level: 1, name: "Home Office's return" })).toBeVisible();
  await expect(returnStatus(page)).toHaveText("In progress");
  await expect(page.getByRole("table", { name: "Devices with open findings" })).toBeVisible();
  await expectNoAxeViolations(page);
  const firstGroup = page.locator("form fieldset").filter({ has: page.getByRole("radio", { name: "Yes" }) }).first();
  await expect(firstGroup.getByRole("radio", { name: "Yes" })).toBeChecked(); // the editor's draft
  await firstGroup.getByRole("radio", { name: "No" }).check();
  await page.getByRole("button", { name: "Attest" }).click();
  await expect(summary).toBeVisible();
  // Every problem at once: the missing tick and the "no" without its exceptions.
  await expect(summary).toContainText("Confirm that you have reviewed the figures and the answers are true");
  await expect(summary).toContainText("List what is excepted");
  await expect(page.locator(".govuk-form-group--error textarea")).toHaveCount(1);
  await expect(page).toHaveTitle(/^Error: /);
  await expectNoAxeViolations(page);

  // A form posted with figures other than the ones now counted is refused, in words.
  await firstGroup.getByRole("radio", { name: "Yes" }).check();
  await page.getByLabel("Comment (optional)").fill("Two cameras are being replaced this quarter.");
  await page.getByRole("checkbox", { name: "I have reviewed these figures and the answers are true" }).check();
  await page.locator("input[name=figuresHash]").evaluate((input: HTMLInputElement) => (input.value = "0".repeat(64)));
  await page.getByRole("button", { name: "Attest" }).click();
  await expect(summary).toContainText("The figures have changed since you opened this page");
  await expect(page.getByRole("checkbox", { name: "I have reviewed these figures and the answers are true" })).not.toBeChecked();
  expect(await query("SELECT a.id FROM attestations a JOIN return_departments rd ON rd.id = a.return_id WHERE rd.round_id = $1", [roundId])).toEqual([]);

  await page.getByRole("checkbox", { name: "I have reviewed these figures and the answers are true" }).check();
  await page.getByRole("button", { name: "Attest" }).click();
  await expect(page.getByRole("alert", { name: "Success" })).toContainText("The return has been attested");
  await expect(returnStatus(page)).toHaveText("Attested");
  await page.getByText("Reference of the attested figures").click();
  await expect(main.locator("details code")).toHaveText(/^[0-9a-f]{64}$/);
  await expect(main).toContainText("Two cameras are being replaced this quarter.");
  await expectNoAxeViolations(page);
  const coreFigure = page.locator(".govuk-summary-list__row").filter({ has: page.locator("dt", { hasText: /^Covered equipment on the core network$/ }) });
  const coreBefore = Number((await coreFigure.locator("dd").innerText()).replace(/,/g, ""));
  expect(coreBefore).toBeGreaterThan(0);

  // The editor takes the camera off the core network again: the figures move.
  await switchTo(page, EDITOR);
  await setNetwork(page, device.id, device.network);

  // The official sees what changed, and attests again.
  await switchTo(page, OFFICIAL);
  await page.goto(returnPath);
  await expect(returnStatus(page)).toHaveText("Changed since attestation");
  const banner = page.getByRole("region", { name: "Changed since attestation" });
  await expect(banner).toBeVisible();
  const changed = banner.getByRole("table", { name: "Figures that changed" }).getByRole("row", { name: /Covered equipment on the core network/ });
  await expect(changed.getByRole("cell")).toHaveText([String(coreBefore), String(coreBefore - 1)]);
  await expect(banner.getByRole("table", { name: "Devices whose result changed" })).toBeVisible();
  await expectNoAxeViolations(page);
  // The answers start from the latest attestation's.
  await expect(page.getByLabel("Comment (optional)")).toHaveValue("Two cameras are being replaced this quarter.");
  await page.getByRole("checkbox", { name: "I have reviewed these figures and the answers are true" }).check();
  await page.getByRole("button", { name: "Attest" }).click();
  await expect(page.getByRole("alert", { name: "Success" })).toContainText("The return has been attested");
  await expect(returnStatus(page)).toHaveText("Attested");
  await expect(page.getByRole("region", { name: "Changed since attestation" })).toHaveCount(0);
  await expect(main.locator(".govuk-summary-card")).toHaveCount(2);
  await expectNoAxeViolations(page);

  // The Cabinet Office sees the department attested.
  await switchTo(page, CABINET_OFFICE);
  await page.goto(`/returns/${roundId}`);
  const row = page.getByRole("table", { name: /Departments' returns/ }).getByRole("row", { name: /Home Office/ });
  await expect(row).toContainText("Attested");
  await expect(row).toContainText("Olu Official");
  await page.goto("/returns");
  await expect(page.getByRole("row", { name: new RegExp(roundName) })).toContainText("1 of 1");

  // The minister's office downloads the report: each format names the round and the Home Office attested.
  await switchTo(page, MINISTER);
  await page.goto("/reports");
  const pdf = await downloadReport(page, "Download PDF");
  const pdfFile = path.join(os.tmpdir(), `returns-report-${RUN}.pdf`);
  await writeFile(pdfFile, pdf);
  const { stdout } = await promisify(execFile)("pdftotext", ["-layout", pdfFile, "-"]);
  const pdfWords = stdout.replace(/\s+/g, " ");
  expect(pdfWords).toContain(`The Cabinet Office's return round "${roundName}"`);
  expect(pdfWords).toMatch(/Home Office \(HO\) Attested Olu Official/);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(new Uint8Array(await downloadReport(page, "Download spreadsheet (XLSX)")).buffer);
  const returnsSheet = workbook.getWorksheet("Returns")!;
  const sheetRows = returnsSheet.getSheetValues().slice(1).map((r) => (r as unknown[]).slice(1));
  expect(sheetRows[0]).toEqual(["Department", "Return", "Attested by", "Attested on"]);
  expect(sheetRows).toContainEqual(expect.arrayContaining(["Home Office (HO)", "Attested", "Olu Official"]));
  const csv = parse((await downloadReport(page, "Download organisations (CSV)")).toString("utf8")) as string[][];
  expect(csv[0]!.slice(-2)).toEqual(["Return round", "Return status"]);
  expect(csv.find((r) => r[1] === "HO")!.slice(-2)).toEqual([roundName, "Attested"]);
});

/** A report the reports page offers, by its button's name, as bytes. */
async function downloadReport(page: Page, name: string): Promise<Buffer> {
  const [file] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name }).click()]);
  return readFile((await file.path())!);
}

// --- A forged attestation ------------------------------------------------------------------------
// The plain Playwright test, not the fixture that fails on console errors: the captured request is
// aborted on purpose, and the browser logs that as a failed fetch.


plainTest("someone who is not the accountable official sees no Attest button, and a forged attestation is refused", async ({ page, browser }) => {
  plainTest.setTimeout(180_000);
  const [round] = await query<{ id: number }>(
    `INSERT INTO return_rounds (name, as_of, due_on, declarations, opened_by)
     VALUES ($1, current_date, current_date + 14, $2::jsonb, $3) RETURNING id`,
    [`Forgery check ${RUN}`, JSON.stringify([{ id: "register-complete", text: "Every camera system on the department's estate and its agencies' is in the register." }]), CABINET_OFFICE],
  );
  const [ho] = await query<{ id: number }>("SELECT id FROM organisations WHERE acronym = 'HO'");
  await query("INSERT INTO return_departments (round_id, organisation_id) VALUES ($1, $2)", [round!.id, ho!.id]);
  const path = `/returns/${round!.id}/${ho!.id}`;
  const attestations = async () =>
    (await query<{ n: number }>("SELECT count(*)::int AS n FROM attestations a JOIN return_departments rd ON rd.id = a.return_id WHERE rd.round_id = $1", [round!.id]))[0]!.n;

  // The viewer sees the return, but no form to answer or attest.
  await signInAs(page, VIEWER);
  await page.goto(path);
  await plainExpect(page.getByRole("heading", { level: 1, name: "Home Office's return" })).toBeVisible();
  await plainExpect(page.getByRole("button", { name: "Attest" })).toHaveCount(0);
  await plainExpect(page.getByRole("button", { name: "Save draft" })).toHaveCount(0);
  await expectNoAxeViolations(page);

  // The official's attestation, captured and sent with the viewer's session: the permission page.
  await page.context().clearCookies();
  await signInAs(page, OFFICIAL);
  await page.goto(path);
  await answerEveryStatement(page, "Yes");
  await page.getByRole("checkbox", { name: "I have reviewed these figures and the answers are true" }).check();
  const request = await capture(page, () => page.getByRole("button", { name: "Attest" }).click());
  const forged = await replay(browser, request, VIEWER);
  plainExpect(forged.status).toBe(403);
  plainExpect(forged.redirect).toBe("");
  plainExpect(await attestations()).toBe(0);
  // So is an editor's, who may save a draft but not attest.
  plainExpect((await replay(browser, request, EDITOR)).status).toBe(403);
  plainExpect(await attestations()).toBe(0);

  // The same request with the official's own session goes through: the replay itself is sound.
  const own = await replay(browser, request, OFFICIAL);
  plainExpect(own.redirect).toContain(`${path}?done=attested`);
  plainExpect(await attestations()).toBe(1);
});
