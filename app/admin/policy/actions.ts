"use server";

import { formAction, type FormState } from "@/lib/auth/action";
import type { Refusal } from "@/components/admin/use-admin-form";
import { startReevaluation } from "@/lib/data/jobs";
import { updatePolicy } from "@/lib/data/policy";
import { policySchema } from "@/lib/validation/policy";

const policy = formAction("admin:policy", policySchema, async (input, actor): Promise<Refusal | { redirectTo: string }> => {
  const { changed, reevaluate } = await updatePolicy(actor, input);
  if (!changed) return { redirectTo: "/admin/policy?unchanged=1" };
  if (!reevaluate) return { redirectTo: "/admin/policy?saved=1" };
  const job = startReevaluation(actor, { reason: "Policy settings changed", returnTo: "/admin/policy" });
  return { redirectTo: `/admin/jobs/${job.id}` };
});

export async function updatePolicyAction(prev: FormState<Refusal>, formData: FormData): Promise<FormState<Refusal>> {
  return policy(prev, formData);
}
