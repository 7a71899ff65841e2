import type { Metadata } from "next";
import { idFrom, orNotFound } from "@/app/admin/not-found-unless";
import { setUserStatusAction } from "@/app/admin/users/actions";
import { UserStatusForm } from "@/components/admin/user-forms";
import { BackLink, Heading, WarningText } from "@/components/govuk";
import { requirePagePermission } from "@/lib/auth/session";
import { getUser } from "@/lib/data/admin-users";

export const metadata: Metadata = { title: "Confirm account status" };

/** A confirmation page of its own, so the change is never one mis-click away. */
export default async function UserStatusPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requirePagePermission("admin:users", `/admin/users/${id}/deactivate`);
  const user = await orNotFound(getUser(actor, idFrom(id)));
  return (
    <>
      <BackLink href={`/admin/users/${user.id}`}>Back to the account</BackLink>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <Heading level={1} size="l" caption={user.email}>
            {user.active ? `Are you sure you want to deactivate ${user.name}’s account?` : `Reactivate ${user.name}’s account?`}
          </Heading>
          {user.active ? <WarningText>They will be signed out at once and will not be able to sign in.</WarningText> : null}
          <UserStatusForm action={setUserStatusAction} user={user} />
          <p className="govuk-body">
            <a href={`/admin/users/${user.id}`} className="govuk-link">Cancel</a>
          </p>
        </div>
      </div>
    </>
  );
}
