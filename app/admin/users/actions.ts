"use server";

import { formAction, type FormState } from "@/lib/auth/action";
import { requireActor } from "@/lib/auth/guard";
import type { Refusal } from "@/components/admin/use-admin-form";
import { createUser, emailTakenProblem, setUserActive, updateUser } from "@/lib/data/admin-users";
import { inviteUser, resendInvitation } from "@/lib/data/invitations";
import { inviteUserSchema, resendInvitationSchema } from "@/lib/validation/invitation";
import { createUserSchema, emailField, updateUserSchema, userStatusSchema } from "@/lib/validation/user";

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

const invite = formAction("admin:users", inviteUserSchema, async (input, actor): Promise<Refusal | { redirectTo: string }> => {
  const outcome = await inviteUser(actor, input);
  if (!outcome.ok) return { fieldErrors: outcome.fieldErrors };
  return { redirectTo: `/admin/users?${outcome.value.emailed ? "invited" : "notSent"}=${outcome.value.id}` };
});

const resend = formAction("admin:users", resendInvitationSchema, async (input, actor): Promise<Refusal | { redirectTo: string }> => {
  const sent = await resendInvitation(actor, input.id);
  return { redirectTo: `/admin/users?${sent.emailed ? "invited" : "notSent"}=${sent.id}` };
});

export async function inviteUserAction(prev: FormState<Refusal>, formData: FormData): Promise<FormState<Refusal>> {
  const state = await invite(prev, formData);
  // As for creating an account: a taken address is reported with the form's other problems.
  if (state.ok || state.result || !(formData instanceof FormData) || state.errors.email || state.errors.form) return state;
  const email = emailField.safeParse(formData.get("email") ?? "");
  if (!email.success) return state;
  const taken = await emailTakenProblem(await requireActor("admin:users"), email.data);
  return taken ? { ...state, errors: { ...state.errors, ...taken } } : state;
}

export async function resendInvitationAction(prev: FormState<Refusal>, formData: FormData): Promise<FormState<Refusal>> {
  return resend(prev, formData);
}

export async function createUserAction(prev: FormState<Refusal>, formData: FormData): Promise<FormState<Refusal>> {
  const state = await create(prev, formData);
  // The form's own problems stopped it before the data layer looked at the address: a taken one
  // is reported with them, so the administrator does not fix everything only to be told of it next.
  if (state.ok || state.result || !(formData instanceof FormData) || state.errors.email || state.errors.form) return state;
  const email = emailField.safeParse(formData.get("email") ?? "");
  if (!email.success) return state;
  const taken = await emailTakenProblem(await requireActor("admin:users"), email.data);
  return taken ? { ...state, errors: { ...state.errors, ...taken } } : state;
}

export async function updateUserAction(prev: FormState<Refusal>, formData: FormData): Promise<FormState<Refusal>> {
  return update(prev, formData);
}

export async function setUserStatusAction(prev: FormState<Refusal>, formData: FormData): Promise<FormState<Refusal>> {
  return status(prev, formData);
}
