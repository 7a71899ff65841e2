// The /audit page's query string. Lenient where a bad value can simply be ignored (an unknown
// action or type shows every one); a date the person typed that cannot be used is named on the
// page instead, since silently dropping it would show changes they asked to leave out.
import { z } from "zod";
import { formatLongDate, isIsoDate } from "@/lib/compliance";
import type { FieldErrors } from "@/lib/validation/field-errors";
import { EARLIEST_DATE, LATEST_DATE } from "@/lib/validation/fields";
import { stripUnsafeText } from "@/lib/validation/text";

const one = (v: unknown) => (Array.isArray(v) ? v[0] : v);
const text = (v: unknown, max: number) => stripUnsafeText(String(one(v) ?? "")).slice(0, max);

function dateProblem(value: string, label: string): string | null {
  if (value === "") return null;
  if (!isIsoDate(value)) return `${label} date must be a real date, like 2025-03-27`;
  if (value < EARLIEST_DATE || value > LATEST_DATE) {
    return `${label} date must be between ${formatLongDate(EARLIEST_DATE)} and ${formatLongDate(LATEST_DATE)}`;
  }
  return null;
}

export const auditQuerySchema = z
  // Next.js hands pages its search parameters as an object that is not a plain one (in development, a proxy).
  .preprocess((v) => (v !== null && typeof v === "object" ? { ...v } : {}), z.record(z.string(), z.union([z.string(), z.array(z.string()), z.undefined()])))
  .transform((q) => {
    const page = Number(one(q.page));
    const entityType = text(q.entityType, 50);
    const action = text(q.action, 80);
    const from = text(q.from, 20);
    const to = text(q.to, 20);
    const errors: FieldErrors = {};
    const fromProblem = dateProblem(from, "From");
    const toProblem = dateProblem(to, "To");
    if (fromProblem) errors.from = fromProblem;
    if (toProblem) errors.to = toProblem;
    if (!fromProblem && !toProblem && from !== "" && to !== "" && from > to) errors.to = "To date must be the same as or after the from date";
    return {
      entityType: /^[a-z][a-z-]*$/.test(entityType) ? entityType : null,
      action: /^[a-z][a-z.-]*$/.test(action) ? action : null,
      email: text(q.email, 200),
      from: from !== "" && !errors.from && !errors.to ? from : null,
      to: to !== "" && !errors.from && !errors.to ? to : null,
      page: Number.isInteger(page) && page > 0 ? Math.min(page, 100_000) : 1,
      /** Problems with the dates as typed; the list is then shown without a date filter. */
      errors,
      /** The dates as typed, to show again beside their errors. */
      typed: { from, to },
    };
  });
/** The filters the data layer applies. */
export type AuditQuery = Omit<z.output<typeof auditQuerySchema>, "errors" | "typed">;
