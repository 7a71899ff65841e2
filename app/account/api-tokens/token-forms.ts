import "server-only";
import { forbidden, notFound } from "next/navigation";
import type { FormState } from "@/lib/auth/action";
import type { Actor } from "@/lib/auth/actor";
import { AppError } from "@/lib/auth/errors";
import type { Refusal } from "@/components/admin/use-admin-form";
import type { TokenFormResult } from "@/components/account/api-token-form";
import { createApiTokenFor, revokeApiToken } from "@/lib/data/api-tokens";
import { MALFORMED_FORM } from "@/lib/validation/fields";

// What the people's and the administrators' token forms share: the posted fields read as text,
// the data layer's refusals turned into the 404 and 403 pages, and the token handed back once.

/** The form's text fields, or null when what arrived is not a form (a replayed or hand-made request). */
function textFields(formData: unknown): Record<string, string> | null {
  if (!(formData instanceof FormData)) return null;
  const out: Record<string, string> = {};
  for (const [k, v] of formData.entries()) if (typeof v === "string" && !k.startsWith("$ACTION")) out[k] = v;
  return out;
}

/** Runs data-layer work, showing the 404 page for a token or account out of reach and the 403 page for a refusal. */
export async function orRefusalPage<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof AppError) {
      if (error.code === "NOT_FOUND") notFound();
      if (error.code === "FORBIDDEN") forbidden();
    }
    throw error;
  }
}

export async function createTokenFromForm(creator: Actor, owner: Actor, formData: unknown): Promise<FormState<TokenFormResult>> {
  const values = textFields(formData);
  if (!values) return { ok: false, errors: { form: MALFORMED_FORM }, values: {} };
  const outcome = await orRefusalPage(() => createApiTokenFor(creator, owner, values));
  if (!outcome.ok) return { ok: false, errors: outcome.fieldErrors, values };
  const { name, token, access, expiresOn } = outcome.value;
  // The only time the token leaves the server: in this one response, never in a URL or a log.
  return { ok: true, errors: {}, values: {}, result: { fieldErrors: {}, created: { name, token, access, expiresOn } } };
}

/** Revokes one token of `ownerId`; a token of anyone else, or a forged id, is the 404 page. */
export async function revokeTokenFromForm(actor: Actor, tokenId: number, ownerId: number): Promise<{ name: string; revoked: boolean }> {
  return orRefusalPage(() => revokeApiToken(actor, tokenId, ownerId));
}

export type ConfirmState = FormState<Refusal>;
