"use server";

import { formAction, type FormState } from "@/lib/auth/action";
import type { Refusal } from "@/components/admin/use-admin-form";
import { startReevaluation } from "@/lib/data/jobs";
import { addModelPrefix, removeModelPrefix, saveBrand, updateProducer } from "@/lib/data/register";
import { brandSchema, modelPrefixSchema, producerSchema, removeModelPrefixSchema } from "@/lib/validation/register";

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

const addPrefix = formAction("admin:register", modelPrefixSchema, async (input, actor): Promise<Refusal | { redirectTo: string }> => {
  const outcome = await addModelPrefix(actor, input);
  if (!outcome.ok) return { fieldErrors: outcome.fieldErrors };
  const job = startReevaluation(actor, { reason: `Producer register: model prefix ${input.prefix} added`, returnTo: `/admin/register/producers/${outcome.value.producerId}` });
  return { redirectTo: `/admin/jobs/${job.id}` };
});

const removePrefix = formAction("admin:register", removeModelPrefixSchema, async (input, actor): Promise<Refusal | { redirectTo: string }> => {
  const removed = await removeModelPrefix(actor, input.id);
  const job = startReevaluation(actor, { reason: `Producer register: model prefix ${removed.prefix} removed`, returnTo: `/admin/register/producers/${removed.producerId}` });
  return { redirectTo: `/admin/jobs/${job.id}` };
});

export async function updateProducerAction(prev: FormState<Refusal>, formData: FormData): Promise<FormState<Refusal>> {
  return producer(prev, formData);
}

export async function saveBrandAction(prev: FormState<Refusal>, formData: FormData): Promise<FormState<Refusal>> {
  return brand(prev, formData);
}

export async function addModelPrefixAction(prev: FormState<Refusal>, formData: FormData): Promise<FormState<Refusal>> {
  return addPrefix(prev, formData);
}

export async function removeModelPrefixAction(prev: FormState<Refusal>, formData: FormData): Promise<FormState<Refusal>> {
  return removePrefix(prev, formData);
}
