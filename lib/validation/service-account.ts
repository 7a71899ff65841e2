// A service account: a department's own system that holds API tokens and never signs in.
import { z } from "zod";
import { ROLE_LABELS } from "@/lib/auth/permissions";
import { enumField, idField, requiredText } from "@/lib/validation/fields";

/** A system acts for one organisation: it records (an estates editor's access) or reads (a viewer's). */
export const SERVICE_ACCOUNT_ROLES = ["ESTATES_EDITOR", "ORG_VIEWER"] as const;
export type ServiceAccountRole = (typeof SERVICE_ACCOUNT_ROLES)[number];

export const SERVICE_ACCOUNT_ROLE_LABELS: Record<ServiceAccountRole, string> = {
  ESTATES_EDITOR: ROLE_LABELS.ESTATES_EDITOR,
  ORG_VIEWER: ROLE_LABELS.ORG_VIEWER,
};

/** The label of a service account's role, in words for any role (a hand-edited row could hold another). */
export function serviceAccountAccess(role: string): string {
  return (SERVICE_ACCOUNT_ROLES as readonly string[]).includes(role) ? SERVICE_ACCOUNT_ROLE_LABELS[role as ServiceAccountRole] : "Other";
}

export const SERVICE_ACCOUNT_NAME_MAX = 100;

export const createServiceAccountSchema = z.object({
  name: requiredText("Enter a name for the service account, such as the system that will use it", "Name", SERVICE_ACCOUNT_NAME_MAX),
  organisationId: idField("Select the organisation the system works for"),
  role: enumField(SERVICE_ACCOUNT_ROLES, "Select what the service account may do"),
});
export type CreateServiceAccountInput = z.output<typeof createServiceAccountSchema>;

/** Confirmation forms (revoke, deactivate) post nothing but the button. */
export const confirmationSchema = z.object({});
