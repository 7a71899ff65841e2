import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  datePartsFromIso,
  datePartsFromText,
  datePartsInError,
  optionalDate,
  parseDateParts,
  readDateParts,
  requiredDate,
  withDateParts,
  type DateParts,
  type DateRule,
} from "@/lib/validation/date-parts";

const TODAY = "2026-06-15";
const parts = (day: string, month: string, year: string): DateParts => ({ day, month, year });
const required: DateRule = { label: "Removal date", missing: "Enter the date the device was removed", notFuture: true };
const optional: DateRule = { label: "Install date", notFuture: true };
const plain: DateRule = { label: "Expiry date", missing: "Enter the date the exemption expires" };
const parse = (p: DateParts, rule: DateRule = plain) => parseDateParts(p, rule, TODAY);

describe("parseDateParts: what was entered", () => {
  it("turns day, month and year into an ISO date", () => {
    expect(parse(parts("5", "3", "2024"))).toEqual({ ok: true, value: "2024-03-05" });
    expect(parse(parts("05", "03", "2024"))).toEqual({ ok: true, value: "2024-03-05" });
    expect(parse(parts("31", "12", "1999"))).toEqual({ ok: true, value: "1999-12-31" });
  });

  it("ignores whitespace around each part", () => {
    expect(parse(parts("  5 ", "\t3", "2024\n"))).toEqual({ ok: true, value: "2024-03-05" });
  });

  it("accepts ordinal days and month names in full or short", () => {
    expect(parse(parts("1st", "January", "2024"))).toEqual({ ok: true, value: "2024-01-01" });
    expect(parse(parts("22nd", "feb", "2024"))).toEqual({ ok: true, value: "2024-02-22" });
    expect(parse(parts("3rd", "Sept", "2024"))).toEqual({ ok: true, value: "2024-09-03" });
    expect(parse(parts("4th", "DEC.", "2024"))).toEqual({ ok: true, value: "2024-12-04" });
    expect(parse(parts("4", "ju", "2024"))).toMatchObject({ ok: false, message: "Expiry date must be a real date", parts: ["month"] });
    expect(parse(parts("4", "janu", "2024"))).toMatchObject({ ok: false, message: "Expiry date must be a real date", parts: ["month"] });
  });
});

describe("parseDateParts: nothing or part of it entered", () => {
  it("asks for a required date that was left empty, marking the whole date", () => {
    expect(parse(parts("", "", ""), required)).toEqual({ ok: false, message: "Enter the date the device was removed", parts: ["day", "month", "year"] });
    expect(parse(parts("  ", "\t", ""), required)).toMatchObject({ ok: false, message: "Enter the date the device was removed" });
  });

  it("allows an optional date to be left empty", () => {
    expect(parse(parts("", "", ""), optional)).toEqual({ ok: true, value: null });
    expect(parse(parts(" ", " ", " "), optional)).toEqual({ ok: true, value: null });
  });

  it("names what is missing, marking only those fields", () => {
    expect(parse(parts("1", "", "2024"))).toEqual({ ok: false, message: "Expiry date must include a month", parts: ["month"] });
    expect(parse(parts("", "1", "2024"))).toEqual({ ok: false, message: "Expiry date must include a day", parts: ["day"] });
    expect(parse(parts("1", "1", ""))).toEqual({ ok: false, message: "Expiry date must include a year", parts: ["year"] });
    expect(parse(parts("", "", "2024"))).toEqual({ ok: false, message: "Expiry date must include a day and month", parts: ["day", "month"] });
    expect(parse(parts("", "1", ""))).toEqual({ ok: false, message: "Expiry date must include a day and year", parts: ["day", "year"] });
    expect(parse(parts("1", "", ""))).toEqual({ ok: false, message: "Expiry date must include a month and year", parts: ["month", "year"] });
  });

  it("reports a missing part before an impossible one, even for an optional date", () => {
    expect(parse(parts("", "13", "2024"), optional)).toEqual({ ok: false, message: "Install date must include a day", parts: ["day"] });
  });
});

