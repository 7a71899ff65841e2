// Hostile input, table-driven: every form's server action, the import and every route handler,
// sent malformed values the way an attacker would send them (straight to the server, not through
// the browser's form). Each must be answered below 500, with a 4xx or the form again carrying a
// message that names the field, and must leave the database as it was.
// The plain Playwright test, not the fixture that fails on console errors: no page is rendered.
import { expect, test, type APIRequestContext, type Browser } from "@playwright/test";
import { importBatchCount, query, registerFingerprint } from "./database";
import { signInAs } from "./fixtures";

const EDITOR = "editor@ho.example.gov.uk";
const ADMIN = "admin@register.example.gov.uk";
const ANALYST = "analyst@cabinetoffice.example.gov.uk";

const NUL = "\u0000";
const RLO = "\u202E"; // right-to-left override
const ZWSP = "\u200B"; // zero-width space
const LRI = "\u2066"; // left-to-right isolate
const MALFORMED = "The form could not be read: reload the page and try again";
const TAMPERED_IDS: unknown[] = ["12692 OR 1=1", 1e20, {}, null, 12692.5, -1, 0, 2_147_483_648, "12692"];
const TAMPERED_ID_TEXT = ["12692 OR 1=1", "1e20", "{}", "null", "12692.5", "-1", "2147483648", "99999999999", "0x1F", "%00"];

/** How the server must answer. */
type Expected =
  | { kind: "form"; message: string } // the form again (200) with this message
  | { kind: "status"; status: number; message?: string } // this 4xx, with this text in the body
  | { kind: "page"; message: string }; // a page (200) that shows this message

interface Answer {
  status: number;
  body: string;
  redirect: string;
}

interface Case {
  area: string;
  name: string;
  as: "editor" | "admin" | "analyst";
  send: (api: APIRequestContext) => Promise<Answer>;
  expected: Expected;
  /** An upload with bad cells is kept as a batch to preview; everything else writes nothing at all. */
  keepsBatch?: boolean;
}

// --- Records the cases aim at, read from the database of the server under test -------------------

interface Targets {
  siteId: number;
  siteVersion: number;
  emptySiteId: number;
  systemId: number;
  systemVersion: number;
  deviceId: number;
  deviceVersion: number;
  otherSiteId: number;
  userId: number;
  userVersion: number;
  producerId: number;
  producerVersion: number;
  modelPrefixId: number;
  policyVersion: number;
  hoId: number;
  siteCode: string;
}

async function loadTargets(): Promise<Targets> {
  const one = async <T extends Record<string, unknown>>(sql: string): Promise<T> => {
    const [row] = await query<T>(sql);
    if (!row) throw new Error(`no row for ${sql}`);
    return row;
  };
  const ho = await one<{ id: number }>(`SELECT id FROM organisations WHERE acronym = 'HO'`);
  // A Home Office site with an in-service device and a camera system, and a second site to move to.
  const device = await one<{ id: number; version: number; site_id: number }>(
    `SELECT d.id, d.version, d.site_id FROM devices d JOIN sites s ON s.id = d.site_id
     WHERE s.organisation_id = ${ho.id} AND d.lifecycle = 'IN_SERVICE' AND s.archived_at IS NULL
       AND EXISTS (SELECT 1 FROM camera_systems c WHERE c.site_id = s.id)
     ORDER BY d.id DESC LIMIT 1`,
  );
  const site = await one<{ version: number }>(`SELECT version FROM sites WHERE id = ${device.site_id}`);
  const system = await one<{ id: number; version: number }>(`SELECT id, version FROM camera_systems WHERE site_id = ${device.site_id} ORDER BY id LIMIT 1`);
  const other = await one<{ id: number }>(`SELECT id FROM sites WHERE organisation_id = ${ho.id} AND id <> ${device.site_id} AND archived_at IS NULL ORDER BY id LIMIT 1`);
  const user = await one<{ id: number; version: number }>(`SELECT id, version FROM users WHERE email = 'viewer@ho.example.gov.uk'`);
  // A producer with model prefixes, so its page has the forms that remove them.
  const prefix = await one<{ id: number; producer_id: number }>(`SELECT id, producer_id FROM model_prefixes ORDER BY id LIMIT 1`);
  const producer = await one<{ id: number; version: number }>(`SELECT id, version FROM producers WHERE id = ${prefix.producer_id}`);
  const siteCode = await one<{ site_code: string }>(`SELECT site_code FROM sites WHERE id = ${device.site_id}`);
  const policy = await one<{ version: number }>(`SELECT version FROM policy_settings WHERE id = 1`);
  return {
    siteId: device.site_id,
    siteVersion: site.version,
    emptySiteId: 0, // made by the test: only a site with no devices can be archived
    systemId: system.id,
    systemVersion: system.version,
    deviceId: device.id,
    deviceVersion: device.version,
    otherSiteId: other.id,
    userId: user.id,
    userVersion: user.version,
    producerId: producer.id,
    producerVersion: producer.version,
    modelPrefixId: prefix.id,
    policyVersion: policy.version,
    hoId: ho.id,
    siteCode: siteCode.site_code,
  };
}

// --- Server actions, posted the way React posts them ------------------------------------------------

const actionIds = new Map<string, string>();

/**
 * The action id of the form on `url` that has a field called `field` (or, for a name with a space,
 * that contains that text), read from the form's no-JavaScript fallback.
 */
