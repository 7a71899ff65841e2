import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { signInCodeAction } from "@/app/login/code/actions";
import { SignInCodeForm } from "@/components/account/second-factor-forms";
import { safeRedirectPath } from "@/lib/auth/safe-redirect";
import { currentSignIn, holdPath } from "@/lib/auth/session";
import { publicOrigin } from "@/lib/env";

export const metadata: Metadata = { title: "Enter the code from your authenticator app" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

// The second step of a password sign-in for an account with an authenticator app. Only someone
// whose session is waiting for its code is answered here.
export default async function SignInCodePage({ searchParams }: { searchParams: SearchParams }) {
  const signedIn = await currentSignIn();
  if (!signedIn) redirect("/login");
  const callbackUrl = safeRedirectPath((await searchParams).callbackUrl, publicOrigin());
  // The sign-in form comes here after every password sign-in: one with no code to give goes on.
  if (signedIn.hold !== "second-factor") redirect(holdPath(signedIn) ?? callbackUrl);
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <SignInCodeForm action={signInCodeAction} callbackUrl={callbackUrl} />
        <p className="govuk-body">
          If you have lost your phone and your recovery codes, ask your register administrator to help you get back into your account.
        </p>
      </div>
    </div>
  );
}
