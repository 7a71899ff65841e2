"use server";

import { redirect } from "next/navigation";
import type { FormState } from "@/lib/auth/action";
import type { Refusal } from "@/components/admin/use-admin-form";
import { acceptInvitation, invitationState } from "@/lib/data/invitations";
import { fieldErrors } from "@/lib/validation/field-errors";
import { MALFORMED_FORM } from "@/lib/validation/fields";
import { acceptInvitationSchema, isInvitationToken } from "@/lib/validation/invitation";

// Not formAction: the person following an invitation is not signed in. The token is bound into the
// form by the page, but the browser sends it back like any field: it is checked again here, and
// the typed passwords are never sent back.

type State = FormState<Refusal>;

const refused = (errors: Record<string, string>): State => ({ ok: false, errors, values: {} });

const NOT_OPEN: Record<string, string> = {
  used: "This invitation link has already been used. If you chose your password, sign in with it.",
  expired: "This invitation link has expired. Ask an administrator to send you a new invitation.",
  unknown: "This invitation link is not valid. Check that you used the whole link from the email.",
};

export async function acceptInvitationAction(token: unknown, _prev: State, formData: FormData): Promise<State> {
  if (!isInvitationToken(token)) return refused({ form: NOT_OPEN.unknown! });
  if (!(formData instanceof FormData)) return refused({ form: MALFORMED_FORM });
  const state = await invitationState(token);
  if (state.status !== "open") return refused({ form: NOT_OPEN[state.status]! });
  const values = { newPassword: formData.get("newPassword"), confirmPassword: formData.get("confirmPassword") };
  const parsed = acceptInvitationSchema({ email: state.email, name: state.name }).safeParse(values);
  if (!parsed.success) return refused(fieldErrors(parsed.error));
  const outcome = await acceptInvitation(token, parsed.data.newPassword);
  if (outcome !== "accepted") return refused({ form: NOT_OPEN[outcome] ?? NOT_OPEN.unknown! });
  redirect("/invitation/accepted");
}
