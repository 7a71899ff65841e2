import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays, compareIsoDates, formatLongDate, fromEpochDay, isIsoDate, laterOf, toEpochDay } from "@/lib/compliance";

const MS_PER_DAY = 86_400_000;
/** Reference implementation through Date.UTC, valid for years 1000–9999 (no two-digit-year mapping). */
function referenceAddDays(iso: string, days: number): string {
  const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d) + days * MS_PER_DAY).toISOString().slice(0, 10);
}

const isoDate = fc
  .integer({ min: toEpochDay("1000-01-01"), max: toEpochDay("9989-12-31") })
  .map((n) => fromEpochDay(n));

describe("isIsoDate", () => {
  it.each(["2022-11-24", "2024-02-29", "2000-02-29", "0001-01-01", "9999-12-31", "2025-04-30"])("accepts %s", (s) => {
    expect(isIsoDate(s)).toBe(true);
  });

  it.each([
    "2023-02-29",
    "1900-02-29",
    "2025-04-31",
    "2025-13-01",
    "2025-00-10",
    "2025-01-00",
    "0000-01-01",
    "2025-1-01",
    "2025/01/01",
    " 2025-01-01",
    "2025-01-01T00:00:00Z",
    "20250101",
    "",
    "２０２５-01-01",
  ])("rejects %j", (s) => {
    expect(isIsoDate(s)).toBe(false);
  });

  it("rejects non-strings", () => {
    expect(isIsoDate(null)).toBe(false);
    expect(isIsoDate(20250101)).toBe(false);
    expect(isIsoDate(new Date(Date.UTC(2025, 0, 1)))).toBe(false);
  });

  it("agrees with a Date round trip", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1000, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }), (y, m, d) => {
        const s = `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
        const roundTrip = m >= 1 && m <= 12 && d >= 1 && new Date(Date.UTC(y, m - 1, d)).toISOString().slice(0, 10) === s;
        expect(isIsoDate(s)).toBe(roundTrip);
      }),
    );
  });
});

describe("epoch days and addDays", () => {
  it("counts from 1970-01-01", () => {
    expect(toEpochDay("1970-01-01")).toBe(0);
    expect(toEpochDay("1969-12-31")).toBe(-1);
    expect(toEpochDay("2022-11-24")).toBe(Date.UTC(2022, 10, 24) / MS_PER_DAY);
  });

  it.each([
    ["2024-06-01", 365, "2025-06-01"],
    ["2024-02-28", 1, "2024-02-29"],
    ["2023-02-28", 1, "2023-03-01"],
    ["2024-12-31", 1, "2025-01-01"],
    ["2025-03-01", -1, "2025-02-28"],
    ["2022-11-24", 0, "2022-11-24"],
    ["2024-05-01", 365, "2025-05-01"],
    ["2023-05-01", 365, "2024-04-30"],
    ["0001-01-01", 31, "0001-02-01"],
  ])("%s + %i = %s", (iso, days, expected) => {
    expect(addDays(iso, days)).toBe(expected);
    // The second call is served from the memo and must agree.
    expect(addDays(iso, days)).toBe(expected);
  });

  it("clamps to four-digit years so results still order as strings", () => {
    expect(addDays("9999-12-01", 3650)).toBe("9999-12-31");
    expect(addDays("0001-01-05", -10)).toBe("0001-01-01");
  });

  it("agrees with Date.UTC arithmetic", () => {
    fc.assert(
      fc.property(isoDate, fc.integer({ min: -4000, max: 3650 }), (iso, days) => {
        expect(addDays(iso, days)).toBe(referenceAddDays(iso, days));
      }),
    );
  });

  it("round-trips epoch days", () => {
    fc.assert(
      fc.property(isoDate, (iso) => {
        expect(fromEpochDay(toEpochDay(iso))).toBe(iso);
      }),
    );
  });

  it("throws on a date it cannot read", () => {
    expect(() => toEpochDay("31/12/2024")).toThrow(RangeError);
  });

  it("survives more distinct inputs than its memo holds", () => {
    for (let i = 0; i < 5000; i++) expect(addDays(fromEpochDay(i), 1)).toBe(fromEpochDay(i + 1));
  });
});

describe("comparison", () => {
  it("orders ISO dates as strings in calendar order", () => {
    fc.assert(
      fc.property(isoDate, isoDate, (a, b) => {
        expect(compareIsoDates(a, b)).toBe(Math.sign(toEpochDay(a) - toEpochDay(b)));
        expect(laterOf(a, b)).toBe(toEpochDay(a) >= toEpochDay(b) ? a : b);
      }),
    );
  });
});

describe("formatLongDate", () => {
  it.each([
    ["2025-04-30", "30 April 2025"],
    ["2022-11-24", "24 November 2022"],
    ["2025-06-01", "1 June 2025"],
    ["2024-01-09", "9 January 2024"],
    ["2023-12-31", "31 December 2023"],
  ])("%s → %s", (iso, text) => {
    expect(formatLongDate(iso)).toBe(text);
  });

  it("shows an unreadable date as given rather than failing a message", () => {
    expect(formatLongDate("soon")).toBe("soon");
  });
});
