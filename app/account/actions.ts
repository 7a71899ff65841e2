"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { FormState } from "@/lib/auth/action";
import type { SignedIn } from "@/lib/auth/actor";
import { AppError } from "@/lib/auth/errors";
import { currentSignIn, holdPath } from "@/lib/auth/session";
import type { Refusal } from "@/components/admin/use-admin-form";
import { setOwnPassword } from "@/lib/data/account";
import { changePasswordSchema, choosePasswordSchema } from "@/lib/validation/account";
import { fieldErrors, type FieldErrors } from "@/lib/validation/field-errors";

// Not formAction: someone choosing a password at first sign-in is not yet an actor, and neither
// form may send the typed passwords back to the browser.

type PasswordFormState = FormState<Refusal>;

const MALFORMED_FORM = "The form could not be read: reload the page and try again";

const refused = (errors: FieldErrors): PasswordFormState => ({ ok: false, errors, values: {} });

function textFields(formData: unknown): Record<string, string> | null {
  if (!(formData instanceof FormData)) return null;
  const out: Record<string, string> = {};
  for (const [k, v] of formData.entries()) if (typeof v === "string") out[k] = v;
  return out;
}

async function save(signedIn: SignedIn, currentPassword: string | null, newPassword: string): Promise<FieldErrors | null> {
  try {
    const outcome = await setOwnPassword(signedIn, { currentPassword, newPassword });
    return outcome.ok ? null : outcome.fieldErrors;
  } catch (error) {
    if (error instanceof AppError && error.code === "CONFLICT") return { form: error.message };
    throw error;
  }
}

export async function changePasswordAction(_prev: PasswordFormState, formData: FormData): Promise<PasswordFormState> {
  const signedIn = await currentSignIn();
  if (!signedIn) redirect("/login");
  const held = holdPath(signedIn);
  if (held) redirect(held);
  const values = textFields(formData);
  if (!values) return refused({ form: MALFORMED_FORM });
  const parsed = changePasswordSchema({ email: signedIn.actor.email, name: signedIn.actor.name }).safeParse(values);
  if (!parsed.success) return refused(fieldErrors(parsed.error));
  const problems = await save(signedIn, parsed.data.currentPassword, parsed.data.newPassword);
  if (problems) return refused(problems);
  redirect("/account/password?changed=1");
}

export async function choosePasswordAction(_prev: PasswordFormState, formData: FormData): Promise<PasswordFormState> {
  const signedIn = await currentSignIn();
  if (!signedIn) redirect("/login");
  if (signedIn.hold !== "choose-password") redirect(holdPath(signedIn) ?? "/account/password");
  const values = textFields(formData);
  if (!values) return refused({ form: MALFORMED_FORM });
  const parsed = choosePasswordSchema({ email: signedIn.actor.email, name: signedIn.actor.name }).safeParse(values);
  if (!parsed.success) return refused(fieldErrors(parsed.error));
  const problems = await save(signedIn, null, parsed.data.newPassword);
  if (problems) return refused(problems);
  // The header was drawn for someone held on this page: draw it again with the navigation.
  revalidatePath("/", "layout");
  redirect("/?passwordChosen=1");
}
