import { z } from "zod";
import { isIsoDate, MAX_GRACE_DAYS, validatePolicy } from "@/lib/compliance";

const date = (label: string) =>
  z
    .string({ error: `Enter the ${label}` })
    .trim()
    .min(1, `Enter the ${label}`)
    .refine((v) => isIsoDate(v), `The ${label} must be a real date`);

export const policySchema = z
  .object({
    version: z.string().trim().regex(/^\d+$/, "Reload the page and try again").transform(Number),
    cutOff: date("cut-off date"),
    removalDeadline: date("removal deadline"),
    reclassificationGraceDays: z
      .string({ error: "Enter the reclassification grace period in days" })
      .trim()
      .min(1, "Enter the reclassification grace period in days")
      .regex(/^\d+$/, "The reclassification grace period must be a whole number of days, like 365")
      .transform(Number)
      .refine((n) => n <= MAX_GRACE_DAYS, `The reclassification grace period must be ${MAX_GRACE_DAYS} days or fewer`),
  })
  // The engine's own check is the final word; it runs once each field is valid on its own.
  .superRefine((v, ctx) => {
    for (const problem of validatePolicy(v)) {
      const path = /removal deadline/i.test(problem) ? "removalDeadline" : /grace/i.test(problem) ? "reclassificationGraceDays" : "cutOff";
      ctx.addIssue({ code: "custom", path: [path], message: problem.replace(/\.$/, "") });
    }
  });
export type PolicyInput = z.output<typeof policySchema>;
