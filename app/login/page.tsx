import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Heading } from "@/components/govuk";
import { SignInForm } from "@/app/login/sign-in-form";
import { CHOOSE_PASSWORD_PATH, currentSignIn } from "@/lib/auth/session";
import { safeRedirectPath } from "@/lib/auth/safe-redirect";
import { publicOrigin } from "@/lib/env";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  // Signed in with a temporary password: nothing else opens until a new one is chosen.
  if ((await currentSignIn())?.mustChangePassword) redirect(CHOOSE_PASSWORD_PATH);
  // Parsed against our own origin as a browser would: only a path on this service survives.
  const callbackUrl = safeRedirectPath(params.callbackUrl, publicOrigin());
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        {params.signedOut ? <p className="govuk-body" role="status">You have been signed out.</p> : null}
        <Heading level={1} size="l">Sign in</Heading>
        <SignInForm callbackUrl={callbackUrl} />
      </div>
    </div>
  );
}