async function actionIdOf(api: APIRequestContext, url: string, field: string): Promise<string> {
  const marker = field.includes(" ") ? field : `name="${field}"`;
  const key = `${url} ${field}`;
  const known = actionIds.get(key);
  if (known) return known;
  const html = await (await api.get(url)).text();
  for (const chunk of html.split("<form").slice(1)) {
    const form = chunk.split("</form>")[0] ?? "";
    const id = /\$ACTION_\d+:0" value="\{&quot;id&quot;:&quot;([0-9a-f]+)&quot;/.exec(form)?.[1];
    if (id && form.includes(marker)) {
      actionIds.set(key, id);
      return id;
    }
  }
  throw new Error(`no form with a ${field} field on ${url}`);
}

interface ActionRequest {
  /** The page the form is on, and a field that picks the form out on it. */
  page: string;
  field: string;
  /** Arguments the page bound into the action, as sent back by the browser. */
  bound?: unknown[];
  fields: Record<string, string> | null;
}

async function postAction(api: APIRequestContext, origin: string, r: ActionRequest): Promise<Answer> {
  const id = await actionIdOf(api, r.page, r.field);
  // As React sends it: the form's fields first (the server reads the body as it streams in, and
  // resolves the form when the arguments arrive), then the arguments: the bound ones, the previous
  // state and the form (or, for a request with no form, a string).
  const multipart = new FormData();
  for (const [k, v] of Object.entries(r.fields ?? {})) multipart.append(`_1_${k}`, v);
  multipart.append("0", JSON.stringify([...(r.bound ?? []), { ok: false, errors: {}, values: {} }, r.fields === null ? "not a form" : "$K1"]));
  const response = await api.post(r.page, {
    headers: { "Next-Action": id, Accept: "text/x-component", Origin: origin },
    multipart,
    maxRedirects: 0,
  });
  return { status: response.status(), body: await response.text(), redirect: response.headers()["x-action-redirect"] ?? response.headers()["location"] ?? "" };
}

async function get(api: APIRequestContext, url: string): Promise<Answer> {
  const response = await api.get(url, { maxRedirects: 0 });
  return { status: response.status(), body: await response.text(), redirect: response.headers()["location"] ?? "" };
}

// --- The table ---------------------------------------------------------------------------------------

function buildCases(t: Targets, origin: string): Case[] {
  const cases: Case[] = [];
  const action = (area: string, name: string, as: Case["as"], r: ActionRequest, expected: Expected) =>
    cases.push({ area, name, as, send: (api) => postAction(api, origin, r), expected });
  const nul = (label: string): Expected => ({ kind: "form", message: `${label} must not contain control characters` });
  const invisible = (label: string): Expected => ({ kind: "form", message: `${label} must not contain invisible formatting characters` });

  // Valid forms: each case spoils one field, so a missing check would let the change through.
  const newSite = {
    organisationId: String(t.hoId), name: "Hostile House", siteCode: "HOSTILE-1", addressLine1: "1 Hostile Street", addressLine2: "", town: "London",
    postcode: "SW1P 4DF", uprn: "", epimsId: "", sensitivity: "NOT_SENSITIVE", alwaysSensitiveAsked: "yes", assessedBy: "", assessedOn: "",
  };
  const device = { kind: "CAMERA", brand: "Axis", model: "P3245-V", serial: "", assetTag: "HOSTILE-TAG-1", mac: "", ip: "", installedOn: "2020-01-01", network: "SEGREGATED", vendorCloud: "no", notes: "", systemId: "" };
  const exemption = { justification: "Isolated until the refit", approvedBy: "Departmental Security Officer", approvedOn: "2025-01-01", expiresOn: "2026-01-01", version: String(t.deviceVersion) };
  const sitePages = {
    create: { page: "/sites/new", field: "siteCode" },
    edit: { page: `/sites/${t.siteId}/edit`, field: "siteCode", bound: [t.siteId] },
  };

  // Sites: every text field with a NUL byte, names with invisible characters.
  const siteLabels: [string, string][] = [
    ["name", "Site name"], ["siteCode", "Site code"], ["addressLine1", "Address line 1"], ["addressLine2", "Address line 2"],
    ["town", "Town or city"], ["epimsId", "ePIMS ID"], ["assessedBy", "Assessed by"],
  ];
  for (const [field, label] of siteLabels) {
    action("add a site", `${field} with a NUL byte`, "editor", { ...sitePages.create, fields: { ...newSite, [field]: `Hostile${NUL}` } }, nul(label));
    action("change a site", `${field} with a NUL byte`, "editor", { ...sitePages.edit, fields: { ...newSite, [field]: `Hostile${NUL}`, version: String(t.siteVersion) } }, nul(label));
  }
  action("add a site", "name with a right-to-left override", "editor", { ...sitePages.create, fields: { ...newSite, name: `${RLO}esuoH elitsoH` } }, invisible("Site name"));
  action("add a site", "name with a zero-width space", "editor", { ...sitePages.create, fields: { ...newSite, name: `Hostile${ZWSP}House` } }, invisible("Site name"));
  action("add a site", "site code with an isolate", "editor", { ...sitePages.create, fields: { ...newSite, siteCode: `HOS${LRI}TILE` } }, invisible("Site code"));
  action("add a site", "postcode with a NUL byte", "editor", { ...sitePages.create, fields: { ...newSite, postcode: `SW1P${NUL}4DF` } }, nul("Postcode"));
  action("add a site", "organisation id 1e20", "editor", { ...sitePages.create, fields: { ...newSite, organisationId: "1e20" } }, { kind: "form", message: "Select the organisation that runs the site" });
  action("add a site", "organisation id 12692 OR 1=1", "editor", { ...sitePages.create, fields: { ...newSite, organisationId: "12692 OR 1=1" } }, { kind: "form", message: "Select the organisation that runs the site" });
  action("add a site", "assessment date 9999-12-31", "editor", { ...sitePages.create, fields: { ...newSite, assessedOn: "9999-12-31" } }, { kind: "form", message: "Assessment date must be today or in the past" });
  action("add a site", "assessment date 1900-01-01", "editor", { ...sitePages.create, fields: { ...newSite, assessedOn: "1900-01-01" } }, { kind: "form", message: "Assessment date must be between 1 January 1970 and today" });
  action("add a site", "effective date 9999-12-31", "editor", { ...sitePages.create, fields: { ...newSite, effectiveFrom: "9999-12-31" } }, { kind: "form", message: "Effective date must be between 1 January 1970 and 31 December 2100" });
  action("add a site", "no form at all", "editor", { ...sitePages.create, fields: null }, { kind: "form", message: MALFORMED });
  action("change a site", "missing version", "editor", { ...sitePages.edit, fields: newSite }, { kind: "form", message: MALFORMED });
  action("change a site", "version 1e20", "editor", { ...sitePages.edit, fields: { ...newSite, version: "1e20" } }, { kind: "form", message: MALFORMED });
  action("change a site", "version {}", "editor", { ...sitePages.edit, fields: { ...newSite, version: "{}" } }, { kind: "form", message: MALFORMED });
  for (const id of TAMPERED_IDS) {
    action("change a site", `bound site id ${JSON.stringify(id)}`, "editor", { ...sitePages.edit, bound: [id], fields: { ...newSite, version: String(t.siteVersion) } }, { kind: "status", status: 404 });
  }
  const archive = { page: `/sites/${t.emptySiteId}/archive`, field: "confirm", bound: [t.emptySiteId] };
  for (const id of ["12692 OR 1=1", 1e20, null, {}]) {
    action("archive a site", `bound site id ${JSON.stringify(id)}`, "editor", { ...archive, bound: [id], fields: { version: "1", confirm: "yes" } }, { kind: "status", status: 404 });
  }
  action("archive a site", "missing version", "editor", { ...archive, fields: { confirm: "yes" } }, { kind: "form", message: MALFORMED });
  action("archive a site", "version 12692.5", "editor", { ...archive, fields: { confirm: "yes", version: "12692.5" } }, { kind: "form", message: MALFORMED });
  action("archive a site", "confirmation with a NUL byte", "editor", { ...archive, fields: { confirm: `yes${NUL}`, version: "1" } }, { kind: "form", message: "Confirm must be yes or no" });

  // Camera systems.
  const newSystem = { page: `/sites/${t.siteId}/systems/new`, field: "name", bound: [t.siteId] };
  const editSystem = { page: `/sites/${t.siteId}/systems/${t.systemId}/edit`, field: "name", bound: [t.siteId, t.systemId] };
  action("add a camera system", "name with a NUL byte", "editor", { ...newSystem, fields: { name: `NVR${NUL}`, description: "" } }, nul("Name"));
  action("add a camera system", "description with a NUL byte", "editor", { ...newSystem, fields: { name: "NVR", description: `Main${NUL}` } }, nul("Description"));
  action("add a camera system", "name with a right-to-left override", "editor", { ...newSystem, fields: { name: `${RLO}RVN`, description: "" } }, invisible("Name"));
  action("add a camera system", "name with a zero-width space", "editor", { ...newSystem, fields: { name: `N${ZWSP}VR`, description: "" } }, invisible("Name"));
  for (const id of ["12692 OR 1=1", 1e20, {}, null, 12692.5]) {
    action("add a camera system", `bound site id ${JSON.stringify(id)}`, "editor", { ...newSystem, bound: [id], fields: { name: "NVR", description: "" } }, { kind: "status", status: 404 });
  }
  action("change a camera system", "name with a NUL byte", "editor", { ...editSystem, fields: { name: `NVR${NUL}`, version: String(t.systemVersion) } }, nul("Name"));
  action("change a camera system", "missing version", "editor", { ...editSystem, fields: { name: "NVR renamed" } }, { kind: "form", message: MALFORMED });
  action("change a camera system", "bound system id 1e20", "editor", { ...editSystem, bound: [t.siteId, 1e20], fields: { name: "NVR renamed", version: String(t.systemVersion) } }, { kind: "status", status: 404 });
  action("change a camera system", "bound system id {}", "editor", { ...editSystem, bound: [t.siteId, {}], fields: { name: "NVR renamed", version: String(t.systemVersion) } }, { kind: "status", status: 404 });

  // Devices: add and change.
  const newDevice = { page: `/sites/${t.siteId}/devices/new`, field: "brand", bound: [t.siteId] };
  const editDevice = { page: `/devices/${t.deviceId}/edit`, field: "brand", bound: [t.deviceId] };
  const deviceLabels: [string, string][] = [["brand", "Brand"], ["model", "Model"], ["serial", "Serial number"], ["assetTag", "Asset tag"], ["notes", "Notes"], ["mac", "MAC address"], ["ip", "IP address"]];
  for (const [field, label] of deviceLabels) {
    action("add a device", `${field} with a NUL byte`, "editor", { ...newDevice, fields: { ...device, [field]: `AC${NUL}CC` } }, nul(label));
    action("change a device", `${field} with a NUL byte`, "editor", { ...editDevice, fields: { ...device, [field]: `AC${NUL}CC`, version: String(t.deviceVersion) } }, nul(label));
  }
  for (const [field, label] of [["brand", "Brand"], ["model", "Model"]] as const) {
    action("add a device", `${field} with a right-to-left override`, "editor", { ...newDevice, fields: { ...device, [field]: `${RLO}noisivikiH` } }, invisible(label));
    action("add a device", `${field} with a zero-width space`, "editor", { ...newDevice, fields: { ...device, [field]: `Hik${ZWSP}vision` } }, invisible(label));
    action("change a device", `${field} with an isolate`, "editor", { ...editDevice, fields: { ...device, [field]: `Hik${LRI}vision`, version: String(t.deviceVersion) } }, invisible(label));
  }
  for (const [installedOn, message] of [
    ["1969-12-31", "Install date must be between 1 January 1970 and today"],
    ["0001-01-01", "Install date must be between 1 January 1970 and today"],
    ["9999-12-31", "Install date must be today or in the past"],
    ["2024-02-30", "Install date must be a real date"],
    [`2024-01-01${NUL}`, "Install date must be a real date"],
  ]) {
    action("add a device", `install date ${JSON.stringify(installedOn)}`, "editor", { ...newDevice, fields: { ...device, installedOn: installedOn! } }, { kind: "form", message: message! });
  }
  action("add a device", "camera system id 1e20", "editor", { ...newDevice, fields: { ...device, systemId: "1e20" } }, { kind: "form", message: "Select a camera system from the list" });
  action("add a device", "kind with a NUL byte", "editor", { ...newDevice, fields: { ...device, kind: `CAMERA${NUL}` } }, { kind: "form", message: "Select the type of device" });
  for (const id of ["12692 OR 1=1", 1e20, {}, null, 12692.5, -1]) {
    action("add a device", `bound site id ${JSON.stringify(id)}`, "editor", { ...newDevice, bound: [id], fields: device }, { kind: "status", status: 404 });
    action("change a device", `bound device id ${JSON.stringify(id)}`, "editor", { ...editDevice, bound: [id], fields: { ...device, version: String(t.deviceVersion) } }, { kind: "status", status: 404 });
  }
  action("change a device", "missing version", "editor", { ...editDevice, fields: device }, { kind: "form", message: MALFORMED });
  action("change a device", "version null", "editor", { ...editDevice, fields: { ...device, version: "null" } }, { kind: "form", message: MALFORMED });
  action("change a device", "no form at all", "editor", { ...editDevice, fields: null }, { kind: "form", message: MALFORMED });

  // Device lifecycle: move, decommission, removal, exemption.
  const move = { page: `/devices/${t.deviceId}/move`, field: "movedOn-day", bound: [t.deviceId] };
  const moveFields = { siteId: String(t.otherSiteId), movedOn: "2025-01-01", version: String(t.deviceVersion) };
  for (const siteId of TAMPERED_ID_TEXT) {
    action("move a device", `destination site ${JSON.stringify(siteId)}`, "editor", { ...move, fields: { ...moveFields, siteId } }, { kind: "form", message: "Select the site the device is moving to" });
  }
  action("move a device", "move date 9999-12-31", "editor", { ...move, fields: { ...moveFields, movedOn: "9999-12-31" } }, { kind: "form", message: "Move date must be today or in the past" });
  action("move a device", "move date 1969-07-20", "editor", { ...move, fields: { ...moveFields, movedOn: "1969-07-20" } }, { kind: "form", message: "Move date must be between 1 January 1970 and today" });
  action("move a device", "missing version", "editor", { ...move, fields: { siteId: moveFields.siteId, movedOn: moveFields.movedOn } }, { kind: "form", message: MALFORMED });
  action("move a device", "bound device id 12692 OR 1=1", "editor", { ...move, bound: ["12692 OR 1=1"], fields: moveFields }, { kind: "status", status: 404 });
  const decommission = { page: `/devices/${t.deviceId}/decommission`, field: "decommissionedOn-day", bound: [t.deviceId] };
  action("decommission a device", "date 9999-12-31", "editor", { ...decommission, fields: { decommissionedOn: "9999-12-31", version: String(t.deviceVersion) } }, { kind: "form", message: "Decommission date must be today or in the past" });
  action("decommission a device", "date with a NUL byte", "editor", { ...decommission, fields: { decommissionedOn: `2025-01-01${NUL}`, version: String(t.deviceVersion) } }, { kind: "form", message: "Decommission date must be a real date" });
  action("decommission a device", "missing version", "editor", { ...decommission, fields: { decommissionedOn: "2025-01-01" } }, { kind: "form", message: MALFORMED });
  action("decommission a device", "bound device id 1e20", "editor", { ...decommission, bound: [1e20], fields: { decommissionedOn: "2025-01-01", version: String(t.deviceVersion) } }, { kind: "status", status: 404 });
  const removal = { page: `/devices/${t.deviceId}/removal`, field: "removalEvidence", bound: [t.deviceId] };
  const removalFields = { removedOn: "2025-01-01", removalEvidence: "Disposal certificate 42", version: String(t.deviceVersion) };
  action("record a removal", "evidence with a NUL byte", "editor", { ...removal, fields: { ...removalFields, removalEvidence: `Certificate${NUL}42` } }, nul("Evidence of removal"));
  action("record a removal", "evidence with a right-to-left override", "editor", { ...removal, fields: { ...removalFields, removalEvidence: `${RLO}24 etacifitreC` } }, invisible("Evidence of removal"));
  action("record a removal", "removal date 0001-01-01", "editor", { ...removal, fields: { ...removalFields, removedOn: "0001-01-01" } }, { kind: "form", message: "Removal date must be between 1 January 1970 and today" });
  action("record a removal", "missing version", "editor", { ...removal, fields: { removedOn: "2025-01-01", removalEvidence: "x" } }, { kind: "form", message: MALFORMED });
  action("record a removal", "bound device id null", "editor", { ...removal, bound: [null], fields: removalFields }, { kind: "status", status: 404 });
  const exempt = { page: `/devices/${t.deviceId}/exemption`, field: "justification", bound: [t.deviceId] };
  action("record an exemption", "justification with a NUL byte", "editor", { ...exempt, fields: { ...exemption, justification: `Isolated${NUL}` } }, nul("Justification"));
  action("record an exemption", "approver with a NUL byte", "editor", { ...exempt, fields: { ...exemption, approvedBy: `DSO${NUL}` } }, nul("Approver"));
  action("record an exemption", "approver with a zero-width space", "editor", { ...exempt, fields: { ...exemption, approvedBy: `D${ZWSP}SO` } }, invisible("Approver"));
  action("record an exemption", "expiry 9999-12-31", "editor", { ...exempt, fields: { ...exemption, expiresOn: "9999-12-31" } }, { kind: "form", message: "Expiry date must be between 1 January 1970 and 31 December 2100" });
  action("record an exemption", "longer than the policy's 3 years", "editor", { ...exempt, fields: { ...exemption, expiresOn: "2028-01-02" } }, { kind: "form", message: "Expiry date must be no later than 1 January 2028" });
  action("record an exemption", "approval date 1969-12-31", "editor", { ...exempt, fields: { ...exemption, approvedOn: "1969-12-31" } }, { kind: "form", message: "Approval date must be between 1 January 1970 and today" });
  action("record an exemption", "approval date not a date", "editor", { ...exempt, fields: { ...exemption, approvedOn: "2025-02-30" } }, { kind: "form", message: "Approval date must be a real date" });
  action("record an exemption", "missing version", "editor", { ...exempt, fields: { ...exemption, version: "" } }, { kind: "form", message: MALFORMED });
  for (const version of ["12692 OR 1=1", "1e20", "{}", "-1", "12692.5"]) {
    action("record an exemption", `version ${JSON.stringify(version)}`, "editor", { ...exempt, fields: { ...exemption, version } }, { kind: "form", message: MALFORMED });
  }
  for (const id of ["12692 OR 1=1", {}, 12692.5]) {
    action("record an exemption", `bound device id ${JSON.stringify(id)}`, "editor", { ...exempt, bound: [id], fields: exemption }, { kind: "status", status: 404 });
  }

  // Administrators: accounts.
  const newUser = { name: "Hostile Person", email: "hostile.person@test.example.gov.uk", role: "ORG_VIEWER", organisationId: String(t.hoId), password: "Hostile-input-2026-long" };
  const createUser = { page: "/admin/users/new", field: "password" };
  action("create an account", "name with a NUL byte", "admin", { ...createUser, fields: { ...newUser, name: `Hostile${NUL}` } }, nul("Full name"));
  action("create an account", "name with a right-to-left override", "admin", { ...createUser, fields: { ...newUser, name: `${RLO}nosreP` } }, invisible("Full name"));
  action("create an account", "email with a NUL byte", "admin", { ...createUser, fields: { ...newUser, email: `hostile${NUL}@test.example.gov.uk` } }, nul("Email address"));
  action("create an account", "email with a zero-width space", "admin", { ...createUser, fields: { ...newUser, email: `hos${ZWSP}tile@test.example.gov.uk` } }, invisible("Email address"));
  for (const organisationId of ["1e20", "99999999999", "12692 OR 1=1"]) {
    action("create an account", `organisation id ${organisationId}`, "admin", { ...createUser, fields: { ...newUser, organisationId } }, { kind: "form", message: "Select an organisation from the list" });
  }
  const editUser = { page: `/admin/users/${t.userId}`, field: "role" };
  const userFields = { id: String(t.userId), version: String(t.userVersion), name: "Renamed Viewer", role: "ORG_VIEWER", organisationId: String(t.hoId) };
  for (const id of ["12692 OR 1=1", "1e20", "{}", "null", "12692.5", "2147483648"]) {
    action("change an account", `id ${id}`, "admin", { ...editUser, fields: { ...userFields, id } }, { kind: "form", message: MALFORMED });
  }
  action("change an account", "missing version", "admin", { ...editUser, fields: { ...userFields, version: "" } }, { kind: "form", message: MALFORMED });
  action("change an account", "name with a NUL byte", "admin", { ...editUser, fields: { ...userFields, name: `Viewer${NUL}` } }, nul("Full name"));
  const userStatus = { page: `/admin/users/${t.userId}/deactivate`, field: "active" };
  for (const id of ["12692 OR 1=1", "99999999999", "-1"]) {
    action("deactivate an account", `id ${id}`, "admin", { ...userStatus, fields: { id, version: String(t.userVersion), active: "false" } }, { kind: "form", message: MALFORMED });
  }
  action("deactivate an account", "missing version", "admin", { ...userStatus, fields: { id: String(t.userId), active: "false" } }, { kind: "form", message: MALFORMED });

  // Administrators: policy.
  const policy = { page: "/admin/policy", field: "maxExemptionMonths" };
  const policyFields = { version: String(t.policyVersion), cutOff: "2022-11-24", removalDeadline: "2025-04-30", reclassificationGraceDays: "400", maxExemptionMonths: "36", notSeenDays: "30" };
  action("policy", "missing version", "admin", { ...policy, fields: { ...policyFields, version: "" } }, { kind: "form", message: MALFORMED });
  action("policy", "version 1e20", "admin", { ...policy, fields: { ...policyFields, version: "1e20" } }, { kind: "form", message: MALFORMED });
  action("policy", "longest exemption 0 months", "admin", { ...policy, fields: { ...policyFields, maxExemptionMonths: "0" } }, { kind: "form", message: "The longest exemption must be between 1 and 120 months" });
  action("policy", "longest exemption 1e20", "admin", { ...policy, fields: { ...policyFields, maxExemptionMonths: "1e20" } }, { kind: "form", message: "The longest exemption must be a whole number of months" });
  action("policy", "not seen for 1e20 days", "admin", { ...policy, fields: { ...policyFields, notSeenDays: "1e20" } }, { kind: "form", message: "Not seen for must be a whole number of days" });
  action("policy", "grace period with a NUL byte", "admin", { ...policy, fields: { ...policyFields, reclassificationGraceDays: `30${NUL}` } }, { kind: "form", message: "The reclassification grace period must be a whole number of days" });
  action("policy", "cut-off 9999-99-99", "admin", { ...policy, fields: { ...policyFields, cutOff: "9999-99-99" } }, { kind: "form", message: "Cut-off date must be a real date" });

  // Administrators: producer register.
  const producer = { page: `/admin/register/producers/${t.producerId}`, field: "source" };
  const producerFields = { id: String(t.producerId), version: String(t.producerVersion), covered: "yes", confidence: "HIGH", source: "Hostile input check", notes: "" };
  action("change a producer", "source with a NUL byte", "admin", { ...producer, fields: { ...producerFields, source: `Register${NUL}` } }, nul("Source"));
  action("change a producer", "notes with a NUL byte", "admin", { ...producer, fields: { ...producerFields, notes: `Notes${NUL}` } }, nul("Notes"));
  action("change a producer", "id 12692 OR 1=1", "admin", { ...producer, fields: { ...producerFields, id: "12692 OR 1=1" } }, { kind: "form", message: MALFORMED });
  action("change a producer", "id 99999999999", "admin", { ...producer, fields: { ...producerFields, id: "99999999999" } }, { kind: "form", message: MALFORMED });
  action("change a producer", "missing version", "admin", { ...producer, fields: { ...producerFields, version: "" } }, { kind: "form", message: MALFORMED });
  const brand = { page: `/admin/register/brands/new?producer=${t.producerId}`, field: "aliases" };
  const brandFields = { id: "", version: "", producerId: String(t.producerId), name: "Hostilebrand", aliases: "", confidence: "HIGH", validUntil: "", source: "Hostile input check", notes: "" };
  action("add a brand", "name with a NUL byte", "admin", { ...brand, fields: { ...brandFields, name: `Hostile${NUL}brand` } }, nul("Brand name"));
  action("add a brand", "name with a right-to-left override", "admin", { ...brand, fields: { ...brandFields, name: `${RLO}dnarbelitsoH` } }, invisible("Brand name"));
  action("add a brand", "name with a zero-width space", "admin", { ...brand, fields: { ...brandFields, name: `Hik${ZWSP}vision` } }, invisible("Brand name"));
  action("add a brand", "other names with an isolate", "admin", { ...brand, fields: { ...brandFields, aliases: `Hi${LRI}Look` } }, invisible("Other names"));
  action("add a brand", "producer id 1e20", "admin", { ...brand, fields: { ...brandFields, producerId: "1e20" } }, { kind: "form", message: "Select the producer" });
  action("add a brand", "valid until 9999-12-31", "admin", { ...brand, fields: { ...brandFields, validUntil: "9999-12-31" } }, { kind: "form", message: "Valid until must be between 1 January 1970 and 31 December 2100" });
  action("add a brand", "id without a version", "admin", { ...brand, fields: { ...brandFields, id: "1" } }, { kind: "form", message: MALFORMED });
  action("add a brand", "id 12692 OR 1=1", "admin", { ...brand, fields: { ...brandFields, id: "12692 OR 1=1", version: "1" } }, { kind: "form", message: MALFORMED });
  const prefix = { page: `/admin/register/model-prefixes/new?producer=${t.producerId}`, field: "prefix" };
  const prefixFields = { producerId: String(t.producerId), prefix: "HOSTILE-1", brand: "", confidence: "" };
  action("add a model prefix", "prefix with a NUL byte", "admin", { ...prefix, fields: { ...prefixFields, prefix: `DS${NUL}2CD` } }, nul("Model prefix"));
  action("add a model prefix", "prefix with a zero-width space", "admin", { ...prefix, fields: { ...prefixFields, prefix: `DS-${ZWSP}2CD` } }, invisible("Model prefix"));
  action("add a model prefix", "prefix with a right-to-left override", "admin", { ...prefix, fields: { ...prefixFields, prefix: `${RLO}DC2-SD` } }, invisible("Model prefix"));
  action("add a model prefix", "brand with a NUL byte", "admin", { ...prefix, fields: { ...prefixFields, brand: `Hik${NUL}` } }, nul("Brand"));
  action("add a model prefix", "producer id 99999999999", "admin", { ...prefix, fields: { ...prefixFields, producerId: "99999999999" } }, { kind: "form", message: "The producer could not be identified" });
  for (const id of ["12692 OR 1=1", "1e20", "{}", "null", "12692.5"]) {
    action("remove a model prefix", `id ${id}`, "admin", { page: `/admin/register/model-prefixes/${t.modelPrefixId}/remove`, field: "id", fields: { id } }, { kind: "form", message: MALFORMED });
  }

  // Pages: an id in the address that is not a record id is an unknown record.
  const encoded = ["12692%20OR%201%3D1", "1e20", "%7B%7D", "null", "12692.5", "-1", "2147483648", "%00"];
  for (const id of encoded) {
    for (const path of [`/devices/${id}`, `/sites/${id}`, `/sites/${id}/edit`, `/organisations/${id}`]) {
      cases.push({ area: "page", name: `GET ${path}`, as: "editor", send: (api) => get(api, path), expected: { kind: "status", status: 404 } });
    }
  }
  for (const path of [`/admin/users/1e20`, `/admin/register/producers/%7B%7D`, `/admin/register/brands/12692.5`, `/admin/register/brands/new?producer=1e20`, `/admin/jobs/%00`, `/sites/${t.siteId}/systems/1e20/edit`]) {
    cases.push({ area: "page", name: `GET ${path}`, as: path.startsWith("/admin") ? "admin" : "editor", send: (api) => get(api, path), expected: { kind: "status", status: 404 } });
  }
  cases.push({ area: "page", name: "GET /import/<tampered batch id>", as: "editor", send: (api) => get(api, "/import/12692%20OR%201%3D1"), expected: { kind: "status", status: 404 } });

  // Pages with filters: a date that cannot be used is named on the page.
  const pageMessage = (path: string, message: string, as: Case["as"] = "admin") =>
    cases.push({ area: "filters", name: `GET ${path}`, as, send: (api) => get(api, path), expected: { kind: "page", message } });
  pageMessage("/audit?from=9999-12-31&to=9999-12-31", "From date must be between 1 January 1970 and 31 December 2100");
  pageMessage("/audit?from=2025-02-30", "From date must be a real date");
  pageMessage("/audit?from=2025-03-01&to=2025-02-01", "To date must be the same as or after the from date");
  pageMessage("/audit?to=0001-01-01", "To date must be between");
  pageMessage("/audit?email=%00&from=x%00", "From date must be a real date");
  pageMessage("/sites?q=%00%E2%80%AE", "Sites", "editor");

  // Route handlers.
  const handler = (name: string, as: Case["as"], path: string, status: number, message?: string) =>
    cases.push({ area: "route handler", name, as, send: (api) => get(api, path), expected: { kind: "status", status, message } });
  handler("report, as-of 9999-12-31", "analyst", "/api/reports/download?format=pdf&asOf=9999-12-31", 422, "As-of date must be");
  handler("report, as-of 1969-01-01", "analyst", "/api/reports/download?format=csv&asOf=1969-01-01", 422, "As-of date must be");
  handler("report, as-of with a NUL byte", "analyst", "/api/reports/download?format=csv&asOf=2025-01-01%00", 422, "As-of date must be");
  handler("report, format with a NUL byte", "analyst", "/api/reports/download?format=pdf%00", 422, "Choose a format");
  handler("report, organisation 1e20", "analyst", "/api/reports/download?format=csv&organisationId=1e20", 422, "Organisation must be");
  handler("report, organisation 12692 OR 1=1", "analyst", "/api/reports/download?format=csv&organisationId=12692%20OR%201%3D1", 422, "Organisation must be");
  handler("register export, organisation 1e20", "editor", "/api/export/register?format=csv&organisationId=1e20", 404, "Organisation not found");
  handler("register export, organisation {}", "editor", "/api/export/register?format=csv&organisationId=%7B%7D", 404, "Organisation not found");
  handler("register export, organisation 2147483648", "editor", "/api/export/register?format=csv&organisationId=2147483648", 404, "Organisation not found");
  handler("register export, format with a NUL byte", "editor", "/api/export/register?format=csv%00", 422, "format must be csv or xlsx");
  handler("dashboard export, format with a NUL byte", "analyst", "/dashboard/export?format=%00", 400, "Choose CSV or XLSX");
  handler("dashboard export, as-of 9999-12-31", "analyst", "/dashboard/export?format=xlsx&asOf=9999-12-31", 422, "As-of date");
  handler("dashboard export, as-of 2024-99-99", "analyst", "/dashboard/export?format=csv&asOf=2024-99-99", 422, "As-of date");
  cases.push({ area: "route handler", name: "CSV template, POST", as: "editor", send: async (api) => {
    const r = await api.post("/import/template.csv", { headers: { Origin: origin }, data: "x", maxRedirects: 0 });
    return { status: r.status(), body: await r.text(), redirect: "" };
  }, expected: { kind: "status", status: 405 } });
  cases.push({ area: "route handler", name: "XLSX template, POST", as: "editor", send: async (api) => {
    const r = await api.post("/import/template.xlsx", { headers: { Origin: origin }, data: "x", maxRedirects: 0 });
    return { status: r.status(), body: await r.text(), redirect: "" };
  }, expected: { kind: "status", status: 405 } });
  for (const batch of ["12692%20OR%201%3D1", "%00", "x".repeat(300), "..%2F..%2Fetc%2Fpasswd"]) {
    cases.push({ area: "route handler", name: `import confirmation of batch ${batch.slice(0, 30)}`, as: "editor", send: async (api) => {
      const r = await api.post(`/api/import/${batch}/confirm`, { headers: { Origin: origin, Accept: "application/json" }, maxRedirects: 0 });
      return { status: r.status(), body: await r.text(), redirect: "" };
    }, expected: { kind: "status", status: 404 } });
  }

  // The import: the file name, then cells.
  const upload = (name: string, header: string, body: string, expected: Expected) =>
    cases.push({ area: "import", name, as: "editor", send: async (api) => {
      const r = await api.post("/api/import", { headers: { Origin: origin, "Content-Type": "text/csv", "X-File-Name": header }, data: Buffer.from(body, "utf8"), maxRedirects: 0 });
      return { status: r.status(), body: await r.text(), redirect: "" };
    }, expected });
  const header = "site_code,kind,brand,model,asset_tag,installed_on\n";
  const goodRow = "HOSTILE-SITE,Camera,Axis,P3245-V,HOSTILE-A1,2020-01-01\n";
  upload("file name with a NUL byte", "hostile%00.csv", header + goodRow, { kind: "status", status: 400, message: "The file name could not be read" });
  upload("file name with broken percent-encoding", "hostile%E0%A4%A.csv", header + goodRow, { kind: "status", status: 400, message: "The file name could not be read" });
  upload("file name of 300 characters", `${"a".repeat(296)}.csv`, header + goodRow, { kind: "status", status: 400, message: "The file name must be 200 characters or fewer" });
  upload("file name with a line break", "hostile%0A.csv", header + goodRow, { kind: "status", status: 400, message: "The file name could not be read" });

  // Cells: the upload is checked and kept for its preview, which lists the problem; confirming it is refused.
  const cellCases: [string, string, string][] = [
    ["brand", `Ax${NUL}is`, "column brand: Brand must not contain control characters"],
    ["brand", `${RLO}sixA`, "column brand: Brand must not contain invisible formatting characters"],
    ["brand", `Hik${ZWSP}vision`, "column brand: Brand must not contain invisible formatting characters"],
    ["model", `P32${LRI}45`, "column model: Model must not contain invisible formatting characters"],
    ["model", `P32${NUL}45`, "column model: Model must not contain control characters"],
    ["asset_tag", `TAG${NUL}`, "column asset_tag: Asset tag must not contain control characters"],
    ["installed_on", "1969-12-31", "column installed_on: Install date must be on or after 1 January 1970"],
    ["installed_on", "9999-12-31", "column installed_on: Install date must be on or before 31 December 2100"],
    ["installed_on", "2024-02-30", "column installed_on: Install date must be a real date"],
    ["installed_on", "31/12/1960", "column installed_on: Install date must be on or after 1 January 1970"],
  ];
  for (const [column, value, message] of cellCases) {
    cases.push({
      area: "import",
      name: `cell ${column} = ${JSON.stringify(value)}`,
      as: "editor",
      keepsBatch: true,
      send: async (api) => {
        const cells: Record<string, string> = { site_code: t.siteCode, kind: "Camera", brand: "Axis", model: "P3245-V", asset_tag: `HOSTILE-${column}`, installed_on: "2020-01-01", [column]: value };
        const csv = header + ["site_code", "kind", "brand", "model", "asset_tag", "installed_on"].map((c) => `"${cells[c]}"`).join(",") + "\n";
        const up = await api.post("/api/import", { headers: { Origin: origin, "Content-Type": "text/csv", "X-File-Name": "hostile-cells.csv" }, data: Buffer.from(csv, "utf8"), maxRedirects: 0 });
        const uploaded = (await up.json().catch(() => ({}))) as { batchId?: string; error?: string };
        if (!uploaded.batchId) return { status: up.status(), body: JSON.stringify(uploaded), redirect: "" };
        const preview = await (await api.get(`/import/${uploaded.batchId}`)).text();
        const confirm = await api.post(`/api/import/${uploaded.batchId}/confirm`, { headers: { Origin: origin, Accept: "application/json" }, maxRedirects: 0 });
        // The preview must name the cell, and the confirmation must be refused.
        const listed = preview.includes(message) ? message : `(preview does not list: ${message})`;
        return { status: confirm.status(), body: `${await confirm.text()} ${listed}`, redirect: "" };
      },
      expected: { kind: "status", status: 422, message },
    });
  }
  return cases;
}

// --- Running the table -------------------------------------------------------------------------------

const tally = new Map<string, number>();
let tried = 0;

function describeAnswer(a: Answer): string {
  if (a.redirect) return `${a.status} redirect`;
  return String(a.status);
}

async function signedIn(browser: Browser, baseURL: string, who: string): Promise<APIRequestContext> {
  const context = await browser.newContext({ baseURL });
  await signInAs(await context.newPage(), who);
  return context.request;
}

test.describe.configure({ mode: "serial" });

test("hostile input: every form, the import and every route handler refuse it with a 4xx or a message, and write nothing", async ({ browser, baseURL }) => {
  // About 1.5 minutes against the production build; the limit leaves room for a slow machine.
  test.setTimeout(300_000);
  const origin = new URL(baseURL!).origin;
  const targets = await loadTargets();
  const api = {
    editor: await signedIn(browser, baseURL!, EDITOR),
    admin: await signedIn(browser, baseURL!, ADMIN),
    analyst: await signedIn(browser, baseURL!, ANALYST),
  };
  // A site with no devices, for the archive form: the one change this spec makes on purpose.
  const run = Date.now().toString(36).toUpperCase();
  const made = await postAction(api.editor, origin, {
    page: "/sites/new",
    field: "siteCode",
    fields: { organisationId: String(targets.hoId), name: `Hostile Archive ${run}`, siteCode: `HST-${run}`, addressLine1: "1 Hostile Street", town: "London", postcode: "SW1P 4DF", sensitivity: "NOT_SENSITIVE", alwaysSensitiveAsked: "yes" },
  });
  targets.emptySiteId = Number(/\/sites\/(\d+)/.exec(made.redirect)?.[1]);
  expect(targets.emptySiteId, `the site to archive was added (${made.status} ${made.redirect} ${made.body.slice(0, 600)})`).toBeGreaterThan(0);
  const cases = buildCases(targets, origin);
  expect(cases.length).toBeGreaterThanOrEqual(150);

  const failures: string[] = [];
  for (const c of cases) {
    const before = await registerFingerprint();
    const batchesBefore = await importBatchCount();
    let answer: Answer;
    try {
      answer = await c.send(api[c.as]);
    } catch (error) {
      failures.push(`${c.area}: ${c.name}: request failed: ${(error as Error).message}`);
      continue;
    }
    tried++;
    const label = describeAnswer(answer);
    tally.set(label, (tally.get(label) ?? 0) + 1);
    const problems: string[] = [];
    if (answer.status >= 500) problems.push(`answered ${answer.status}`);
    if (answer.redirect) problems.push(`redirected to ${answer.redirect} (accepted?)`);
    const e = c.expected;
    if (e.kind === "status" && answer.status !== e.status) problems.push(`answered ${answer.status}, expected ${e.status}`);
    if ((e.kind === "form" || e.kind === "page") && answer.status !== 200) problems.push(`answered ${answer.status}, expected the form or page again`);
    const message = e.kind === "status" ? e.message : e.message;
    if (message && !answer.body.includes(message)) problems.push(`no message "${message}" in: ${answer.body.replace(/\s+/g, " ").slice(0, 300)}`);
    if ((await registerFingerprint()) !== before) problems.push("the register changed");
    if (!c.keepsBatch && (await importBatchCount()) !== batchesBefore) problems.push("an import batch was stored");
    if (problems.length > 0) failures.push(`${c.area}: ${c.name}: ${problems.join("; ")}`);
  }

  const byStatus = [...tally.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([k, n]) => `${k} ×${n}`).join(", ");
  console.log(`hostile input: ${tried} inputs tried across ${new Set(cases.map((c) => c.area)).size} areas; answers by status: ${byStatus}`);
  expect(failures, failures.join("\n")).toEqual([]);
});
