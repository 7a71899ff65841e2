// The /audit page's query string. Lenient where a bad value can simply be ignored (an unknown
// action or type shows every one); a date the person typed that cannot be used is named on the
// page instead, since silently dropping it would show changes they asked to leave out.
import { z } from "zod";
import { parseDateParts, readDateParts, type DateParts } from "@/lib/validation/date-parts";
import type { FieldErrors } from "@/lib/validation/field-errors";
import { stripUnsafeText } from "@/lib/validation/text";

const one = (v: unknown) => (Array.isArray(v) ? v[0] : v);
const text = (v: unknown, max: number) => stripUnsafeText(String(one(v) ?? "")).slice(0, max);

/** A date filter read from its day, month and year (or a whole ISO date in links), and what to show again. */
function dateFilter(q: Record<string, unknown>, name: "from" | "to") {
  const parts = readDateParts(q, name);
  const result = parseDateParts(parts, { label: name === "from" ? "From date" : "To date" });
  const typed: DateParts = { day: text(parts.day, 20), month: text(parts.month, 20), year: text(parts.year, 20) };
  return { value: result.ok ? result.value : null, problem: result.ok ? null : result.message, typed };
}

export const auditQuerySchema = z
  // Next.js hands pages its search parameters as an object that is not a plain one (in development, a proxy).
  .preprocess((v) => (v !== null && typeof v === "object" ? { ...v } : {}), z.record(z.string(), z.union([z.string(), z.array(z.string()), z.undefined()])))
  .transform((q) => {
    const page = Number(one(q.page));
    const entityType = text(q.entityType, 50);
    const action = text(q.action, 80);
    const fromDate = dateFilter(q, "from");
    const toDate = dateFilter(q, "to");
    const from = fromDate.value;
    const to = toDate.value;
    const errors: FieldErrors = {};
    if (fromDate.problem) errors.from = fromDate.problem;
    if (toDate.problem) errors.to = toDate.problem;
    if (from !== null && to !== null && from > to) errors.to = "To date must be the same as or after the from date";
    return {
      // As the code writes them: "sign-in email" has a space, "user.password_chosen" an underscore.
      entityType: /^[a-z][a-z -]*$/.test(entityType) ? entityType : null,
      action: /^[a-z][a-z._-]*$/.test(action) ? action : null,
      email: text(q.email, 200),
      from: !errors.from && !errors.to ? from : null,
      to: !errors.from && !errors.to ? to : null,
      page: Number.isInteger(page) && page > 0 ? Math.min(page, 100_000) : 1,
      /** Problems with the dates as typed; the list is then shown without a date filter. */
      errors,
      /** The dates as typed, to show again beside their errors. */
      typed: { from: fromDate.typed, to: toDate.typed },
    };
  });
/** The filters the data layer applies. */
export type AuditQuery = Omit<z.output<typeof auditQuerySchema>, "errors" | "typed">;
