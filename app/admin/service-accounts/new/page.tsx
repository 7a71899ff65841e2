import type { Metadata } from "next";
import { createServiceAccountAction } from "@/app/admin/service-accounts/actions";
import { ServiceAccountForm } from "@/components/admin/service-account-form";
import { BackLink, Heading } from "@/components/govuk";
import { requirePagePermission } from "@/lib/auth/session";
import { listOrganisationOptions } from "@/lib/data/admin-users";

export const metadata: Metadata = { title: "Create a service account" };

export default async function NewServiceAccountPage() {
  const actor = await requirePagePermission("admin:users", "/admin/service-accounts/new");
  const organisations = await listOrganisationOptions(actor);
  return (
    <>
      <BackLink href="/admin/service-accounts">Back to service accounts</BackLink>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <Heading level={1} size="l">Create a service account</Heading>
          <p className="govuk-body">You create its API tokens next. Nobody can sign in to it.</p>
          <ServiceAccountForm action={createServiceAccountAction} organisations={organisations} />
        </div>
      </div>
    </>
  );
}
