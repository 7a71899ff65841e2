import "server-only";
import { forbidden as forbiddenPage, notFound as notFoundPage, redirect } from "next/navigation";
import type { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { AppError, notFound } from "@/lib/auth/errors";
import { requireActor } from "@/lib/auth/guard";
import type { Permission } from "@/lib/auth/permissions";
import { fieldErrors, type FieldErrors } from "@/lib/validation/field-errors";
import { MALFORMED_FORM } from "@/lib/validation/fields";

/** What a form's server action hands back to useActionState. */
export interface FormState<T = unknown> {
  ok: boolean;
  /** Field name → message; "form" for a problem with the whole form (such as a stale version). */
  errors: FieldErrors;
  /** The submitted values, so the form is re-rendered with what the user typed. */
  values: Record<string, string>;
  result?: T;
}

export const initialFormState: FormState = { ok: false, errors: {}, values: {} };

const MAX_RECORD_ID = 2_147_483_647;

/**
 * An id the page bound into a form's action (`action.bind(null, id)`). The browser sends bound
 * arguments back with the form, so they can be tampered with like any field: anything but a whole
 * number the database could hold is a record that does not exist (404), never a database error.
 */
export function boundId(value: unknown): number {
  if (typeof value === "number" && Number.isInteger(value) && value >= 1 && value <= MAX_RECORD_ID) return value;
  throw notFound("Record");
}

/**
 * What may be sent back to re-fill the form: everything but passwords, which would otherwise travel
 * back in the action's response (and sit in the browser's form state) after every failed attempt.
 */
export function echoableValues(values: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).filter(([k]) => !/password/i.test(k)));
}

function valuesOf(formData: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of formData.entries()) if (typeof v === "string" && !k.startsWith("$ACTION")) out[k] = v;
  return out;
}

/**
 * The one way to write a form's server action: the actor must hold the permission, the input is
 * parsed with the shared zod schema (every problem reported at once), and the data layer does the
 * rest. Out-of-scope ids answer 404 and missing permissions the 403 page, never a form error.
 */
export function formAction<S extends z.ZodType, T>(
  permission: Permission,
  schema: S,
  handler: (input: z.output<S>, actor: Actor) => Promise<T | { redirectTo: string }>,
) {
  return async (_prev: FormState<T>, formData: FormData): Promise<FormState<T>> => {
    // Server actions take whatever arguments the caller sends: a replayed request may send no form at all.
    const values = formData instanceof FormData ? valuesOf(formData) : {};
    let actor: Actor;
    try {
      actor = await requireActor(permission);
    } catch (error) {
      if (error instanceof AppError && error.code === "UNAUTHENTICATED") redirect("/login");
      forbiddenPage();
    }
    if (!(formData instanceof FormData)) return { ok: false, errors: { form: MALFORMED_FORM }, values };
    const parsed = schema.safeParse(values);
    const echoed = echoableValues(values);
    if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error), values: echoed };
    let outcome: T | { redirectTo: string };
    try {
      outcome = await handler(parsed.data, actor);
    } catch (error) {
      if (error instanceof AppError) {
        if (error.code === "NOT_FOUND") notFoundPage();
        if (error.code === "FORBIDDEN") forbiddenPage();
        if (error.code === "CONFLICT" || error.code === "INVALID") return { ok: false, errors: { form: error.message }, values: echoed };
      }
      throw error;
    }
    if (outcome && typeof outcome === "object" && "redirectTo" in outcome) redirect(outcome.redirectTo);
    return { ok: true, errors: {}, values: echoed, result: outcome as T };
  };
}
