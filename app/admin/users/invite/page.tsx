import type { Metadata } from "next";
import { inviteUserAction } from "@/app/admin/users/actions";
import { InviteUserForm } from "@/components/admin/user-forms";
import { BackLink, Heading } from "@/components/govuk";
import { requirePagePermission } from "@/lib/auth/session";
import { listOrganisationOptions } from "@/lib/data/admin-users";

export const metadata: Metadata = { title: "Invite someone by email" };

export default async function InviteUserPage() {
  const actor = await requirePagePermission("admin:users", "/admin/users/invite");
  const organisations = await listOrganisationOptions(actor);
  return (
    <>
      <BackLink href="/admin/users">Back to users</BackLink>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <Heading level={1} size="l">Invite someone by email</Heading>
          <p className="govuk-body">
            We will create the account and email the person a link to choose their own password. The link works once, for 7 days.
          </p>
          <InviteUserForm action={inviteUserAction} organisations={organisations} />
        </div>
      </div>
    </>
  );
}
