"use server";

import { redirect } from "next/navigation";
import type { FormState } from "@/lib/auth/action";
import { boundId } from "@/lib/auth/action";
import type { Actor } from "@/lib/auth/actor";
import { currentActor } from "@/lib/auth/session";
import type { TokenFormResult } from "@/components/account/api-token-form";
import { createTokenFromForm, orRefusalPage, revokeTokenFromForm, type ConfirmState } from "@/app/account/api-tokens/token-forms";

// A person's own tokens. Anyone signed in may list and revoke their own; making one is for those
// the API serves, which the data layer checks (createApiTokenFor).

async function signedIn(): Promise<Actor> {
  const actor = await currentActor();
  if (!actor) redirect("/login");
  return actor;
}

export async function createOwnTokenAction(_prev: FormState<TokenFormResult>, formData: FormData): Promise<FormState<TokenFormResult>> {
  const actor = await signedIn();
  return createTokenFromForm(actor, actor, formData);
}

export async function revokeOwnTokenAction(tokenId: unknown, _prev: ConfirmState, _formData: FormData): Promise<ConfirmState> {
  const actor = await signedIn();
  const id = await orRefusalPage(async () => boundId(tokenId));
  const result = await revokeTokenFromForm(actor, id, actor.id);
  redirect(`/account/api-tokens?${result.revoked ? "revoked" : "already-revoked"}=${id}`);
}
