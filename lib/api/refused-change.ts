import { invalid, problem } from "@/lib/api/problem";
import type { FieldErrors } from "@/lib/validation/field-errors";

/**
 * A data function's refusal as the API answers it. The forms file a refusal that no field could
 * mend under "form" (the site is archived; devices are still on it): that is the record's state
 * forbidding the change, 409 with the page's words. Anything else names fields: 422, one per field.
 */
export function refusedChange(fieldErrors: FieldErrors): Response {
  const fields = Object.keys(fieldErrors);
  if (fields.length === 1 && fields[0] === "form") return problem(409, fieldErrors.form!);
  return invalid(fieldErrors);
}
