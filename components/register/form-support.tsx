"use client";

import { useEffect } from "react";
import type { ReactNode } from "react";
import { Button, ButtonGroup, ErrorSummary } from "@/components/govuk";
import type { FieldErrors } from "@/lib/validation/field-errors";

/** What the register's server actions hand back: FormState with refusals from the data layer. */
export interface RegisterFormState {
  ok: boolean;
  errors: FieldErrors;
  values: Record<string, string>;
  result?: { fieldErrors: FieldErrors };
}

export const initialRegisterFormState: RegisterFormState = { ok: false, errors: {}, values: {} };

/** Validation errors and the data layer's refusals together, as one map. */
export function errorsOf(state: RegisterFormState): FieldErrors {
  return { ...state.errors, ...(state.result?.fieldErrors ?? {}) };
}

/** The submitted value when the form came back, otherwise the record's. */
export function valueOf(state: RegisterFormState, name: string, fallback: string | null | undefined): string {
  const submitted = Object.keys(state.values).length > 0;
  return submitted ? (state.values[name] ?? "") : (fallback ?? "");
}

/** For tick boxes: unticked boxes post nothing, so a submitted form without the name means no. */
export function checkedOf(state: RegisterFormState, name: string, fallback: boolean): boolean {
  const submitted = Object.keys(state.values).length > 0;
  return submitted ? state.values[name] === "yes" : fallback;
}

export interface FormErrorSummaryProps {
  errors: FieldErrors;
  /** Field names in the order they appear on the page; the summary lists errors in that order. */
  order: readonly string[];
  /** Field name → element id, where they differ (radios and grouped boxes link to their first input). */
  ids?: Readonly<Record<string, string>>;
}

/**
 * The error summary at the top of a form, plus the "Error: " prefix on the page title that tells
 * screen reader users, before anything else, that the page came back with problems.
 */
export function FormErrorSummary({ errors, order, ids = {} }: FormErrorSummaryProps) {
  const keys = Object.keys(errors);
  const sorted = [
    ...keys.filter((k) => k === "form"),
    ...order.filter((k) => keys.includes(k)),
    ...keys.filter((k) => k !== "form" && !order.includes(k)),
  ];
  const firstField = order[0] ?? "form";
  const items = sorted.map((k) => ({
    href: `#${k === "form" ? (ids[firstField] ?? firstField) : (ids[k] ?? k)}`,
    text: errors[k] ?? "",
  }));
  const signature = items.map((i) => `${i.href}:${i.text}`).join("|");
  const hasErrors = items.length > 0;
  useEffect(() => {
    const base = document.title.replace(/^Error: /, "");
    document.title = hasErrors ? `Error: ${base}` : base;
  }, [hasErrors, signature]);
  return <ErrorSummary key={signature} errors={items} />;
}

/** A form's submit button and its "Cancel" link back, as every register form ends. */
export function FormActions({ pending, text, cancelHref, warning = false }: { pending: boolean; text: ReactNode; cancelHref: string; warning?: boolean }) {
  return (
    <ButtonGroup>
      <Button type="submit" disabled={pending} variant={warning ? "warning" : "primary"}>
        {text}
      </Button>
      <a className="govuk-link" href={cancelHref}>
        Cancel
      </a>
    </ButtonGroup>
  );
}
