import type { Metadata } from "next";
import { changePasswordAction } from "@/app/account/actions";
import { PasswordForm } from "@/components/account/password-form";
import { Heading, NotificationBanner } from "@/components/govuk";
import { requireSignedIn } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Change your password" };

export default async function ChangePasswordPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireSignedIn("/account/password");
  const { changed } = await searchParams;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        {changed === "1" ? (
          <NotificationBanner type="success" heading="Your password has been changed">
            <p className="govuk-body">You have been signed out everywhere else you were signed in.</p>
          </NotificationBanner>
        ) : null}
        <Heading level={1} size="l">Change your password</Heading>
        <p className="govuk-body">
          When you change your password you stay signed in here, and are signed out everywhere else.
        </p>
        <PasswordForm action={changePasswordAction} askCurrent submitText="Change password" />
      </div>
    </div>
  );
}
