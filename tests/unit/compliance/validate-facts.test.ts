import { describe, expect, it } from "vitest";
import { validateDeviceFacts, type DeviceFacts } from "@/lib/compliance";
import { facts } from "./fixtures";

describe("validateDeviceFacts", () => {
  it("accepts complete facts and honest unknowns", () => {
    expect(validateDeviceFacts(facts())).toEqual([]);
    expect(validateDeviceFacts(facts({ installedOn: null, vendorCloud: null, network: "UNKNOWN", producer: "UNKNOWN" }))).toEqual([]);
    expect(validateDeviceFacts(facts({ exemption: { approvedBy: "DSO", expiresOn: "2025-12-31" } }))).toEqual([]);
  });

  it.each([
    ["install date", facts({ installedOn: "2024-02-30" }), /install date/],
    ["sensitive-since date", facts({ site: { sensitiveSince: "01/02/2024" } }), /became sensitive/],
    ["exemption expiry", facts({ exemption: { approvedBy: "DSO", expiresOn: "next year" } }), /expiry/],
    ["exemption approver", facts({ exemption: { approvedBy: "  ", expiresOn: "2025-01-01" } }), /who approved/],
    ["producer", { ...facts(), producer: "MAYBE" } as unknown as DeviceFacts, /producer/],
    ["network", { ...facts(), network: "WIFI" } as unknown as DeviceFacts, /network/],
    ["lifecycle", { ...facts(), lifecycle: "LOST" } as unknown as DeviceFacts, /lifecycle/],
    ["sensitivity", facts({ site: { sensitivity: "SECRET" as never } }), /sensitivity/],
    ["vendor cloud", { ...facts(), vendorCloud: "yes" } as unknown as DeviceFacts, /Vendor cloud/],
    ["controls extended", facts({ site: { controlsExtended: "no" as never } }), /Controls extended/],
  ])("reports a bad %s", (_name, f, pattern) => {
    const problems = validateDeviceFacts(f);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(pattern);
  });
});
