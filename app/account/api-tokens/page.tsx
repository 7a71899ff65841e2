import type { Metadata } from "next";
import { ApiTokenTable } from "@/components/account/api-token-table";
import { ButtonLink, Heading, InsetText, NotificationBanner } from "@/components/govuk";
import { requireSignedIn } from "@/lib/auth/session";
import { listApiTokens } from "@/lib/data/api-tokens";
import { mayChangeThroughApi, mayUseApi } from "@/lib/validation/api-token";

export const metadata: Metadata = { title: "API tokens" };

type Search = Promise<Record<string, string | string[] | undefined>>;

export default async function ApiTokensPage({ searchParams }: { searchParams: Search }) {
  const actor = await requireSignedIn("/account/api-tokens");
  const params = await searchParams;
  const tokens = await listApiTokens(actor);
  const revoked = tokens.find((t) => String(t.id) === params.revoked || String(t.id) === params["already-revoked"]);
  return (
    <>
      {revoked ? (
        <NotificationBanner type="success" heading={params.revoked ? "Token revoked" : "This token had already been revoked"}>
          <p className="govuk-body">{revoked.name} no longer works. Any system still using it will be refused.</p>
        </NotificationBanner>
      ) : null}
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <Heading level={1} size="l">API tokens</Heading>
          <p className="govuk-body">
            A token lets one of your organisation’s own systems, such as a facilities management system, use this register through its API, as you.
            {mayChangeThroughApi(actor.role)
              ? " You choose whether it may only read the register or also change it, as you can."
              : " Your tokens can only read the register, as you can."}
          </p>
          <p className="govuk-body">
            <a href="/developers/api" className="govuk-link">Read the API reference</a>
          </p>
          {mayUseApi(actor.role) ? (
            <ButtonLink href="/account/api-tokens/new">Create a token</ButtonLink>
          ) : (
            <InsetText>
              Administrators cannot create tokens for themselves: the API works with the register, which administrators do not see. To let a department’s system use the API, <a href="/admin/service-accounts" className="govuk-link">create a service account</a> for its organisation.
            </InsetText>
          )}
        </div>
      </div>
      <ApiTokenTable tokens={tokens} caption="Your tokens" revokeHref={(id) => `/account/api-tokens/${id}/revoke`} />
    </>
  );
}
