"use server";

import { signInSchema } from "@/lib/validation/sign-in";
import { fieldErrors, type FieldErrors } from "@/lib/validation/field-errors";

/** Server-side check of the form before the credentials go to next-auth. */
export async function validateSignIn(input: { email: string; password: string }): Promise<FieldErrors> {
  const parsed = signInSchema.safeParse(input);
  return parsed.success ? {} : fieldErrors(parsed.error);
}
