import type { Metadata } from "next";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { ErrorSummary, Heading } from "@/components/govuk";
import { ProviderButtons } from "@/app/login/provider-buttons";
import { SignInForm } from "@/app/login/sign-in-form";
import { authCookieSettings } from "@/lib/auth/cookies";
import { csrfTokenFromCookie } from "@/lib/auth/oidc-csrf";
import { passwordSignInAllowed, signInProviders } from "@/lib/auth/oidc-providers";
import { currentSignIn, holdPath } from "@/lib/auth/session";
import { safeRedirectPath } from "@/lib/auth/safe-redirect";
import { authSecret, publicOrigin } from "@/lib/env";


// next-auth's names for a sign-in through a provider that did not complete: a state or PKCE check
// that failed, a code the provider would not exchange (expired or used), a token that did not verify.
const PROVIDER_ERRORS = new Set(["OAuthSignin", "OAuthCallback", "Callback", "OAuthCreateAccount", "OAuthAccountNotLinked", "AccessDenied", "Configuration"]);

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

function providerFailed(params: Record<string, string | string[] | undefined>): boolean {
  return signInProviders().length > 0 && typeof params.error === "string" && PROVIDER_ERRORS.has(params.error);
}

export async function generateMetadata({ searchParams }: { searchParams: SearchParams }): Promise<Metadata> {
  return { title: providerFailed(await searchParams) ? "Error: Sign in" : "Sign in" };
}

function csrfToken(jar: Awaited<ReturnType<typeof cookies>>): string | null {
  const name = authCookieSettings(publicOrigin()).cookies.csrfToken?.name ?? "next-auth.csrf-token";
  return csrfTokenFromCookie(jar.get(name)?.value, authSecret());
}

export default async function LoginPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  // Held by their sign-in (a code to give, a temporary password): nothing else opens until it is done.
  const held = holdPath(await currentSignIn(), typeof params.callbackUrl === "string" ? safeRedirectPath(params.callbackUrl, publicOrigin()) : undefined);
  if (held) redirect(held);
  // Parsed against our own origin as a browser would: only a path on this service survives.
  const callbackUrl = safeRedirectPath(params.callbackUrl, publicOrigin());
  const providers = signInProviders();
  const passwords = passwordSignInAllowed();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        {params.signedOut ? <p className="govuk-body" role="status">You have been signed out.</p> : null}
        {providerFailed(params) ? (
          <ErrorSummary
            errors={[
              {
                href: "#sign-in-with-provider",
                text: "Signing in with your organisation’s account did not finish. This can happen if it took too long or was started in another tab. Try again",
              },
            ]}
          />
        ) : null}
        <Heading level={1} size="l">Sign in</Heading>
        {providers.length > 0 ? (
          <>
            <p className="govuk-body">
              {passwords
                ? "Sign in with your organisation’s account if it is listed here."
                : "Sign in with your organisation’s account."}
            </p>
            <ProviderButtons providers={providers} callbackUrl={callbackUrl} csrfToken={csrfToken(await cookies())} />
          </>
        ) : null}
        {passwords ? (
          <>
            {providers.length > 0 ? <Heading level={2} size="m">Sign in with an email address and password</Heading> : null}
            <SignInForm callbackUrl={callbackUrl} />
          </>
        ) : (
          <p className="govuk-body">If you cannot sign in, ask your administrator to check that your account has been set up with the email address your organisation’s account uses.</p>
        )}
      </div>
    </div>
  );
}
