import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { createOwnTokenAction } from "@/app/account/api-tokens/actions";
import { ApiTokenForm } from "@/components/account/api-token-form";
import { BackLink } from "@/components/govuk";
import { requireSignedIn } from "@/lib/auth/session";
import { todayInLondon } from "@/lib/platform/today";
import { mayChangeThroughApi, mayUseApi } from "@/lib/validation/api-token";

export const metadata: Metadata = { title: "Create an API token" };

export default async function NewApiTokenPage() {
  const actor = await requireSignedIn("/account/api-tokens/new");
  if (!mayUseApi(actor.role)) forbidden();
  return (
    <>
      <BackLink href="/account/api-tokens">Back to your API tokens</BackLink>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ApiTokenForm
            action={createOwnTokenAction}
            heading="Create an API token"
            owner="you"
            allowWrite={mayChangeThroughApi(actor.role)}
            today={todayInLondon()}
            cancelHref="/account/api-tokens"
            doneHref="/account/api-tokens"
            doneText="Go to your API tokens"
          />
        </div>
      </div>
    </>
  );
}
