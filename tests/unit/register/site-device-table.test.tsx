import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { RULES_BY_ID } from "@/lib/compliance";
import { SiteDeviceTable } from "@/components/register/site-device-table";
import type { SiteDeviceRow } from "@/lib/types/site-devices";

const BREACH: SiteDeviceRow = {
  id: 12885,
  kind: "CAMERA",
  brand: "Dahua",
  model: "IPC-HDW2431T-AS",
  systemId: 7,
  systemName: "Main CCTV",
  installedOn: null,
  network: "CORE",
  lifecycle: "IN_SERVICE",
  status: "BREACH",
  findings: [
    { ruleId: "R2-CORE-NETWORK", status: "BREACH", message: "Covered equipment is connected to a departmental core network. Disconnect it now." },
    { ruleId: "D2-SITE-UNASSESSED", status: "UNVERIFIED", message: "Covered equipment is on a site whose sensitivity has not been assessed." },
  ],
};

const tags = (html: string) => html.match(/class="govuk-tag[ "]/g) ?? [];

describe("a site's device table", () => {
  it("shows a breach row's status once, with its findings by their rules' titles", () => {
    const html = renderToStaticMarkup(<SiteDeviceTable caption="Devices" rows={[BREACH]} emptyText="None" />);
    expect(tags(html)).toHaveLength(1);
    expect(html.match(/>Breach</g)).toHaveLength(1);
    expect(html).toContain(`<li class="govuk-!-margin-bottom-1">${RULES_BY_ID["R2-CORE-NETWORK"].title}</li>`);
    expect(html).toContain("Site not assessed");
    // The messages are the device page's: a row stays one or two lines.
    expect(html).not.toContain("Disconnect it now");
  });

  it("puts what the device is and where under its name, on a line of its own", () => {
    const html = renderToStaticMarkup(<SiteDeviceTable caption="Devices" rows={[{ ...BREACH, findings: [], status: "COMPLIANT" }]} emptyText="None" />);
    expect(html).toContain('<a class="govuk-link" href="/devices/12885">Dahua IPC-HDW2431T-AS</a><span class="govuk-!-display-block govuk-!-font-weight-regular govuk-!-font-size-16">Camera, Main CCTV</span>');
    expect(html).toContain(">None<");
    expect(html).toContain("Core network");
  });

  it("says a device not yet evaluated is not evaluated, and that a decommissioned one is still on site", () => {
    const html = renderToStaticMarkup(
      <SiteDeviceTable caption="Devices" rows={[{ ...BREACH, status: null, findings: [], lifecycle: "DECOMMISSIONED" }]} emptyText="None" />,
    );
    expect(tags(html)).toHaveLength(0);
    expect(html).toContain("Not evaluated");
    expect(html).toContain("Decommissioned, still on site");
  });
});
