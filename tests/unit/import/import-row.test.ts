import { describe, expect, it } from "vitest";
import { describeCellError, validateImportRow, type ImportRowContext } from "@/lib/validation/import-row";

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
      "Row 7, column kind: Select the type of device",
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
});
