import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { choosePasswordAction } from "@/app/account/actions";
import { PasswordForm } from "@/components/account/password-form";
import { Heading } from "@/components/govuk";
import { currentSignIn, holdPath } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Choose a new password" };

export default async function ChoosePasswordPage() {
  const signedIn = await currentSignIn();
  if (!signedIn) redirect("/login");
  if (signedIn.hold !== "choose-password") redirect(holdPath(signedIn) ?? "/account/password");
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <Heading level={1} size="l">Choose a new password</Heading>
        <p className="govuk-body">
          Your account was set up with a temporary password. Choose your own password to start using the service.
        </p>
        <PasswordForm action={choosePasswordAction} askCurrent={false} submitText="Save password" />
      </div>
    </div>
  );
}
