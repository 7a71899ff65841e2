import { renderToStaticMarkup } from "react-dom/server";
import { beforeEach, describe, expect, it, vi } from "vitest";

const pathname = vi.hoisted(() => ({ current: "/" as string | null }));
vi.mock("next/navigation", () => ({ usePathname: () => pathname.current }));

const { Header } = await import("@/components/govuk/header");
const { currentNavigation } = await import("@/components/govuk/header-navigation");
const { PhaseBanner } = await import("@/components/govuk/phase-banner");

const DASHBOARD = { href: "/dashboard", text: "Dashboard" };
const SITES = { href: "/sites", text: "Sites" };
const ADMIN = { href: "/admin", text: "Admin" };
const NAV = [DASHBOARD, SITES, ADMIN];

describe("currentNavigation", () => {
  it("marks this page as current and a page below a section as active", () => {
    expect(currentNavigation(NAV, "/sites")).toEqual([DASHBOARD, { ...SITES, current: true }, ADMIN]);
    expect(currentNavigation(NAV, "/sites/42/edit")).toEqual([DASHBOARD, { ...SITES, active: true }, ADMIN]);
    expect(currentNavigation(NAV, "/sitesmap")).toEqual(NAV);
  });

  it("ignores the query and fragment of an item's link, and lets the caller force the state", () => {
    expect(currentNavigation([{ href: "/sites?page=2", text: "Sites" }], "/sites")).toEqual([{ href: "/sites?page=2", text: "Sites", current: true }]);
    expect(currentNavigation([{ ...SITES, active: false }], "/sites")).toEqual([SITES]);
    expect(currentNavigation([{ ...DASHBOARD, active: true }], null)).toEqual([{ ...DASHBOARD, current: true }]);
  });
});

describe("Header", () => {
  beforeEach(() => {
    pathname.current = "/sites/7";
  });

  function render() {
    return renderToStaticMarkup(
      <Header serviceName="Estate Camera Register" serviceHref="/" navigation={NAV} account={<p id="account">Signed in</p>} printMarking="OFFICIAL-SENSITIVE">
        <PhaseBanner phase="Beta">New service</PhaseBanner>
      </Header>,
    );
  }

  it("is the page's banner landmark holding the service navigation, then the phase banner", () => {
    const html = render();
    expect(html.startsWith('<header class="govuk-template__header">')).toBe(true);
    const navigation = html.indexOf('class="govuk-service-navigation"');
    const phase = html.indexOf('class="govuk-phase-banner govuk-width-container"');
    expect(navigation).toBeGreaterThan(0);
    expect(phase).toBeGreaterThan(navigation);
    expect(html.indexOf("</header>")).toBeGreaterThan(phase);
  });

  it("has no GOV.UK header, crown or logo: the service name is the service navigation's", () => {
    const html = render();
    expect(html).not.toContain("govuk-header");
    expect(html).not.toContain("<svg");
    expect(html).toContain('<span class="govuk-service-navigation__service-name"><a href="/" class="govuk-service-navigation__link">Estate Camera Register</a></span>');
  });

  it("marks the section of the page being viewed and puts the account in the end slot", () => {
    const html = render();
    expect(html).toContain('href="/sites" aria-current="true"><strong class="govuk-service-navigation__active-fallback">Sites</strong>');
    expect(html).not.toContain('href="/dashboard" aria-current');
    expect(html).toMatch(/<\/nav><\/div><p id="account">Signed in<\/p><\/div><\/section>/);
    expect(html).toContain('<p class="app-print-marking">OFFICIAL-SENSITIVE</p>');
  });
});
