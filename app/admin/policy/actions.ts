"use server";

import { formAction, type FormState } from "@/lib/auth/action";
import type { Refusal } from "@/components/admin/use-admin-form";
import { updatePolicy } from "@/lib/data/policy";
import { policySchema } from "@/lib/validation/policy";

const policy = formAction("admin:policy", policySchema, async (input, actor): Promise<Refusal | { redirectTo: string }> => {
  // The re-evaluation, when the change needs one, was queued in the change's own transaction.
  const { changed, jobId } = await updatePolicy(actor, input);
  if (!changed) return { redirectTo: "/admin/policy?unchanged=1" };
  if (!jobId) return { redirectTo: "/admin/policy?saved=1" };
  return { redirectTo: `/admin/jobs/${jobId}` };
});

export async function updatePolicyAction(prev: FormState<Refusal>, formData: FormData): Promise<FormState<Refusal>> {
  return policy(prev, formData);
}
