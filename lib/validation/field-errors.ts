import type { z } from "zod";

/** Field name → first message, in the order the fields appear in the schema. */
export type FieldErrors = Record<string, string>;

// Hidden fields have nothing on the page to link to: their problems are the whole form's.
const HIDDEN_FIELDS = new Set(["id", "version"]);

export function fieldErrors(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join(".") || "form";
    out[HIDDEN_FIELDS.has(key) ? "form" : key] ??= issue.message;
  }
  return out;
}
