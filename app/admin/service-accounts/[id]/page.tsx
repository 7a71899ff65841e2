import type { Metadata } from "next";
import { idFrom, orNotFound } from "@/app/admin/not-found-unless";
import { ApiTokenTable } from "@/components/account/api-token-table";
import { formatDateTime } from "@/components/admin/format";
import { Breadcrumbs, ButtonLink, Heading, NotificationBanner, SummaryList, Tag } from "@/components/govuk";
import { requirePagePermission } from "@/lib/auth/session";
import { getServiceAccount } from "@/lib/data/service-accounts";
import { serviceAccountAccess } from "@/lib/validation/service-account";

export const metadata: Metadata = { title: "Service account" };

type Search = Promise<Record<string, string | string[] | undefined>>;

export default async function ServiceAccountPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Search }) {
  const { id } = await params;
  const actor = await requirePagePermission("admin:users", `/admin/service-accounts/${id}`);
  const account = await orNotFound(getServiceAccount(actor, idFrom(id)));
  const query = await searchParams;
  const revoked = account.tokens.find((t) => String(t.id) === query.revoked || String(t.id) === query["already-revoked"]);
  let banner: { heading: string; body: string } | null = null;
  if (query.created === "1") banner = { heading: "Service account created", body: "Create a token for it next, and give the token to the people who run the system." };
  else if (query.deactivated === "1") banner = { heading: "Service account deactivated", body: "Its tokens have been revoked: the system can no longer use the API." };
  else if (query["already-deactivated"] === "1") banner = { heading: "This service account had already been deactivated", body: "Its tokens no longer work." };
  else if (revoked) banner = { heading: query.revoked ? "Token revoked" : "This token had already been revoked", body: `${revoked.name} no longer works. The system will be refused if it still uses it.` };
  return (
    <>
      {banner ? (
        <NotificationBanner type="success" heading={banner.heading}>
          <p className="govuk-body">{banner.body}</p>
        </NotificationBanner>
      ) : null}
      <Breadcrumbs items={[{ href: "/admin", text: "Administration" }, { href: "/admin/service-accounts", text: "Service accounts" }, { text: account.name }]} />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <Heading level={1} size="l" caption="Service account">{account.name}</Heading>
          <SummaryList
            rows={[
              { key: "Organisation", value: account.organisationName ?? "None" },
              { key: "Access", value: `${serviceAccountAccess(account.role)}: ${account.role === "ESTATES_EDITOR" ? "its tokens may read, or read and change, the organisation’s register" : "its tokens may only read the organisation’s register"}` },
              { key: "Created", value: formatDateTime(account.createdAt) },
              { key: "Status", value: account.active ? <Tag colour="green">Active</Tag> : <Tag colour="grey">Deactivated</Tag> },
            ]}
          />
          {account.active ? (
            <ButtonLink href={`/admin/service-accounts/${account.id}/tokens/new`}>Create a token</ButtonLink>
          ) : (
            <p className="govuk-body">This service account is deactivated: it cannot have new tokens.</p>
          )}
        </div>
      </div>
      <ApiTokenTable tokens={account.tokens} caption="Tokens" revokeHref={(tokenId) => `/admin/service-accounts/${account.id}/tokens/${tokenId}/revoke`} />
      {account.active ? (
        <p className="govuk-body">
          <a href={`/admin/service-accounts/${account.id}/deactivate`} className="govuk-link">
            Deactivate this service account<span className="govuk-visually-hidden"> ({account.name})</span>
          </a>
        </p>
      ) : null}
    </>
  );
}