describe("parseDateParts: dates that cannot be right", () => {
  it("refuses days and months out of range, marking that field", () => {
    expect(parse(parts("32", "1", "2024"))).toEqual({ ok: false, message: "Expiry date must be a real date", parts: ["day"] });
    expect(parse(parts("0", "1", "2024"))).toEqual({ ok: false, message: "Expiry date must be a real date", parts: ["day"] });
    expect(parse(parts("1", "13", "2024"))).toEqual({ ok: false, message: "Expiry date must be a real date", parts: ["month"] });
    expect(parse(parts("1", "0", "2024"))).toEqual({ ok: false, message: "Expiry date must be a real date", parts: ["month"] });
    expect(parse(parts("32", "13", "2024"))).toEqual({ ok: false, message: "Expiry date must be a real date", parts: ["day", "month"] });
  });

  it("refuses 31 February and other days the month does not have, marking the whole date", () => {
    expect(parse(parts("31", "2", "2024"))).toEqual({ ok: false, message: "Expiry date must be a real date", parts: ["day", "month", "year"] });
    expect(parse(parts("31", "4", "2024"))).toMatchObject({ ok: false, message: "Expiry date must be a real date" });
    expect(parse(parts("30", "2", "2024"))).toMatchObject({ ok: false, message: "Expiry date must be a real date" });
  });

  it("knows leap years", () => {
    expect(parse(parts("29", "2", "2024"))).toEqual({ ok: true, value: "2024-02-29" });
    expect(parse(parts("29", "2", "2000"))).toEqual({ ok: true, value: "2000-02-29" });
    expect(parse(parts("29", "2", "2023"))).toMatchObject({ ok: false, message: "Expiry date must be a real date" });
    expect(parse(parts("29", "2", "2100"))).toMatchObject({ ok: false, message: "Expiry date must be a real date" });
  });

  it("asks for a year of 4 numbers", () => {
    expect(parse(parts("1", "1", "24"))).toEqual({ ok: false, message: "Expiry date year must include 4 numbers", parts: ["year"] });
    expect(parse(parts("1", "1", "20245"))).toEqual({ ok: false, message: "Expiry date year must include 4 numbers", parts: ["year"] });
  });

  it("refuses what is not a number", () => {
    expect(parse(parts("one", "1", "2024"))).toEqual({ ok: false, message: "Expiry date must be a real date", parts: ["day"] });
    expect(parse(parts("1", "1", "20x4"))).toEqual({ ok: false, message: "Expiry date must be a real date", parts: ["year"] });
    expect(parse(parts("1.5", "1", "2024"))).toMatchObject({ ok: false, parts: ["day"] });
    expect(parse(parts("-1", "1", "2024"))).toMatchObject({ ok: false, parts: ["day"] });
    expect(parse(parts("1e1", "1", "2024"))).toMatchObject({ ok: false, parts: ["day"] });
    expect(parse(parts("1 2", "1", "2024"))).toMatchObject({ ok: false, parts: ["day"] });
    // Digits from other scripts look like numbers but are not what the service stores.
    expect(parse(parts("١", "1", "2024"))).toMatchObject({ ok: false, parts: ["day"] });
    expect(parse(parts("1", "1", "２０２４"))).toMatchObject({ ok: false, message: "Expiry date must be a real date", parts: ["year"] });
  });

  it("refuses NUL bytes and other control characters", () => {
    expect(parse(parts("1\u0000", "1", "2024"))).toEqual({ ok: false, message: "Expiry date must be a real date", parts: ["day"] });
    expect(parse(parts("1", "\u00001", "2024"))).toMatchObject({ ok: false, parts: ["month"] });
    expect(parse(parts("1", "1", "2024\u0000"))).toMatchObject({ ok: false, message: "Expiry date must be a real date", parts: ["year"] });
    expect(parse(parts("\u0000", "\u0000", "\u0000"), required)).toMatchObject({ ok: false, message: "Removal date must be a real date" });
  });

  it("refuses huge numbers and oversized values without trouble", () => {
    expect(parse(parts("99999999999999999999", "1", "2024"))).toMatchObject({ ok: false, message: "Expiry date must be a real date", parts: ["day"] });
    expect(parse(parts("1", "1", "9".repeat(400)))).toMatchObject({ ok: false, message: "Expiry date year must include 4 numbers" });
    const huge = "1".repeat(1_000_000);
    expect(parse(parts(huge, huge, huge))).toMatchObject({ ok: false, message: "Expiry date must be a real date" });
  });
});

