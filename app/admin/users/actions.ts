"use server";

import { formAction, type FormState } from "@/lib/auth/action";
import type { Refusal } from "@/components/admin/use-admin-form";
import { createUser, setUserActive, updateUser } from "@/lib/data/admin-users";
import { createUserSchema, updateUserSchema, userStatusSchema } from "@/lib/validation/user";

const create = formAction("admin:users", createUserSchema, async (input, actor): Promise<Refusal | { redirectTo: string }> => {
  const outcome = await createUser(actor, input);
  return outcome.ok ? { redirectTo: `/admin/users?created=${outcome.value.id}` } : { fieldErrors: outcome.fieldErrors };
});

const update = formAction("admin:users", updateUserSchema, async (input, actor): Promise<Refusal | { redirectTo: string }> => {
  const outcome = await updateUser(actor, input);
  return outcome.ok ? { redirectTo: `/admin/users?updated=${outcome.value.id}` } : { fieldErrors: outcome.fieldErrors };
});

const status = formAction("admin:users", userStatusSchema, async (input, actor): Promise<Refusal | { redirectTo: string }> => {
  const result = await setUserActive(actor, input);
  return { redirectTo: `/admin/users?${result.active ? "reactivated" : "deactivated"}=${result.id}` };
});

export async function createUserAction(prev: FormState<Refusal>, formData: FormData): Promise<FormState<Refusal>> {
  return create(prev, formData);
}

export async function updateUserAction(prev: FormState<Refusal>, formData: FormData): Promise<FormState<Refusal>> {
  return update(prev, formData);
}

export async function setUserStatusAction(prev: FormState<Refusal>, formData: FormData): Promise<FormState<Refusal>> {
  return status(prev, formData);
}
