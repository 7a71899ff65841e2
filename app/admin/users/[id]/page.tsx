import type { Metadata } from "next";
import { idFrom, orNotFound } from "@/app/admin/not-found-unless";
import { resendInvitationAction, updateUserAction } from "@/app/admin/users/actions";
import { EditUserForm, ResendInvitationForm } from "@/components/admin/user-forms";
import { BackLink, ButtonLink, Heading, SummaryList, Tag } from "@/components/govuk";
import { requirePagePermission } from "@/lib/auth/session";
import { getUser, listOrganisationOptions } from "@/lib/data/admin-users";

export const metadata: Metadata = { title: "Change account" };

export default async function EditUserPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requirePagePermission("admin:users", `/admin/users/${id}`);
  const user = await orNotFound(getUser(actor, idFrom(id)));
  const organisations = await listOrganisationOptions(actor);
  const isSelf = user.id === actor.id;
  return (
    <>
      <BackLink href="/admin/users">Back to users</BackLink>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <Heading level={1} size="l" caption={user.email}>Change account</Heading>
          <SummaryList
            rows={[
              { key: "Email address", value: user.email },
              {
                key: "Status",
                value: !user.active ? <Tag colour="grey">Deactivated</Tag> : user.invitationPending ? <Tag colour="blue">Invited</Tag> : <Tag colour="green">Active</Tag>,
              },
            ]}
          />
          {user.invitationPending && user.active ? (
            <>
              <Heading level={2} size="m">Invitation</Heading>
              <p className="govuk-body">
                This person has not yet chosen a password from their invitation. A new invitation emails a new link that works for 7 days; the earlier link stops working.
              </p>
              <ResendInvitationForm action={resendInvitationAction} user={user} />
            </>
          ) : null}
          <EditUserForm action={updateUserAction} user={user} organisations={organisations} isSelf={isSelf} />
          <Heading level={2} size="m">{user.active ? "Deactivate the account" : "Reactivate the account"}</Heading>
          {isSelf ? (
            <p className="govuk-body">You cannot deactivate your own account. Ask another administrator.</p>
          ) : user.active ? (
            <>
              <p className="govuk-body">A deactivated account cannot sign in, and is signed out of the service at once. Its history stays in the audit trail.</p>
              <ButtonLink href={`/admin/users/${user.id}/deactivate`} variant="warning">Deactivate account</ButtonLink>
            </>
          ) : (
            <>
              <p className="govuk-body">Reactivating lets the person sign in again with their existing password.</p>
              <ButtonLink href={`/admin/users/${user.id}/deactivate`} variant="secondary">Reactivate account</ButtonLink>
            </>
          )}
        </div>
      </div>
    </>
  );
}
