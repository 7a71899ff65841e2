"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { boundId, formAction } from "@/lib/auth/action";
import { AppError } from "@/lib/auth/errors";
import { attestReturn, declarationIdsOf, openRound, saveReturnDraft } from "@/lib/data/returns";
import { fieldErrors, type FieldErrors } from "@/lib/validation/field-errors";
import { answersSchema, attestationSchema, roundFormSchema } from "@/lib/validation/returns";
import type { RegisterFormState } from "@/components/register/form-support";

type Refused = { fieldErrors: FieldErrors };

const open = formAction<typeof roundFormSchema, Refused>("returns:manage", roundFormSchema, async (input, actor) => {
  const outcome = await openRound(actor, input);
  return outcome.ok ? { redirectTo: `/returns/${outcome.value.id}?done=opened` } : { fieldErrors: outcome.fieldErrors };
});

export async function openRoundAction(prev: RegisterFormState, formData: FormData): Promise<RegisterFormState> {
  return open(prev, formData);
}

/**
 * The answers form posts `answer-<id>` and `details-<id>` for the round's own statements, so its
 * schema is built once the round is known: here every value is only bounded against abuse.
 */
const answersFormSchema = z.record(z.string(), z.string().max(20_000, "This answer is too long"));

/** Which button sent the form: "Attest", or "Save draft" (also the answer to anything else). */
function intentOf(formData: FormData): "attest" | "draft" {
  const raw = formData instanceof FormData ? formData.get("intent") : null;
  return raw === "attest" ? "attest" : "draft";
}

export async function submitReturnAction(roundId: number, organisationId: number, prev: RegisterFormState, formData: FormData): Promise<RegisterFormState> {
  const intent = intentOf(formData);
  return formAction<typeof answersFormSchema, Refused>("returns:read", answersFormSchema, async (values, actor) => {
    const round = boundId(roundId);
    const organisation = boundId(organisationId);
    const ids = await declarationIdsOf(actor, round);
    const schema = intent === "attest" ? attestationSchema(ids) : answersSchema(ids);
    const parsed = schema.safeParse(values);
    if (!parsed.success) return { fieldErrors: fieldErrors(parsed.error) };
    const input = parsed.data as Record<string, unknown>;
    const path = `/returns/${round}/${organisation}`;
    if (intent === "draft") {
      const outcome = await saveReturnDraft(actor, round, organisation, input);
      return outcome.ok ? { redirectTo: `${path}?done=saved` } : { fieldErrors: outcome.fieldErrors };
    }
    try {
      const outcome = await attestReturn(actor, round, organisation, input);
      return outcome.ok ? { redirectTo: `${path}?done=attested` } : { fieldErrors: outcome.fieldErrors };
    } catch (error) {
      // The figures moved while the page was open: the page is read again, so it shows the figures
      // as they are now (and their new reference) under the refusal.
      if (error instanceof AppError && error.code === "CONFLICT") {
        revalidatePath(path);
        return { fieldErrors: { form: error.message } };
      }
      throw error;
    }
  })(prev, formData);
}
