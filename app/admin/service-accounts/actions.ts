"use server";

import { forbidden, redirect } from "next/navigation";
import { boundId, formAction, type FormState } from "@/lib/auth/action";
import type { Actor } from "@/lib/auth/actor";
import { AppError } from "@/lib/auth/errors";
import { requireActor } from "@/lib/auth/guard";
import type { Refusal } from "@/components/admin/use-admin-form";
import type { TokenFormResult } from "@/components/account/api-token-form";
import { createTokenFromForm, orRefusalPage, revokeTokenFromForm, type ConfirmState } from "@/app/account/api-tokens/token-forms";
import { createServiceAccount, deactivateServiceAccount, serviceAccountActor } from "@/lib/data/service-accounts";
import { createServiceAccountSchema } from "@/lib/validation/service-account";

// Administrators' work on service accounts. The ids bound into the forms come back from the
// browser like any field, so each is checked (boundId) and looked up again by the data layer.

async function administrator(): Promise<Actor> {
  try {
    return await requireActor("admin:users");
  } catch (error) {
    if (error instanceof AppError && error.code === "UNAUTHENTICATED") redirect("/login");
    forbidden();
  }
}

const create = formAction("admin:users", createServiceAccountSchema, async (input, actor): Promise<Refusal | { redirectTo: string }> => {
  const outcome = await createServiceAccount(actor, input);
  return outcome.ok ? { redirectTo: `/admin/service-accounts/${outcome.value.id}?created=1` } : { fieldErrors: outcome.fieldErrors };
});

export async function createServiceAccountAction(prev: FormState<Refusal>, formData: FormData): Promise<FormState<Refusal>> {
  return create(prev, formData);
}

export async function deactivateServiceAccountAction(accountId: unknown, _prev: ConfirmState, _formData: FormData): Promise<ConfirmState> {
  const actor = await administrator();
  const id = await orRefusalPage(async () => boundId(accountId));
  const result = await orRefusalPage(() => deactivateServiceAccount(actor, id));
  redirect(`/admin/service-accounts/${id}?${result.changed ? "deactivated" : "already-deactivated"}=1`);
}

export async function createServiceAccountTokenAction(accountId: unknown, _prev: FormState<TokenFormResult>, formData: FormData): Promise<FormState<TokenFormResult>> {
  const actor = await administrator();
  const owner = await orRefusalPage(async () => serviceAccountActor(actor, boundId(accountId)));
  return createTokenFromForm(actor, owner, formData);
}

export async function revokeServiceAccountTokenAction(accountId: unknown, tokenId: unknown, _prev: ConfirmState, _formData: FormData): Promise<ConfirmState> {
  const actor = await administrator();
  const [ownerId, id] = await orRefusalPage(async () => [boundId(accountId), boundId(tokenId)] as const);
  const result = await revokeTokenFromForm(actor, id, ownerId);
  redirect(`/admin/service-accounts/${ownerId}?${result.revoked ? "revoked" : "already-revoked"}=${id}`);
}
