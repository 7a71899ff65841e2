import type { Metadata } from "next";
import { idFrom, orNotFound } from "@/app/admin/not-found-unless";
import { createServiceAccountTokenAction } from "@/app/admin/service-accounts/actions";
import { ApiTokenForm } from "@/components/account/api-token-form";
import { BackLink } from "@/components/govuk";
import { requirePagePermission } from "@/lib/auth/session";
import { serviceAccountActor } from "@/lib/data/service-accounts";
import { todayInLondon } from "@/lib/platform/today";
import { mayChangeThroughApi } from "@/lib/validation/api-token";

export const metadata: Metadata = { title: "Create a token for a service account" };

export default async function NewServiceAccountTokenPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requirePagePermission("admin:users", `/admin/service-accounts/${id}/tokens/new`);
  // A deactivated service account is not found here: it cannot have new tokens.
  const owner = await orNotFound(serviceAccountActor(actor, idFrom(id)));
  const back = `/admin/service-accounts/${owner.id}`;
  return (
    <>
      <BackLink href={back}>Back to the service account</BackLink>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ApiTokenForm
            action={createServiceAccountTokenAction.bind(null, owner.id)}
            heading="Create a token"
            caption={owner.name}
            owner={`the service account ${owner.name}`}
            allowWrite={mayChangeThroughApi(owner.role)}
            today={todayInLondon()}
            cancelHref={back}
            doneHref={back}
            doneText="Go to the service account"
          />
        </div>
      </div>
    </>
  );
}
