"use client";

import { Button, ErrorSummary, TextInput } from "@/components/govuk";
import { useAdminForm, type AdminFormAction } from "@/components/admin/use-admin-form";

const NEW_PASSWORD_HINT =
  "Use 12 characters or more. Three or four unrelated words make a password that is long and easy to remember. " +
  "Do not use your email address, the name of this service, or a password you use anywhere else.";

/**
 * "Change your password" (with the current one) or "Choose a new password" at first sign-in
 * (without). The typed passwords are never sent back: after an error every field starts empty.
 */
export function PasswordForm({ action, askCurrent, submitText }: { action: AdminFormAction; askCurrent: boolean; submitText: string }) {
  const fields = askCurrent ? ["currentPassword", "newPassword", "confirmPassword"] : ["newPassword", "confirmPassword"];
  const form = useAdminForm(action, fields);
  return (
    <form action={form.dispatch} noValidate aria-busy={form.pending}>
      <ErrorSummary errors={form.summary} />
      <div key={form.submission + JSON.stringify(form.errors)}>
        {askCurrent ? (
          <TextInput
            id="currentPassword"
            name="currentPassword"
            type="password"
            label="Current password"
            autoComplete="current-password"
            error={form.errors.currentPassword}
          />
        ) : null}
        <TextInput
          id="newPassword"
          name="newPassword"
          type="password"
          label="New password"
          hint={NEW_PASSWORD_HINT}
          autoComplete="new-password"
          error={form.errors.newPassword}
        />
        <TextInput
          id="confirmPassword"
          name="confirmPassword"
          type="password"
          label="Confirm new password"
          autoComplete="new-password"
          error={form.errors.confirmPassword}
        />
      </div>
      <Button>{form.pending ? "Saving…" : submitText}</Button>
    </form>
  );
}
