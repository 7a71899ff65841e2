import type { Metadata } from "next";
import { createUserAction } from "@/app/admin/users/actions";
import { CreateUserForm } from "@/components/admin/user-forms";
import { BackLink, Heading } from "@/components/govuk";
import { requirePagePermission } from "@/lib/auth/session";
import { listOrganisationOptions } from "@/lib/data/admin-users";

export const metadata: Metadata = { title: "Create an account" };

export default async function NewUserPage() {
  const actor = await requirePagePermission("admin:users", "/admin/users/new");
  const organisations = await listOrganisationOptions(actor);
  return (
    <>
      <BackLink href="/admin/users">Back to users</BackLink>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <Heading level={1} size="l">Create an account</Heading>
          <CreateUserForm action={createUserAction} organisations={organisations} />
        </div>
      </div>
    </>
  );
}
