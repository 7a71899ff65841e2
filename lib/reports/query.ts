import { z } from "zod";
import { formatLongDate, isIsoDate } from "@/lib/compliance";
import { todayInLondon } from "@/lib/platform/today";
import { EARLIEST_DATE } from "@/lib/validation/fields";
import type { ReportFormat } from "@/lib/reports/format";

// The download link's query, shared by the route (which rejects bad input) and the reports page
// (which builds the links). Values arrive as strings.

const FORMATS = { pdf: "PDF", xlsx: "XLSX", csv: "CSV" } as const satisfies Record<string, ReportFormat>;

export const reportQuerySchema = z.object({
  format: z
    .string({ error: "Choose a format: pdf, xlsx or csv" })
    .trim()
    .toLowerCase()
    .refine((v): v is keyof typeof FORMATS => v in FORMATS, "Choose a format: pdf, xlsx or csv")
    .transform((v) => FORMATS[v as keyof typeof FORMATS]),
  asOf: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v === undefined || v === "" || v === "today" ? null : v))
    .refine((v) => v === null || isIsoDate(v), "As-of date must be 'today' or a real date written as YYYY-MM-DD")
    // A report describes what has happened: not the future, and not before the register's dates.
    .refine((v) => v === null || !isIsoDate(v) || (v >= EARLIEST_DATE && v <= todayInLondon()), `As-of date must be between ${formatLongDate(EARLIEST_DATE)} and today`),
  organisationId: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v === undefined || v === "" || v === "all" ? null : v))
    .refine((v) => v === null || /^[1-9][0-9]{0,8}$/.test(v), "Organisation must be 'all' or an organisation number")
    .transform((v) => (v === null ? null : Number(v))),
});

export type ReportQuery = z.output<typeof reportQuerySchema>;

/** Every problem with the query, in one sentence list. */
export function describeQueryProblems(error: z.ZodError): string {
  return error.issues.map((i) => i.message).join("; ");
}

export function downloadHref(format: ReportFormat, asOf: string | null, organisationId: number | null): string {
  const params = new URLSearchParams({ format: format.toLowerCase(), asOf: asOf ?? "today" });
  if (organisationId !== null) params.set("organisationId", String(organisationId));
  return `/api/reports/download?${params.toString()}`;
}
