import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { RegisterDownloads } from "@/components/register/register-downloads";

const links = (html: string) => [...html.matchAll(/<a class="govuk-link" href="([^"]+)" download="">/g)].map((m) => m[1]!.replace(/&amp;/g, "&"));

describe("RegisterDownloads", () => {
  it.each(["ESTATES_EDITOR", "ORG_VIEWER", "CABINET_OFFICE"])("offers %s one organisation's register as XLSX and CSV, with the handling note", (role) => {
    const html = renderToStaticMarkup(<RegisterDownloads role={role} organisation={{ id: 12, name: "Home Office" }} />);
    expect(links(html)).toEqual(["/api/export/register?format=xlsx&organisationId=12", "/api/export/register?format=csv&organisationId=12"]);
    expect(html).toContain("Every device of Home Office");
    expect(html).toContain('<div class="govuk-warning-text">');
    expect(html).toContain("The register is OFFICIAL-SENSITIVE.");
  });

  it("offers every organisation in the user's scope when none is chosen", () => {
    const html = renderToStaticMarkup(<RegisterDownloads role="ORG_VIEWER" organisation={null} />);
    expect(links(html)).toEqual(["/api/export/register?format=xlsx", "/api/export/register?format=csv"]);
    expect(html).toContain("Every device of every organisation you can see");
  });

  it.each(["MINISTER_OFFICE", "ADMIN", "SOMEONE"])("shows %s nothing", (role) => {
    expect(renderToStaticMarkup(<RegisterDownloads role={role} organisation={null} />)).toBe("");
  });
});
