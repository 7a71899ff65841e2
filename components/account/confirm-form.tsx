"use client";

import { Button, ErrorSummary } from "@/components/govuk";
import { useAdminForm, type AdminFormAction } from "@/components/admin/use-admin-form";

/** A confirmation page's one button (revoke, deactivate), with the form's problems above it. */
export function ConfirmForm({ action, buttonText, cancelHref }: { action: AdminFormAction; buttonText: string; cancelHref: string }) {
  const form = useAdminForm(action, []);
  return (
    <form action={form.dispatch} noValidate aria-busy={form.pending}>
      <ErrorSummary errors={form.summary.map((item) => ({ text: item.text }))} />
      <div className="govuk-button-group">
        <Button variant="warning">{buttonText}</Button>
        <a href={cancelHref} className="govuk-link">Cancel</a>
      </div>
    </form>
  );
}
