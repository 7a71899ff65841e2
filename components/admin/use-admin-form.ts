"use client";

import { useActionState, useEffect } from "react";
import type { FormState } from "@/lib/auth/action";
import type { FieldErrors } from "@/lib/validation/field-errors";
import type { ErrorSummaryItem } from "@/components/govuk";

/** What the admin actions hand back when the data layer refuses a value (a taken email, a brand clash). */
export interface Refusal {
  fieldErrors: FieldErrors;
}

export type AdminFormAction = (prev: FormState<Refusal>, formData: FormData) => Promise<FormState<Refusal>>;

export const initialAdminFormState: FormState<Refusal> = { ok: false, errors: {}, values: {} };

/**
 * The shared behaviour of the administrator forms: server validation through `formAction`,
 * every error in one summary in the order of the fields, the typed values kept, and an
 * "Error: " prefix on the page title while there are errors.
 */
export function useAdminForm(action: AdminFormAction, fieldOrder: readonly string[]) {
  const [state, dispatch, pending] = useActionState(action, initialAdminFormState);
  const errors: FieldErrors = { ...state.errors, ...(state.result?.fieldErrors ?? {}) };
  const submitted = Object.keys(state.values).length > 0;
  const hasErrors = Object.keys(errors).length > 0;

  useEffect(() => {
    const base = document.title.replace(/^Error: /, "");
    document.title = hasErrors ? `Error: ${base}` : base;
  }, [hasErrors, state]);

  const rank = (field: string) => (field === "form" ? -1 : fieldOrder.indexOf(field) === -1 ? fieldOrder.length : fieldOrder.indexOf(field));
  const summary: ErrorSummaryItem[] = Object.entries(errors)
    .sort(([a], [b]) => rank(a) - rank(b))
    .map(([field, text]) => ({ href: field === "form" ? `#${fieldOrder[0] ?? "main-content"}` : `#${field}`, text }));

  /** The submitted value after a failed attempt, otherwise the record's own. */
  const value = (name: string, initial: string): string => (submitted ? (state.values[name] ?? "") : initial);

  return { state, dispatch, pending, errors, summary, value, submission: JSON.stringify(state.values) };
}
