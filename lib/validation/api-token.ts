// A new API token, as the account page's form, an administrator's service-account form and the
// API's own callers submit it.
import { z } from "zod";
import { can, type Role } from "@/lib/auth/permissions";
import { requiredDate, withDateParts } from "@/lib/validation/date-parts";
import { enumField, requiredText } from "@/lib/validation/fields";

export const API_ACCESS = ["READ", "READ_WRITE"] as const;
export type ApiAccessValue = (typeof API_ACCESS)[number];
export const API_ACCESS_LABELS: Record<ApiAccessValue, string> = {
  READ: "Read only",
  READ_WRITE: "Read and change",
};

/** The longest a token may live: a year, so a forgotten token stops working on its own. */
export const MAX_TOKEN_DAYS = 366;

/** The longest token name: enough for "CAFM nightly export (Estates, north region)". */
export const TOKEN_NAME_MAX = 100;

/**
 * Who may hold API tokens: the people the API serves (readers of the register or of the dashboard).
 * Administrators are not among them: the API uses none of their permissions.
 */
export function mayUseApi(role: Role): boolean {
  return can(role, "register:read") || can(role, "dashboard:read");
}

/** Whether a token of this owner may be offered "Read and change". */
export function mayChangeThroughApi(role: Role): boolean {
  return can(role, "register:write");
}

export function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The last expiry date a token created on `today` may have. */
export function latestTokenExpiry(today: string): string {
  return addDays(today, MAX_TOKEN_DAYS - 1);
}

const ISO = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The schema for a token created on `today` (in London). The expiry date comes from the design
 * system's three date fields (expiresOn-day, -month, -year) or, from the API, as one ISO date.
 */
export function apiTokenSchema(today: string) {
  const latest = latestTokenExpiry(today);
  return withDateParts(
    ["expiresOn"],
    z.object({
      name: requiredText("Enter a name for the token, such as the system that will use it", "Token name", TOKEN_NAME_MAX),
      access: enumField(API_ACCESS, "Select what the token may do"),
      expiresOn: requiredDate({ label: "Expiry date", missing: "Enter the date the token expires" }).superRefine((s, ctx) => {
        if (typeof s !== "string" || !ISO.test(s)) return;
        if (s <= today) ctx.addIssue({ code: "custom", message: "Expiry date must be in the future" });
        else if (s > latest) ctx.addIssue({ code: "custom", message: "Expiry date must be within a year of today" });
      }),
    }),
  );
}

export type ApiTokenInput = z.output<ReturnType<typeof apiTokenSchema>>;
