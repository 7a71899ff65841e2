import type { ReactNode } from "react";
import { Footer } from "@/components/govuk/footer";
import { Header, type HeaderNavigationItem } from "@/components/govuk/header";
import { MainWrapper } from "@/components/govuk/main-wrapper";
import { PhaseBanner } from "@/components/govuk/phase-banner";
import { SkipLink } from "@/components/govuk/skip-link";
import { WidthContainer } from "@/components/govuk/width-container";
import { FrontendInit } from "@/components/layout/frontend-init";
import { SignOutButton } from "@/components/layout/sign-out-button";
import { currentSignIn } from "@/lib/auth/session";
import { can, ROLE_LABELS } from "@/lib/auth/permissions";

const SECURITY_MARKING = "OFFICIAL-SENSITIVE";

/** The design system's page template: skip link, header (navigation, phase banner), main, footer. */
export async function SiteChrome({ children }: { children: ReactNode }) {
  const signedIn = await currentSignIn().catch(() => null);
  // Someone held by their sign-in (a code, a new password, an authenticator app to set up) sees
  // only who they are and how to sign out.
  const actor = signedIn && signedIn.hold === null ? signedIn.actor : null;
  const nav: HeaderNavigationItem[] = [];
  if (actor) {
    if (can(actor.role, "dashboard:read")) nav.push({ href: "/dashboard", text: "Dashboard" });
    if (can(actor.role, "register:read")) nav.push({ href: "/organisations", text: "Organisations" });
    if (can(actor.role, "register:read")) nav.push({ href: "/sites", text: "Sites" });
    if (can(actor.role, "register:write")) nav.push({ href: "/import", text: "Import" });
    if (can(actor.role, "register:read")) nav.push({ href: "/discovery", text: "Network discovery" });
    if (can(actor.role, "reports:read")) nav.push({ href: "/reports", text: "Reports" });
    if (can(actor.role, "returns:read")) nav.push({ href: "/returns", text: "Returns" });
    if (can(actor.role, "audit:read")) nav.push({ href: "/audit", text: "Audit" });
    if (can(actor.role, "admin:users")) nav.push({ href: "/admin", text: "Admin" });
    nav.push({ href: "/notifications", text: "Notifications" });
  }
  const account = signedIn ? (
    <div className="app-account">
      <p className="app-account__user">
        <span className="govuk-visually-hidden">Signed in as </span>
        <strong>{signedIn.actor.name}</strong> <span className="app-account__role">({ROLE_LABELS[signedIn.actor.role]})</span>
      </p>
      {actor ? (
        <a href="/account/password" className="govuk-link govuk-link--no-visited-state">
          Change your password
        </a>
      ) : null}
      {actor ? (
        <a href="/account/security" className="govuk-link govuk-link--no-visited-state">
          Sign-in security
        </a>
      ) : null}
      {actor ? (
        <a href="/account/api-tokens" className="govuk-link govuk-link--no-visited-state">
          API tokens
        </a>
      ) : null}
      <SignOutButton className="app-account__sign-out" />
    </div>
  ) : undefined;
  return (
    <>
      <SkipLink />
      <Header serviceName="Estate Camera Register" serviceHref="/" navigation={nav} account={account} printMarking={SECURITY_MARKING}>
        <PhaseBanner phase="Beta">
          This is a new service. The register&apos;s data is {SECURITY_MARKING}: do not share it outside government.
        </PhaseBanner>
      </Header>
      <WidthContainer>
        <MainWrapper>{children}</MainWrapper>
      </WidthContainer>
      <footer className="govuk-template__footer">
        <Footer
          meta={{
            items: [{ href: "/accessibility", text: "Accessibility statement" }, { href: "/developers/api", text: "API for developers" }],
            content: <strong>{SECURITY_MARKING}: handle the register&apos;s data accordingly.</strong>,
          }}
        />
      </footer>
      <FrontendInit />
    </>
  );
}
