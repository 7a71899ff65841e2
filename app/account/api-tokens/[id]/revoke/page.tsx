import type { Metadata } from "next";
import { idFrom, orNotFound } from "@/app/admin/not-found-unless";
import { revokeOwnTokenAction } from "@/app/account/api-tokens/actions";
import { RevokeTokenPage } from "@/components/account/revoke-token-page";
import { requireSignedIn } from "@/lib/auth/session";
import { getApiToken } from "@/lib/data/api-tokens";

export const metadata: Metadata = { title: "Revoke an API token" };

export default async function RevokeOwnTokenPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireSignedIn(`/account/api-tokens/${id}/revoke`);
  const token = await orNotFound(getApiToken(actor, idFrom(id), actor.id));
  return (
    <RevokeTokenPage
      token={token}
      action={revokeOwnTokenAction.bind(null, token.id)}
      backHref="/account/api-tokens"
      backText="Back to your API tokens"
      consequence="Any system using it will be refused from its next request. You cannot undo this, but you can create a new token."
    />
  );
}
