// A local exemption for one device: who approved it, why, and the last day it is valid.
import { z } from "zod";
import { formatLongDate } from "@/lib/compliance";
import { requiredDate, withDateParts } from "@/lib/validation/date-parts";
import { requiredText, versionField } from "@/lib/validation/fields";

export const exemptionFields = {
  justification: requiredText("Enter the justification for the exemption", "Justification", 2000),
  approvedBy: requiredText("Enter the name of the person who approved the exemption", "Approver", 200),
  approvedOn: requiredDate({ label: "Approval date", missing: "Enter the date the exemption was approved", notFuture: true }),
  expiresOn: requiredDate({ label: "Expiry date", missing: "Enter the date the exemption expires" }),
} as const;

export const exemptionFormSchema = withDateParts(
  ["approvedOn", "expiresOn"],
  z
    .object({ ...exemptionFields, version: versionField })
    .superRefine((v, ctx) => {
      if (v.expiresOn !== "" && v.approvedOn !== "" && v.expiresOn < v.approvedOn) {
        ctx.addIssue({ code: "custom", path: ["expiresOn"], message: "Expiry date must be on or after the approval date" });
      }
    }, { when: (p) => !p.issues.some((i) => i.path?.[0] === "approvedOn" || i.path?.[0] === "expiresOn") }),
);
export type ExemptionFormInput = z.output<typeof exemptionFormSchema>;

/** The longest reason for revoking an exemption: a sentence or two, like the justification's summary. */
export const REVOKE_REASON_MAX = 1000;

/**
 * Revoking an exemption before it expires: why (kept in the audit trail), and the exemption's
 * version, so that a form opened before someone else revoked it cannot revoke it twice.
 */
export const revokeExemptionSchema = z.object({
  reason: requiredText("Enter the reason for revoking the exemption", "Reason", REVOKE_REASON_MAX),
  version: versionField,
});
export type RevokeExemptionInput = z.output<typeof revokeExemptionSchema>;

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
