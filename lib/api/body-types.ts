// A request body held to the JSON types its OpenAPI schema documents, before the form's own schema
// checks the values: the forms' schemas also take text for numbers and "yes" for true (a form post
// is all text), which the API document does not offer, and a field the document does not name
// would otherwise be dropped without a word.
import type { z } from "zod";
import type { FieldErrors } from "@/lib/validation/field-errors";

/** Unknown fields named in one answer: enough to see the mistake, not a list as long as the body. */
const MAX_UNKNOWN_NAMED = 10;

/** Each field whose JSON type is wrong, and each field the schema does not know; null when the body fits. */
export function bodyTypeErrors(schema: z.ZodType, body: Record<string, unknown>, record: string): FieldErrors | null {
  const parsed = schema.safeParse(body);
  if (parsed.success) return null;
  // No prototype: a body's "__proto__" field must be reported like any other.
  const errors: FieldErrors = Object.create(null) as FieldErrors;
  for (const issue of parsed.error.issues) {
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys.slice(0, MAX_UNKNOWN_NAMED)) errors[key] ??= `${key} is not a field of ${record}`;
    } else {
      errors[issue.path.map(String).join(".") || "form"] ??= issue.message;
    }
  }
  return errors;
}
