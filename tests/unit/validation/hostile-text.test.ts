import { describe, expect, it } from "vitest";
import { fieldErrors } from "@/lib/validation/field-errors";
import { cameraSystemEditSchema, cameraSystemFormSchema } from "@/lib/validation/camera-system";
import { deviceEditSchema, deviceFormSchema, moveDeviceSchema } from "@/lib/validation/device";
import { exemptionFormSchema, exemptionTooLong, addMonths } from "@/lib/validation/exemption";
import { validateImportRow, type ImportRowContext } from "@/lib/validation/import-row";
import { policySchema } from "@/lib/validation/policy";
import { brandSchema, modelPrefixSchema, producerSchema, removeModelPrefixSchema } from "@/lib/validation/register";
import { siteEditSchema, siteFormSchema, siteListQuerySchema } from "@/lib/validation/site";
import { createUserSchema, updateUserSchema, userStatusSchema } from "@/lib/validation/user";
import { auditQuerySchema } from "@/lib/validation/audit";
import { reportQuerySchema } from "@/lib/reports/query";
import { MALFORMED_FORM } from "@/lib/validation/fields";
import type { z } from "zod";

// Every text field goes through one builder: these tables hold each form's text fields to it.

const device = { kind: "CAMERA", brand: "Axis", network: "SEGREGATED", vendorCloud: "no" };
const site = {
  organisationId: "1", name: "2 Marsham Street", siteCode: "HO-1", addressLine1: "2 Marsham Street", town: "London",
  postcode: "SW1P 4DF", sensitivity: "NOT_SENSITIVE",
};
const exemption = { justification: "Isolated", approvedBy: "DSO", approvedOn: "2025-01-01", expiresOn: "2026-01-01", version: "1" };
const producer = { id: "1", version: "1", covered: "yes", confidence: "HIGH", source: "Register" };
const brand = { producerId: "1", name: "Acme", confidence: "HIGH", source: "Register" };
const user = { name: "Pat", email: "pat@example.gov.uk", role: "ORG_VIEWER", organisationId: "1", password: "A-long-password-2026" };

type Form = [name: string, schema: z.ZodType, valid: Record<string, string>, textFields: string[]];
const FORMS: Form[] = [
  ["device", deviceFormSchema, device, ["brand", "model", "serial", "assetTag", "notes"]],
  ["site", siteFormSchema, site, ["name", "siteCode", "addressLine1", "addressLine2", "town", "epimsId", "assessedBy"]],
  ["camera system", cameraSystemFormSchema, { name: "NVR" }, ["name", "description"]],
  ["exemption", exemptionFormSchema, exemption, ["justification", "approvedBy"]],
  ["producer", producerSchema, producer, ["source", "notes"]],
  ["brand", brandSchema, brand, ["name", "aliases", "source", "notes"]],
  ["model prefix", modelPrefixSchema, { producerId: "1", prefix: "DS-2CD" }, ["prefix", "brand"]],
  ["new account", createUserSchema, user, ["name", "email"]],
];

const HOSTILE: [what: string, text: string, message: RegExp][] = [
  ["a NUL byte", "Axis\u0000", /must not contain control characters/],
  ["a bell character", "Ax\u0007is", /must not contain control characters/],
  ["a C1 control", "Axis\u0085", /must not contain control characters/],
  ["a zero-width space", "Ax\u200Bis", /must not contain invisible formatting characters/],
  ["a right-to-left override", "\u202EsixA", /must not contain invisible formatting characters/],
  ["a first-strong isolate", "\u2068Axis\u2069", /must not contain invisible formatting characters/],
  // A byte order mark at either end is trimmed like a space; inside the text it is refused.
  ["a byte order mark", "Ax\uFEFFis", /must not contain invisible formatting characters/],
];

describe("every text field of every form refuses control and invisible characters, naming the field", () => {
  for (const [name, schema, valid, fields] of FORMS) {
    it(`${name}: the valid example passes`, () => {
      expect(schema.safeParse(valid).error?.issues ?? []).toEqual([]);
    });
    for (const field of fields) {
      it.each(HOSTILE)(`${name}.${field} with %s`, (_what, text, message) => {
        const result = schema.safeParse({ ...valid, [field]: text });
        expect(result.success).toBe(false);
        const errors = fieldErrors(result.error!);
        expect(errors[field]).toMatch(message);
      });
    }
  }
});

