"use server";

import { formAction, type FormState } from "@/lib/auth/action";
import type { Refusal } from "@/components/admin/use-admin-form";
import { startReevaluation } from "@/lib/data/jobs";
import { saveBrand, updateProducer } from "@/lib/data/register";
import { brandSchema, producerSchema } from "@/lib/validation/register";

const producer = formAction("admin:register", producerSchema, async (input, actor): Promise<Refusal | { redirectTo: string }> => {
  const saved = await updateProducer(actor, input);
  const job = startReevaluation(actor, { reason: `Producer register: ${saved.name} changed`, returnTo: `/admin/register/producers/${saved.id}` });
  return { redirectTo: `/admin/jobs/${job.id}` };
});

const brand = formAction("admin:register", brandSchema, async (input, actor): Promise<Refusal | { redirectTo: string }> => {
  const outcome = await saveBrand(actor, input);
  if (!outcome.ok) return { fieldErrors: outcome.fieldErrors };
  const reason = `Producer register: brand ${input.name} ${input.id === null ? "added" : "changed"}`;
  const job = startReevaluation(actor, { reason, returnTo: `/admin/register/producers/${outcome.value.producerId}` });
  return { redirectTo: `/admin/jobs/${job.id}` };
});

export async function updateProducerAction(prev: FormState<Refusal>, formData: FormData): Promise<FormState<Refusal>> {
  return producer(prev, formData);
}

export async function saveBrandAction(prev: FormState<Refusal>, formData: FormData): Promise<FormState<Refusal>> {
  return brand(prev, formData);
}
