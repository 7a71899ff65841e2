// The /audit page's query string. Lenient: a bad value shows the unfiltered view, not an error.
import { z } from "zod";
import { isIsoDate } from "@/lib/compliance";

const one = (v: unknown) => (Array.isArray(v) ? v[0] : v);
const text = (v: unknown, max: number) => String(one(v) ?? "").trim().slice(0, max);

export const auditQuerySchema = z
  .record(z.string(), z.union([z.string(), z.array(z.string()), z.undefined()]))
  .transform((q) => {
    const page = Number(one(q.page));
    const entityType = text(q.entityType, 50);
    const action = text(q.action, 80);
    const from = text(q.from, 10);
    const to = text(q.to, 10);
    return {
      entityType: /^[a-z][a-z-]*$/.test(entityType) ? entityType : null,
      action: /^[a-z][a-z.-]*$/.test(action) ? action : null,
      email: text(q.email, 200),
      from: isIsoDate(from) ? from : null,
      to: isIsoDate(to) ? to : null,
      page: Number.isInteger(page) && page > 0 ? Math.min(page, 100_000) : 1,
    };
  });
export type AuditQuery = z.output<typeof auditQuerySchema>;
