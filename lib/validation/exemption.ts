// A local exemption for one device: who approved it, why, and the last day it is valid.
import { z } from "zod";
import { formatLongDate } from "@/lib/compliance";
import { isoDate, requiredText, versionField } from "@/lib/validation/fields";

export const exemptionFields = {
  justification: requiredText("Enter the justification for the exemption", "Justification", 2000),
  approvedBy: requiredText("Enter the name of the person who approved the exemption", "Approver", 200),
  approvedOn: isoDate("Enter the date the exemption was approved", "Approval date", { notFuture: true }),
  expiresOn: isoDate("Enter the date the exemption expires", "Expiry date"),
} as const;

export const exemptionFormSchema = z
  .object({ ...exemptionFields, version: versionField })
  .superRefine((v, ctx) => {
    if (v.expiresOn !== "" && v.approvedOn !== "" && v.expiresOn < v.approvedOn) {
      ctx.addIssue({ code: "custom", path: ["expiresOn"], message: "Expiry date must be on or after the approval date" });
    }
  }, { when: (p) => !p.issues.some((i) => i.path?.[0] === "approvedOn" || i.path?.[0] === "expiresOn") });
export type ExemptionFormInput = z.output<typeof exemptionFormSchema>;

/** The same day `months` later, or the month's last day when it is shorter ("2024-01-31" + 1 → "2024-02-29"). */
export function addMonths(iso: string, months: number): string {
  const [y = 0, m = 1, d = 1] = iso.split("-").map(Number);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(Math.min(d, lastDay)).padStart(2, "0")}`;
}

function describeMonths(months: number): string {
  if (months % 12 === 0) return months === 12 ? "1 year" : `${months / 12} years`;
  return months === 1 ? "1 month" : `${months} months`;
}

/**
 * The policy's limit on how long an exemption may run (policy_settings.max_exemption_months): the
 * message for the expiry date when it is too far after the approval, or null.
 */
export function exemptionTooLong(approvedOn: string, expiresOn: string, maxMonths: number): string | null {
  const latest = addMonths(approvedOn, maxMonths);
  if (expiresOn <= latest) return null;
  return `Expiry date must be no later than ${formatLongDate(latest)}: the policy allows an exemption of up to ${describeMonths(maxMonths)} from its approval`;
}