describe("text is normalised on the way in", () => {
  it("stores composed characters (NFC), so names that look the same are the same", () => {
    const decomposed = "Cafe\u0301 House";
    const parsed = cameraSystemFormSchema.parse({ name: decomposed });
    expect(parsed.name).toBe("Café House");
    expect(parsed.name).toBe(parsed.name.normalize("NFC"));
  });

  it("keeps line breaks and tabs in long text", () => {
    expect(deviceFormSchema.parse({ ...device, notes: "line one\r\nline\ttwo" }).notes).toBe("line one\r\nline\ttwo");
  });

  it("strips what it would refuse from a search box rather than failing the page", () => {
    expect(siteListQuerySchema.parse({ q: "Mar\u0000sham\u200B" }).q).toBe("Marsham");
    expect(auditQuerySchema.parse({ email: "a\u0000b@example.gov.uk" }).email).toBe("ab@example.gov.uk");
  });
});

describe("hidden ids and versions", () => {
  const TAMPERED = ["12692 OR 1=1", "1e20", "{}", "null", "12692.5", "-1", "0", "2147483648", "99999999999", "0x10", " ", "1\u0000"];
  it.each(TAMPERED)("a version of %j is a malformed form, not a stale one", (version) => {
    const result = exemptionFormSchema.safeParse({ ...exemption, version });
    expect(fieldErrors(result.error!)).toMatchObject({ form: MALFORMED_FORM });
  });

  it.each([
    ["device edit", deviceEditSchema, device],
    ["site edit", siteEditSchema, site],
    ["camera system edit", cameraSystemEditSchema, { name: "NVR" }],
    ["move", moveDeviceSchema, { siteId: "2", movedOn: "2025-01-01" }],
    ["producer", producerSchema, { ...producer, version: "" }],
    ["account", updateUserSchema, { id: "5", name: "Pat", role: "ADMIN", organisationId: "" }],
    ["account status", userStatusSchema, { id: "5", active: "false" }],
    ["policy", policySchema, { cutOff: "2022-11-24", removalDeadline: "2025-04-30", reclassificationGraceDays: "365", maxExemptionMonths: "36", notSeenDays: "30" }],
  ] as const)("%s: a missing version is a malformed form", (_name, schema, valid) => {
    const result = (schema as z.ZodType).safeParse(valid);
    expect(result.success).toBe(false);
    expect(fieldErrors(result.error!).form).toBe(MALFORMED_FORM);
  });

  it.each(TAMPERED)("a record id of %j is refused by the schema", (id) => {
    expect(removeModelPrefixSchema.safeParse({ id }).success).toBe(false);
    expect(userStatusSchema.safeParse({ id, version: "1", active: "true" }).success).toBe(false);
    expect(createUserSchema.safeParse({ ...user, organisationId: id }).success).toBe(false);
    expect(moveDeviceSchema.safeParse({ siteId: id, movedOn: "2025-01-01", version: "1" }).success).toBe(false);
  });

  it("the create forms still take no version", () => {
    expect(deviceFormSchema.parse(device).version).toBeNull();
    expect(siteFormSchema.parse(site).version).toBeNull();
  });
});

describe("dates in a sane range", () => {
  it.each([
    ["1969-12-31", /Install date must be between 1 January 1970 and today/],
    ["0001-01-01", /Install date must be between 1 January 1970 and today/],
    ["31/12/1969", /Install date must be between 1 January 1970 and today/],
    ["9999-12-31", /Install date must be today or in the past/],
    ["2024-02-30", /Install date must be a real date/],
    ["2024-13-01", /Install date must be a real date/],
    ["2024-01-01\u0000", /Install date must be a real date/],
  ])("an install date of %j is refused", (installedOn, message) => {
    expect(fieldErrors(deviceFormSchema.safeParse({ ...device, installedOn }).error!).installedOn).toMatch(message);
  });

  it("an expiry in the far future is refused", () => {
    expect(fieldErrors(exemptionFormSchema.safeParse({ ...exemption, expiresOn: "9999-12-31" }).error!).expiresOn).toMatch(
      /Expiry date must be between 1 January 1970 and 31 December 2100/,
    );
  });

  it.each([
    [{ from: "9999-12-31", to: "9999-12-31" }, { from: /From date must be between/, to: /To date must be between/ }],
    [{ from: "2025-02-30" }, { from: /From date must be a real date/ }],
    [{ from: "2025-03-01", to: "2025-02-01" }, { to: /To date must be the same as or after the from date/ }],
    [{ to: "1900-01-01" }, { to: /To date must be between/ }],
  ])("the audit trail names a date filter it cannot use: %j", (q, expected) => {
    const query = auditQuerySchema.parse(q);
    for (const [k, message] of Object.entries(expected)) expect(query.errors[k]).toMatch(message);
    expect(query.from).toBeNull();
    expect(query.to).toBeNull();
  });

  it("the audit trail takes a good range", () => {
    expect(auditQuerySchema.parse({ from: "2025-01-01", to: "2025-12-31" })).toMatchObject({ from: "2025-01-01", to: "2025-12-31", errors: {} });
  });
});

