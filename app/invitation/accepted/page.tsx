import type { Metadata } from "next";
import { ButtonLink, Panel } from "@/components/govuk";

export const metadata: Metadata = { title: "Your password has been set" };

export default function InvitationAcceptedPage() {
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <Panel title="Your password has been set" />
        <p className="govuk-body">You can now sign in with your email address and the password you chose.</p>
        <ButtonLink href="/login">Sign in</ButtonLink>
      </div>
    </div>
  );
}
