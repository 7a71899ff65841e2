"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { CodeFormState } from "@/components/account/second-factor-forms";
import { requestClientAddress } from "@/lib/auth/request-address";
import { safeRedirectPath } from "@/lib/auth/safe-redirect";
import { currentSignIn, holdPath } from "@/lib/auth/session";
import { publicOrigin } from "@/lib/env";
import { giveSignInCode } from "@/lib/data/second-factor";
import { MALFORMED_FORM } from "@/lib/validation/fields";
import { secondFactorCodeSchema } from "@/lib/validation/second-factor";
import { fieldErrors } from "@/lib/validation/field-errors";

// Not formAction: the person giving their code is not yet an actor. The typed code is never sent
// back to the browser.

export async function signInCodeAction(_prev: CodeFormState, formData: FormData): Promise<CodeFormState> {
  const signedIn = await currentSignIn();
  if (!signedIn) redirect("/login");
  if (signedIn.hold !== "second-factor") redirect(holdPath(signedIn) ?? "/");
  if (!(formData instanceof FormData)) return { ok: false, errors: { form: MALFORMED_FORM }, values: {} };
  const parsed = secondFactorCodeSchema.safeParse({ code: formData.get("code") });
  if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error), values: {} };
  const outcome = await giveSignInCode(signedIn, parsed.data.code, await requestClientAddress());
  if (!outcome.ok) return { ok: false, errors: { code: outcome.error }, values: {} };
  // The header was drawn for someone held on this page: draw it again with the navigation.
  revalidatePath("/", "layout");
  const next = safeRedirectPath(formData.get("callbackUrl"), publicOrigin());
  redirect(outcome.recoveryCodesLeft === undefined ? next : `/account/security?recoveryCodeUsed=${outcome.recoveryCodesLeft}`);
}
