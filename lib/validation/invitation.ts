import { z } from "zod";
import { choosePasswordSchema } from "@/lib/validation/account";
import type { PasswordContext } from "@/lib/validation/password";
import {
  accountableOfficialField,
  accountableOfficialRule,
  emailField,
  name,
  organisationId,
  organisationRule,
  role,
} from "@/lib/validation/user";

// Inviting someone by email, and the invitation link they follow to choose their password.

/** "Invite by email": the account's details; the person chooses their own password from the link. */
export const inviteUserSchema = accountableOfficialRule(
  organisationRule(z.object({ name, email: emailField, role, organisationId, accountableOfficial: accountableOfficialField })),
);
export type InviteUserInput = z.output<typeof inviteUserSchema>;

/** How long an invitation link works. */
export const INVITATION_DAYS = 7;

/** 32 random bytes, base64url without padding: exactly 43 of A-Z a-z 0-9 - _. */
export const invitationTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/);

export function isInvitationToken(value: unknown): value is string {
  return invitationTokenSchema.safeParse(value).success;
}

/** The link's form: the new password twice, judged by the one password policy against the account. */
export function acceptInvitationSchema(context: PasswordContext) {
  return choosePasswordSchema(context);
}
export type AcceptInvitationInput = z.output<ReturnType<typeof acceptInvitationSchema>>;

/** Resending an invitation: the account's id from the page. */
export const resendInvitationSchema = z.object({ id: z.string().regex(/^[1-9]\d{0,8}$/).transform(Number) });
