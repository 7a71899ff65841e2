import type { Metadata } from "next";
import { acceptInvitationAction } from "@/app/invitation/actions";
import { PasswordForm } from "@/components/account/password-form";
import { Heading, SummaryList } from "@/components/govuk";
import { invitationState, type InvitationState } from "@/lib/data/invitations";

type Params = Promise<{ token: string }>;

const TITLES: Record<InvitationState["status"], string> = {
  open: "Choose your password",
  used: "This invitation link has already been used",
  expired: "This invitation link has expired",
  unknown: "This invitation link is not valid",
};

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const state = await invitationState((await params).token);
  // The token is in the address: never send it on to another site.
  return { title: TITLES[state.status], referrer: "no-referrer", robots: { index: false, follow: false } };
}

export default async function InvitationPage({ params }: { params: Params }) {
  const { token } = await params;
  const state = await invitationState(token);
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <Heading level={1} size="l">{TITLES[state.status]}</Heading>
        {state.status === "open" ? (
          <>
            <p className="govuk-body">
              An administrator has created an account for you on the Estate Camera Register. Choose a password to finish setting it up. This link works once.
            </p>
            <SummaryList rows={[{ key: "Name", value: state.name }, { key: "Email address", value: state.email }]} />
            <PasswordForm action={acceptInvitationAction.bind(null, token)} askCurrent={false} submitText="Save password" />
          </>
        ) : state.status === "used" ? (
          <>
            <p className="govuk-body">Each invitation link works once. If you have chosen your password, sign in with your email address and that password.</p>
            <p className="govuk-body"><a href="/login" className="govuk-link">Sign in</a></p>
          </>
        ) : state.status === "expired" ? (
          <p className="govuk-body">Invitation links work for 7 days. Ask an administrator to send you a new invitation.</p>
        ) : (
          <p className="govuk-body">Check that you used the whole link from the email. If it still does not work, ask an administrator to send you a new invitation.</p>
        )}
      </div>
    </div>
  );
}