describe("the exemption limit", () => {
  it("adds months, keeping to the end of a shorter month", () => {
    expect(addMonths("2025-01-31", 1)).toBe("2025-02-28");
    expect(addMonths("2024-02-29", 36)).toBe("2027-02-28");
    expect(addMonths("2025-06-15", 36)).toBe("2028-06-15");
  });

  it("refuses an expiry more than the policy's months after approval, and names the last day allowed", () => {
    expect(exemptionTooLong("2025-06-15", "2028-06-15", 36)).toBeNull();
    expect(exemptionTooLong("2025-06-15", "2028-06-16", 36)).toBe(
      "Expiry date must be no later than 15 June 2028: the policy allows an exemption of up to 3 years from its approval",
    );
    expect(exemptionTooLong("2025-06-15", "2025-08-01", 1)).toMatch(/up to 1 month from/);
  });

  it.each([["0"], ["121"], ["3.5"], ["-1"], ["36 months"], [""]])("the policy form refuses a limit of %j", (maxExemptionMonths) => {
    const result = policySchema.safeParse({ version: "1", cutOff: "2022-11-24", removalDeadline: "2025-04-30", reclassificationGraceDays: "365", maxExemptionMonths, notSeenDays: "30" });
    expect(fieldErrors(result.error!).maxExemptionMonths).toMatch(/(longest exemption|longest an exemption)/i);
  });
});

describe("import cells go through the same fields", () => {
  const ctx: ImportRowContext = {
    organisation: (a) => (a === "HO" ? 1 : null),
    today: "2026-01-01",
    defaultOrganisationId: 1,
    findSite: () => 7,
  };
  const row = { organisation: "HO", site_code: "HO-1", kind: "Camera", brand: "Axis", asset_tag: "T-1" };
  it.each([
    ["brand", "Ax\u0000is", /Brand must not contain control characters/],
    ["model", "P32\u202E45", /Model must not contain invisible formatting characters/],
    ["notes", "\u200B", /Notes must not contain invisible formatting characters/],
    ["system", "NVR\u0000", /System name must not contain control characters/],
    ["organisation", "H\u0000O", /Organisation must not contain control characters/],
    ["installed_on", "1969-07-20", /Install date must be on or after 1 January 1970/],
    ["installed_on", "9999-12-31", /Install date must be on or before 31 December 2100|must be today or in the past/],
    ["site_code", "HO\u20661", /Site code must not contain invisible formatting characters/],
  ])("column %s = %j is refused with the column named", (column, value, message) => {
    const result = validateImportRow(2, { ...row, [column]: value }, ctx);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.find((e) => e.column === column)?.message).toMatch(message);
  });
});

describe("report downloads describe the past", () => {
  it.each(["9999-12-31", "2100-01-01", "1969-12-31"])("an as-of date of %s is refused", (asOf) => {
    const result = reportQuerySchema.safeParse({ format: "csv", asOf });
    expect(result.error?.issues.map((i) => i.message)).toEqual(["As-of date must be between 1 January 1970 and today"]);
  });

  it("today and a past date are taken", () => {
    expect(reportQuerySchema.parse({ format: "csv", asOf: "2025-01-01" }).asOf).toBe("2025-01-01");
    expect(reportQuerySchema.parse({ format: "csv", asOf: "today" }).asOf).toBeNull();
  });
});