describe("parseDateParts: the date's rule", () => {
  it("keeps things that have happened to today or the past", () => {
    expect(parse(parts("15", "6", "2026"), required)).toEqual({ ok: true, value: "2026-06-15" });
    expect(parse(parts("16", "6", "2026"), required)).toEqual({
      ok: false,
      message: "Removal date must be today or in the past",
      parts: ["day", "month", "year"],
    });
    expect(parse(parts("31", "12", "9999"), required)).toMatchObject({ message: "Removal date must be today or in the past" });
  });

  it("keeps things to come to today or the future", () => {
    const future: DateRule = { label: "Review date", missing: "Enter the review date", notPast: true };
    expect(parse(parts("15", "6", "2026"), future)).toEqual({ ok: true, value: "2026-06-15" });
    expect(parse(parts("14", "6", "2026"), future)).toMatchObject({ ok: false, message: "Review date must be today or in the future" });
  });

  it("keeps every date between 1970 and 2100", () => {
    expect(parse(parts("1", "1", "1970"))).toEqual({ ok: true, value: "1970-01-01" });
    expect(parse(parts("31", "12", "2100"))).toEqual({ ok: true, value: "2100-12-31" });
    expect(parse(parts("31", "12", "1969"))).toEqual({
      ok: false,
      message: "Expiry date must be between 1 January 1970 and 31 December 2100",
      parts: ["day", "month", "year"],
    });
    expect(parse(parts("1", "1", "2101"))).toMatchObject({ message: "Expiry date must be between 1 January 1970 and 31 December 2100" });
    expect(parse(parts("1", "1", "0001"))).toMatchObject({ message: "Expiry date must be between 1 January 1970 and 31 December 2100" });
    expect(parse(parts("31", "12", "1969"), required)).toMatchObject({ message: "Removal date must be between 1 January 1970 and today" });
    expect(parse(parts("1", "1", "0000"))).toMatchObject({ message: "Expiry date must be a real date" });
  });
});

