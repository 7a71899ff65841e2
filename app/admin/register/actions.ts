"use server";

import { formAction, type FormState } from "@/lib/auth/action";
import type { Refusal } from "@/components/admin/use-admin-form";
// Each change queues its re-evaluation in its own transaction and returns the job to follow.
import { addModelPrefix, createProducer, removeModelPrefix, saveBrand, updateProducer } from "@/lib/data/register";
import { brandSchema, modelPrefixSchema, newProducerSchema, producerSchema, removeModelPrefixSchema } from "@/lib/validation/register";

const newProducer = formAction("admin:register", newProducerSchema, async (input, actor): Promise<Refusal | { redirectTo: string }> => {
  const outcome = await createProducer(actor, input);
  if (!outcome.ok) return { fieldErrors: outcome.fieldErrors };
  return { redirectTo: `/admin/jobs/${outcome.value.jobId}` };
});

const producer = formAction("admin:register", producerSchema, async (input, actor): Promise<Refusal | { redirectTo: string }> => {
  const saved = await updateProducer(actor, input);
  return { redirectTo: `/admin/jobs/${saved.jobId}` };
});

const brand = formAction("admin:register", brandSchema, async (input, actor): Promise<Refusal | { redirectTo: string }> => {
  const outcome = await saveBrand(actor, input);
  if (!outcome.ok) return { fieldErrors: outcome.fieldErrors };
  return { redirectTo: `/admin/jobs/${outcome.value.jobId}` };
});

const addPrefix = formAction("admin:register", modelPrefixSchema, async (input, actor): Promise<Refusal | { redirectTo: string }> => {
  const outcome = await addModelPrefix(actor, input);
  if (!outcome.ok) return { fieldErrors: outcome.fieldErrors };
  return { redirectTo: `/admin/jobs/${outcome.value.jobId}` };
});

const removePrefix = formAction("admin:register", removeModelPrefixSchema, async (input, actor): Promise<Refusal | { redirectTo: string }> => {
  const removed = await removeModelPrefix(actor, input.id);
  return { redirectTo: `/admin/jobs/${removed.jobId}` };
});

export async function createProducerAction(prev: FormState<Refusal>, formData: FormData): Promise<FormState<Refusal>> {
  return newProducer(prev, formData);
}

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
