import { z } from "zod";
import { MAX_GRACE_DAYS, validatePolicy } from "@/lib/compliance";
import { requiredDate, withDateParts } from "@/lib/validation/date-parts";
import { versionField } from "@/lib/validation/fields";

/** Exemptions are for a short, justified delay: ten years would be no exemption at all. */
export const MAX_EXEMPTION_MONTHS_LIMIT = 120;
export const DEFAULT_MAX_EXEMPTION_MONTHS = 36;
/** A device unseen for longer than a year is a question for the site, not a scan's timing. */
export const MAX_NOT_SEEN_DAYS = 365;

const policyFields = z
  .object({
    version: versionField,
    cutOff: requiredDate({ label: "Cut-off date", missing: "Enter the cut-off date" }),
    removalDeadline: requiredDate({ label: "Removal deadline", missing: "Enter the removal deadline" }),
    reclassificationGraceDays: z
      .string({ error: "Enter the reclassification grace period in days" })
      .trim()
      .min(1, "Enter the reclassification grace period in days")
      .regex(/^\d+$/, "The reclassification grace period must be a whole number of days, like 365")
      .transform(Number)
      .refine((n) => n <= MAX_GRACE_DAYS, `The reclassification grace period must be ${MAX_GRACE_DAYS} days or fewer`),
    maxExemptionMonths: z
      .string({ error: "Enter the longest an exemption may last, in months" })
      .trim()
      .min(1, "Enter the longest an exemption may last, in months")
      .regex(/^\d{1,4}$/, "The longest exemption must be a whole number of months, like 36")
      .transform(Number)
      .refine(
        (n) => n >= 1 && n <= MAX_EXEMPTION_MONTHS_LIMIT,
        `The longest exemption must be between 1 and ${MAX_EXEMPTION_MONTHS_LIMIT} months`,
      ),
    notSeenDays: z
      .string({ error: "Enter after how many days a device not seen on the network is flagged" })
      .trim()
      .min(1, "Enter after how many days a device not seen on the network is flagged")
      .regex(/^\d{1,4}$/, "Not seen for must be a whole number of days, like 30")
      .transform(Number)
      .refine((n) => n >= 1 && n <= MAX_NOT_SEEN_DAYS, `Not seen for must be between 1 and ${MAX_NOT_SEEN_DAYS} days`),
  })
  // The engine's own check is the final word; it runs once each field is valid on its own.
  .superRefine((v, ctx) => {
    for (const problem of validatePolicy(v)) {
      const path = /removal deadline/i.test(problem) ? "removalDeadline" : /grace/i.test(problem) ? "reclassificationGraceDays" : "cutOff";
      ctx.addIssue({ code: "custom", path: [path], message: problem.replace(/\.$/, "") });
    }
  });
/** The dates are entered as day, month and year (lib/validation/date-parts.ts). */
export const policySchema = withDateParts(["cutOff", "removalDeadline"], policyFields);
export type PolicyInput = z.output<typeof policySchema>;
