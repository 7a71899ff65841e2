import { describe, expect, it } from "vitest";
import { TEMPLATE_EXAMPLE_MESSAGE, describeCellError, validateImportRow, type ImportRowContext } from "@/lib/validation/import-row";

const ctx: ImportRowContext = {
  organisation: (acronym) => ({ HO: 1, UKVI: 2 })[acronym] ?? null,
  defaultOrganisationId: 1,
  today: "2026-11-28",
  findSite: (org, code, epims) => (org === 1 && code === "HO-1" ? 10 : epims === "999" ? "other-organisation" : null),
};

const existing = { site_code: "HO-1", kind: "Camera", brand: "Axis", asset_tag: "AT-1" };
const newSite = {
  site_code: "HO-2", site_name: "New House", address_line1: "1 Road", town: "Leeds", postcode: "ls1 4ap",
  sensitivity: "Not sensitive", kind: "camera", brand: "Axis", serial: "S-1",
};

describe("validateImportRow", () => {
  it("accepts a device on an existing site, with defaults for network and lifecycle", () => {
    const r = validateImportRow(2, existing, ctx);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.row).toMatchObject({ row: 2, organisationId: 1, site: null, network: "UNKNOWN", lifecycle: "IN_SERVICE", vendorCloud: null });
  });

  it("needs the site details for a new site, and normalises them", () => {
    const r = validateImportRow(3, newSite, ctx);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.row.site).toMatchObject({ name: "New House", postcode: "LS1 4AP", sensitivity: "NOT_SENSITIVE" });
    const missing = validateImportRow(3, { ...newSite, town: "", postcode: "" }, ctx);
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.errors.map((e) => e.column)).toEqual(["town", "postcode"]);
  });

  it("names every problem in a row with its column, in column order", () => {
    const r = validateImportRow(7, { ...existing, organisation: "MOJ", installed_on: "2023-02-30", mac: "zz", kind: "" }, ctx);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => describeCellError(7, e))).toEqual([
      "Row 7, column organisation: Organisation MOJ is not one you can import for: enter the acronym of your organisation or one of its agencies",
      "Row 7, column kind: Enter the kind of device: Camera, Recorder, Encoder or Other",
      "Row 7, column mac: Enter a MAC address in the correct format, like 44:47:CC:12:34:56",
      "Row 7, column installed_on: Install date must be a real date in the form YYYY-MM-DD",
    ]);
  });

  it("needs a key to find the device again, and removal details for a removed device", () => {
    const r = validateImportRow(4, { site_code: "HO-1", kind: "Camera", brand: "Axis", lifecycle: "Removed" }, ctx);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => e.column)).toEqual(["asset_tag", "removed_on", "removal_evidence"]);
  });

  it("refuses a sensitive new site without a criterion and an ePIMS ID held elsewhere", () => {
    const sensitive = validateImportRow(5, { ...newSite, sensitivity: "Sensitive" }, ctx);
    expect(sensitive.ok).toBe(false);
    if (!sensitive.ok) expect(sensitive.errors[0]?.column).toBe("sensitivity");
    const elsewhere = validateImportRow(6, { ...newSite, epims_id: "999" }, ctx);
    expect(elsewhere.ok).toBe(false);
    if (!elsewhere.ok) expect(elsewhere.errors[0]?.message).toBe("ePIMS ID 999 is already used by another organisation's site");
  });

  it("accepts DD/MM/YYYY dates and yes/no/unknown answers", () => {
    const r = validateImportRow(8, { ...existing, installed_on: "01/06/2019", vendor_cloud: "Yes" }, ctx);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.row).toMatchObject({ installedOn: "2019-06-01", vendorCloud: true });
  });

  it("reports every problem in a row at once, the future date beside a bad MAC address and a bad vendor cloud answer", () => {
    const r = validateImportRow(9, { ...existing, mac: "not-a-mac", vendor_cloud: "perhaps", installed_on: "2027-01-01" }, ctx);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => describeCellError(9, e))).toEqual([
      "Row 9, column mac: Enter a MAC address in the correct format, like 44:47:CC:12:34:56",
      "Row 9, column installed_on: Install date must be today or in the past",
      "Row 9, column vendor_cloud: Vendor cloud service must be yes, no or unknown",
    ]);
  });

  it("checks the rules between cells whenever the cells they read are good, whatever else is wrong", () => {
    const removed = validateImportRow(10, { ...existing, brand: "", lifecycle: "Removed", ip: "999.1.1.1" }, ctx);
    expect(removed.ok).toBe(false);
    if (!removed.ok) expect(removed.errors.map((e) => e.column)).toEqual(["brand", "ip", "removed_on", "removal_evidence"]);
    const site = validateImportRow(11, { ...newSite, postcode: "nowhere", sensitivity: "Sensitive", controls_extended: "yes", sensitive_since: "2030-01-01" }, ctx);
    expect(site.ok).toBe(false);
    if (!site.ok) {
      expect(site.errors.map((e) => [e.column, e.message])).toEqual([
        ["postcode", "Enter a real postcode, like SW1A 2AA"],
        ["sensitivity", "A sensitive site must meet one of the criteria: answer yes in holds_secret_material, hosts_dv_staff, used_by_ministers or socpa_designated"],
        ["controls_extended", "Controls can only be extended to a site that is not sensitive"],
        ["sensitive_since", "Sensitive since date must be today or in the past"],
      ]);
    }
  });

  it.each([
    ["kind", "Periscope", "Kind must be Camera, Recorder, Encoder or Other"],
    ["network", "Wi-Fi", "Network must be Core, Segregated, Standalone or Unknown"],
    ["lifecycle", "Broken", "Lifecycle must be In service, Decommissioned or Removed"],
    ["vendor_cloud", "maybe", "Vendor cloud service must be yes, no or unknown"],
  ])("a choice in %s that is not allowed lists the allowed values", (column, value, message) => {
    const r = validateImportRow(12, { ...existing, [column]: value }, ctx);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors).toEqual([{ column, message }]);
  });

  it("lists the allowed values for a new site's sensitivity and criteria, and for a missing kind", () => {
    const r = validateImportRow(13, { ...newSite, sensitivity: "Very", hosts_dv_staff: "lots", kind: "" }, ctx);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors).toEqual([
        { column: "sensitivity", message: "Sensitivity must be Sensitive, Not sensitive or Not yet assessed" },
        { column: "hosts_dv_staff", message: "Hosts DV-cleared officials must be yes or no" },
        { column: "kind", message: "Enter the kind of device: Camera, Recorder, Encoder or Other" },
      ]);
    }
  });

  it("takes the choices in the words of the forms, the export and the template", () => {
    const r = validateImportRow(14, { ...newSite, sensitivity: "Not yet assessed", kind: "Recorder (NVR or DVR)", network: "core", lifecycle: "in-service" }, ctx);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.row).toMatchObject({ kind: "RECORDER", network: "CORE", lifecycle: "IN_SERVICE", site: { sensitivity: "UNASSESSED" } });
    const exported = validateImportRow(15, { ...newSite, sensitivity: "Unassessed", network: "Standalone (not networked)" }, ctx);
    expect(exported.ok).toBe(true);
  });

  it("says once that a site code is not in the organisation when the row gives no site details", () => {
    const r = validateImportRow(16, { ...existing, site_code: "HO-9" }, ctx);
    expect(r).toEqual({
      ok: false,
      errors: [{ column: "site_code", message: "Site code HO-9 was not found in your organisation: check the code, or give the site's name, address, town, postcode and sensitivity to add it as a new site" }],
    });
    const agency = validateImportRow(17, { ...existing, organisation: "ukvi", site_code: "HO-1" }, ctx);
    expect(agency.ok).toBe(false);
    if (!agency.ok) expect(agency.errors.map((e) => e.message)).toEqual([expect.stringMatching(/^Site code HO-1 was not found in UKVI: /)]);
    const epims = validateImportRow(18, { ...existing, site_code: "", epims_id: "4242" }, ctx);
    expect(epims.ok).toBe(false);
    if (!epims.ok) expect(epims.errors).toEqual([{ column: "epims_id", message: expect.stringMatching(/^ePIMS ID 4242 was not found in your organisation: /) }]);
  });

  it("takes a row with any of the site's details as a new site, and names what it lacks", () => {
    const r = validateImportRow(19, { ...existing, site_code: "HO-9", site_name: "Annexe" }, ctx);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => e.column)).toEqual(["address_line1", "town", "postcode", "sensitivity"]);
  });

  it("refuses the template's example rows with one message", () => {
    const example = { ...newSite, site_code: "EXAMPLE-0001", postcode: "nowhere" };
    expect(validateImportRow(2, example, ctx)).toEqual({ ok: false, errors: [{ column: "site_code", message: TEMPLATE_EXAMPLE_MESSAGE }] });
    expect(validateImportRow(3, { ...existing, asset_tag: "example-cam-1" }, ctx)).toEqual({ ok: false, errors: [{ column: "asset_tag", message: TEMPLATE_EXAMPLE_MESSAGE }] });
    expect(TEMPLATE_EXAMPLE_MESSAGE).toBe("This is the template's example row: replace or delete it");
  });
});
