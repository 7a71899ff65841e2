import type { Metadata } from "next";
import { idFrom, orNotFound } from "@/app/admin/not-found-unless";
import { deactivateServiceAccountAction } from "@/app/admin/service-accounts/actions";
import { ConfirmForm } from "@/components/account/confirm-form";
import { BackLink, Heading, WarningText } from "@/components/govuk";
import { requirePagePermission } from "@/lib/auth/session";
import { getServiceAccount } from "@/lib/data/service-accounts";

export const metadata: Metadata = { title: "Deactivate a service account" };

export default async function DeactivateServiceAccountPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requirePagePermission("admin:users", `/admin/service-accounts/${id}/deactivate`);
  const account = await orNotFound(getServiceAccount(actor, idFrom(id)));
  const back = `/admin/service-accounts/${account.id}`;
  return (
    <>
      <BackLink href={back}>Back to the service account</BackLink>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          {account.active ? (
            <>
              <Heading level={1} size="l" caption={account.organisationName ?? undefined}>
                Are you sure you want to deactivate the service account {account.name}?
              </Heading>
              <WarningText>
                {account.liveTokens === 0
                  ? "It has no tokens in use. Once deactivated, it cannot have new ones."
                  : `Its ${account.liveTokens === 1 ? "token" : `${account.liveTokens} tokens`} will be revoked at once, and the system will be refused from its next request. You cannot undo this.`}
              </WarningText>
              <ConfirmForm action={deactivateServiceAccountAction.bind(null, account.id)} buttonText="Deactivate service account" cancelHref={back} />
            </>
          ) : (
            <>
              <Heading level={1} size="l">The service account {account.name} has already been deactivated</Heading>
              <p className="govuk-body"><a href={back} className="govuk-link">Back to the service account</a></p>
            </>
          )}
        </div>
      </div>
    </>
  );
}
