import type { ReactNode } from "react";
import { Footer, Header, MainWrapper, PhaseBanner, SkipLink, WidthContainer } from "@/components/govuk";
import { currentSignIn } from "@/lib/auth/session";
import { can, ROLE_LABELS } from "@/lib/auth/permissions";
import { SignOutButton } from "@/components/layout/sign-out-button";

/** Header with navigation for what the signed-in person may use, phase banner, main, footer. */
export async function SiteChrome({ children }: { children: ReactNode }) {
  const signedIn = await currentSignIn().catch(() => null);
  // Someone who must choose a new password sees only who they are and how to sign out.
  const actor = signedIn && !signedIn.mustChangePassword ? signedIn.actor : null;
  const nav: { href: string; text: string }[] = [];
  if (actor) {
    if (can(actor.role, "dashboard:read")) nav.push({ href: "/dashboard", text: "Dashboard" });
    if (can(actor.role, "register:read")) nav.push({ href: "/organisations", text: "Organisations" });
    if (can(actor.role, "register:read")) nav.push({ href: "/sites", text: "Sites" });
    if (can(actor.role, "register:write")) nav.push({ href: "/import", text: "Import" });
    if (can(actor.role, "reports:read")) nav.push({ href: "/reports", text: "Reports" });
    if (can(actor.role, "audit:read")) nav.push({ href: "/audit", text: "Audit" });
    if (can(actor.role, "admin:users")) nav.push({ href: "/admin", text: "Admin" });
  }
  return (
    <>
      <SkipLink />
      <Header
        serviceName="Estate Camera Register"
        serviceHref="/"
        navigation={nav}
        user={signedIn ? { name: signedIn.actor.name, roleLabel: ROLE_LABELS[signedIn.actor.role] } : null}
        signOut={
          signedIn ? (
            <span className="flex flex-wrap gap-x-5">
              {actor ? <a href="/account/password" className="govuk-header__button">Change your password</a> : null}
              <SignOutButton />
            </span>
          ) : undefined
        }
        wide
      />
      <WidthContainer wide>
        <PhaseBanner phase="Beta">
          This is a new service. The register&apos;s data is OFFICIAL-SENSITIVE: do not share it outside government.
        </PhaseBanner>
        <MainWrapper>{children}</MainWrapper>
      </WidthContainer>
      <Footer links={[{ href: "/accessibility", text: "Accessibility statement" }]} wide />
    </>
  );
}
