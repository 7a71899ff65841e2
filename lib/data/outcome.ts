import type { FieldErrors } from "@/lib/validation/field-errors";

/** A change that happened, or was refused for reasons the form shows against its fields. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; fieldErrors: FieldErrors };
