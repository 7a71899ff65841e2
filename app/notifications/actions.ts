"use server";

import { redirect } from "next/navigation";
import type { FormState } from "@/lib/auth/action";
import type { Actor } from "@/lib/auth/actor";
import { currentActor } from "@/lib/auth/session";
import type { Refusal } from "@/components/admin/use-admin-form";
import { markAllRead, setEmailedKinds } from "@/lib/data/notifications";
import { fieldErrors } from "@/lib/validation/field-errors";
import { MALFORMED_FORM } from "@/lib/validation/fields";
import { emailPreferencesSchema, markAllReadSchema } from "@/lib/validation/notification-preferences";

// A person's own notifications: open to everyone signed in (no permission names it), so the same
// pattern as formAction with the signed-in actor: checked on the server, parsed with the shared
// schema, refused in plain English.

type State = FormState<Refusal>;

async function signedIn(): Promise<Actor> {
  const actor = await currentActor();
  if (!actor) redirect("/login");
  return actor;
}

export async function markAllReadAction(_prev: State, formData: FormData): Promise<State> {
  const actor = await signedIn();
  if (!(formData instanceof FormData)) return { ok: false, errors: { form: MALFORMED_FORM }, values: {} };
  const parsed = markAllReadSchema.safeParse({ upTo: formData.get("upTo") });
  if (!parsed.success) return { ok: false, errors: { form: MALFORMED_FORM }, values: {} };
  const marked = await markAllRead(actor, parsed.data);
  redirect(`/notifications?read=${marked}`);
}

export async function saveEmailPreferencesAction(_prev: State, formData: FormData): Promise<State> {
  const actor = await signedIn();
  if (!(formData instanceof FormData)) return { ok: false, errors: { form: MALFORMED_FORM }, values: {} };
  const parsed = emailPreferencesSchema.safeParse({ emailed: formData.getAll("emailed") });
  // Every problem is with the boxes (a tampered value): reported against them. The boxes are drawn
  // again from what is saved.
  if (!parsed.success) return { ok: false, errors: { emailed: Object.values(fieldErrors(parsed.error))[0] ?? MALFORMED_FORM }, values: {} };
  await setEmailedKinds(actor, parsed.data);
  redirect("/account/notifications?saved=1");
}
