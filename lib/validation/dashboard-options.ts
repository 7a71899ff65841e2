// The dashboard's filter choices, shared by the query parser (lib/data/dashboard.ts) and the filter
// form, which runs in the browser too: plain constants, no zod, nothing server-only.
import type { OrgStatus } from "@/lib/compliance";

export const ORG_STATUSES = ["RED", "AMBER", "GREEN", "NO_DATA"] as const satisfies readonly OrgStatus[];
export const ORG_TYPES = ["MINISTERIAL_DEPARTMENT", "NON_MINISTERIAL_DEPARTMENT", "AGENCY"] as const;
export type OrgType = (typeof ORG_TYPES)[number];

export const ORG_TYPE_LABELS: Record<OrgType, string> = {
  MINISTERIAL_DEPARTMENT: "Ministerial department",
  NON_MINISTERIAL_DEPARTMENT: "Non-ministerial department",
  AGENCY: "Agency or public body",
};
