import type { Metadata } from "next";
import { idFrom, orNotFound } from "@/app/admin/not-found-unless";
import { revokeServiceAccountTokenAction } from "@/app/admin/service-accounts/actions";
import { RevokeTokenPage } from "@/components/account/revoke-token-page";
import { requirePagePermission } from "@/lib/auth/session";
import { getApiToken } from "@/lib/data/api-tokens";

export const metadata: Metadata = { title: "Revoke a service account’s token" };

export default async function RevokeServiceAccountTokenPage({ params }: { params: Promise<{ id: string; tokenId: string }> }) {
  const { id, tokenId } = await params;
  const actor = await requirePagePermission("admin:users", `/admin/service-accounts/${id}/tokens/${tokenId}/revoke`);
  const accountId = idFrom(id);
  const token = await orNotFound(getApiToken(actor, idFrom(tokenId), accountId));
  return (
    <RevokeTokenPage
      token={token}
      caption={token.ownerName}
      action={revokeServiceAccountTokenAction.bind(null, accountId, token.id)}
      backHref={`/admin/service-accounts/${accountId}`}
      backText="Back to the service account"
      consequence="The system using it will be refused from its next request. You cannot undo this, but you can create a new token."
    />
  );
}