describe("reading the parts", () => {
  it("from a form post, a query string or an object", () => {
    const form = new FormData();
    form.append("removedOn-day", "5");
    form.append("removedOn-month", "3");
    form.append("removedOn-year", "2024");
    expect(readDateParts(form, "removedOn")).toEqual(parts("5", "3", "2024"));
    expect(readDateParts(new URLSearchParams("from-day=1&from-month=2&from-year=2025"), "from")).toEqual(parts("1", "2", "2025"));
    expect(readDateParts({ "to-day": ["7", "8"], "to-month": "9", "to-year": 2025 }, "to")).toEqual(parts("7", "9", "2025"));
  });

  it("treats a part not sent as empty, and a file as nothing", () => {
    const form = new FormData();
    form.append("removedOn-day", "5");
    form.append("removedOn-year", new Blob(["2024"]));
    expect(readDateParts(form, "removedOn")).toEqual(parts("5", "", ""));
    expect(readDateParts({}, "removedOn")).toEqual(parts("", "", ""));
  });

  it("reads a whole ISO date under the field's own name when no part was sent", () => {
    expect(readDateParts({ from: "2025-03-01" }, "from")).toEqual(parts("01", "03", "2025"));
    expect(readDateParts(new URLSearchParams("from=2025-02-30"), "from")).toEqual(parts("30", "02", "2025"));
    expect(readDateParts({ from: "2025-03-01", "from-day": "2" }, "from")).toEqual(parts("2", "", ""));
  });

  it("reads a whole date written day first", () => {
    expect(datePartsFromText("31/12/1969")).toEqual(parts("31", "12", "1969"));
    expect(parse(datePartsFromText("29/2/2024"))).toEqual({ ok: true, value: "2024-02-29" });
  });

  it("makes text of another shape a date that is not real", () => {
    expect(datePartsFromText("")).toEqual(parts("", "", ""));
    expect(parse(datePartsFromText("yesterday"))).toMatchObject({ ok: false, message: "Expiry date must be a real date" });
    expect(parse(datePartsFromText("15"))).toMatchObject({ ok: false, message: "Expiry date must be a real date" });
    expect(parse(datePartsFromText("x\u0000"))).toMatchObject({ ok: false, message: "Expiry date must be a real date" });
    expect(parse(datePartsFromText("2024-01-01\u0000"))).toMatchObject({ ok: false, message: "Expiry date must be a real date" });
    expect(parse(datePartsFromText("9999-99-99"))).toMatchObject({ ok: false, message: "Expiry date must be a real date" });
  });

  it("shows a stored date in the fields without leading zeros", () => {
    expect(datePartsFromIso("2024-03-05")).toEqual(parts("5", "3", "2024"));
    expect(datePartsFromIso(null)).toEqual(parts("", "", ""));
    expect(datePartsFromIso("2024-02-30")).toEqual(parts("", "", ""));
  });
});

describe("datePartsInError", () => {
  it("marks the missing parts, then the impossible ones, else the whole date", () => {
    expect(datePartsInError(parts("", "", ""))).toEqual(["day", "month", "year"]);
    expect(datePartsInError(parts("1", "", "2024"))).toEqual(["month"]);
    expect(datePartsInError(parts("", "13", ""))).toEqual(["day", "year"]);
    expect(datePartsInError(parts("1", "13", "24"))).toEqual(["month", "year"]);
    expect(datePartsInError(parts("1", "1", "2024"))).toEqual(["day", "month", "year"]);
  });
});

describe("date fields in a form's schema", () => {
  const schema = withDateParts(
    ["removedOn", "installedOn"],
    z.object({ removedOn: requiredDate({ label: "Removal date", missing: "Enter the date the device was removed" }), installedOn: optionalDate({ label: "Install date" }), note: z.string().optional() }),
  );

  it("reads each date from its three parts", () => {
    const parsed = schema.parse({ "removedOn-day": "1", "removedOn-month": "2", "removedOn-year": "2024", "installedOn-day": "", "installedOn-month": "", "installedOn-year": "", note: "kept" });
    expect(parsed).toEqual({ removedOn: "2024-02-01", installedOn: null, note: "kept" });
  });

  it("reports each date's problem under its name, every one at once", () => {
    const result = schema.safeParse({ "removedOn-day": "", "removedOn-month": "", "removedOn-year": "", "installedOn-day": "31", "installedOn-month": "", "installedOn-year": "2024" });
    expect(result.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["removedOn", "Enter the date the device was removed"],
      ["installedOn", "Install date must include a month"],
    ]);
  });

  it("refuses a blank required date sent as nothing at all", () => {
    expect(schema.safeParse({}).error?.issues.map((i) => i.message)).toEqual(["Enter the date the device was removed"]);
  });

  it("reads a form post directly too", () => {
    const form = new FormData();
    form.append("removedOn-day", "29");
    form.append("removedOn-month", "2");
    form.append("removedOn-year", "2024");
    expect(schema.parse(form)).toEqual({ removedOn: "2024-02-29", installedOn: null });
  });
});
