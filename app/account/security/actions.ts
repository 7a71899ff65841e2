"use server";

import { redirect } from "next/navigation";
import type { CodeFormState } from "@/components/account/second-factor-forms";
import type { SignedIn } from "@/lib/auth/actor";
import { AppError } from "@/lib/auth/errors";
import { requestClientAddress } from "@/lib/auth/request-address";
import { currentSignIn, holdPath } from "@/lib/auth/session";
import { confirmEnrolment, regenerateRecoveryCodes, turnOffSecondFactor } from "@/lib/data/second-factor";
import { MALFORMED_FORM } from "@/lib/validation/fields";
import { appCodeSchema } from "@/lib/validation/second-factor";
import { fieldErrors } from "@/lib/validation/field-errors";

// Not formAction: someone held here until they set up an app is not yet an actor. Codes are never
// sent back to the browser; recovery codes are, once, in the answer that made them.

type Checked = { signedIn: SignedIn; code: string } | { refused: CodeFormState };

/** The person and their typed code; `allowEnrolHold` lets in someone held until they set up an app. */
async function read(formData: unknown, allowEnrolHold: boolean): Promise<Checked> {
  const signedIn = await currentSignIn();
  if (!signedIn) redirect("/login");
  if (signedIn.hold && !(allowEnrolHold && signedIn.hold === "enrol-second-factor")) redirect(holdPath(signedIn) ?? "/login");
  if (!(formData instanceof FormData)) return { refused: { ok: false, errors: { form: MALFORMED_FORM }, values: {} } };
  const parsed = appCodeSchema.safeParse({ code: formData.get("code") });
  if (!parsed.success) return { refused: { ok: false, errors: fieldErrors(parsed.error), values: {} } };
  return { signedIn, code: parsed.data.code };
}

function conflictOf(error: unknown): CodeFormState {
  if (error instanceof AppError && error.code === "CONFLICT") return { ok: false, errors: { form: error.message }, values: {} };
  throw error;
}

export async function confirmEnrolmentAction(_prev: CodeFormState, formData: FormData): Promise<CodeFormState> {
  const checked = await read(formData, true);
  if ("refused" in checked) return checked.refused;
  try {
    const outcome = await confirmEnrolment(checked.signedIn, checked.code, await requestClientAddress());
    if (!outcome.ok) return { ok: false, errors: { code: outcome.error }, values: {} };
    // No revalidation here: it would draw the page afresh, as set up, before the recovery codes in
    // this answer were shown. The button under them loads a whole page, with the full header.
    return { ok: true, errors: {}, values: {}, result: { recoveryCodes: outcome.recoveryCodes } };
  } catch (error) {
    return conflictOf(error);
  }
}

export async function regenerateRecoveryCodesAction(_prev: CodeFormState, formData: FormData): Promise<CodeFormState> {
  const checked = await read(formData, false);
  if ("refused" in checked) return checked.refused;
  const outcome = await regenerateRecoveryCodes(checked.signedIn, checked.code, await requestClientAddress());
  if (!outcome.ok) return { ok: false, errors: { code: outcome.error }, values: {} };
  return { ok: true, errors: {}, values: {}, result: { recoveryCodes: outcome.recoveryCodes } };
}

export async function turnOffSecondFactorAction(_prev: CodeFormState, formData: FormData): Promise<CodeFormState> {
  const checked = await read(formData, false);
  if ("refused" in checked) return checked.refused;
  let outcome;
  try {
    outcome = await turnOffSecondFactor(checked.signedIn, checked.code, await requestClientAddress());
  } catch (error) {
    return conflictOf(error);
  }
  if (!outcome.ok) return { ok: false, errors: { code: outcome.error }, values: {} };
  redirect("/account/security?turnedOff=1");
}
