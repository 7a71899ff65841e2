"use client";

import { Button, Checkboxes, ErrorSummary } from "@/components/govuk";
import { useAdminForm, type AdminFormAction } from "@/components/admin/use-admin-form";

/** "Mark all as read", up to the newest notification on the page. */
export function MarkAllReadForm({ action, upTo }: { action: AdminFormAction; upTo: number }) {
  const form = useAdminForm(action, ["upTo"]);
  return (
    <form action={form.dispatch} noValidate aria-busy={form.pending}>
      <ErrorSummary errors={form.summary} />
      <input type="hidden" name="upTo" value={upTo} />
      <Button variant="secondary">{form.pending ? "Marking…" : "Mark all as read"}</Button>
    </form>
  );
}

export interface KindChoice {
  value: string;
  label: string;
  hint: string;
}

/** Which notifications are also emailed: ticked boxes are emailed; all still appear in the service. */
export function EmailPreferencesForm({ action, kinds, emailed }: { action: AdminFormAction; kinds: KindChoice[]; emailed: string[] }) {
  const form = useAdminForm(action, ["emailed"]);
  return (
    <form action={form.dispatch} noValidate aria-busy={form.pending}>
      <ErrorSummary errors={form.summary} />
      <Checkboxes
        name="emailed"
        idPrefix="emailed"
        legend="Which notifications do you want by email?"
        legendSize="m"
        hint="Select all that apply. You will still see every notification on your notifications page."
        items={kinds.map((k) => ({ value: k.value, text: k.label, hint: k.hint }))}
        defaultValues={emailed}
        error={form.errors.emailed}
      />
      <Button>{form.pending ? "Saving…" : "Save email settings"}</Button>
    </form>
  );
}
