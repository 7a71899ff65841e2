// A local exemption for one device: who approved it, why, and the last day it is valid.
import { z } from "zod";
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
