import { z } from "zod";
import { ROLES, type Role } from "@/lib/auth/permissions";
import { cleanText, hiddenIdField, optionalIdField, requiredText, versionField } from "@/lib/validation/fields";
import { textOf, withPasswordPolicy } from "@/lib/validation/password";

/** Roles whose people see one organisation's register, so they must belong to one. */
export const ROLES_NEEDING_ORGANISATION: readonly Role[] = ["ESTATES_EDITOR", "ORG_VIEWER"];

export function roleNeedsOrganisation(role: Role): boolean {
  return ROLES_NEEDING_ORGANISATION.includes(role);
}

const id = hiddenIdField;
const version = versionField;

// One line: a name is used in emails and headings, where a line break has no place.
export const name = requiredText("Enter the person’s full name", "Full name", 200).refine(
  (v) => !/[\r\n\u2028\u2029]/.test(v),
  "Full name must be on one line",
);

/** A new account's email address, in lower case: also checked alone, so a taken one is reported with the form's other problems. */
export const emailField = cleanText("Email address")
  .transform((v) => v.toLowerCase())
  .pipe(z.string().min(1, "Enter an email address").max(254, "Email address must be 254 characters or fewer"))
  .pipe(z.email("Enter an email address in the correct format, like name@example.gov.uk"));
export const role = z.enum(ROLES, { error: "Select a role" });
// "" is the "No organisation" option of the select.
export const organisationId = optionalIdField("Select an organisation from the list");

/** Only judged once role and organisation are themselves valid, so each problem is reported once. */
export function organisationRule<T extends { role: Role; organisationId: number | null }>(schema: z.ZodType<T>) {
  return schema.refine((v) => !(roleNeedsOrganisation(v.role) && v.organisationId === null), {
    path: ["organisationId"],
    message: "Select an organisation: estates editors and organisation viewers must belong to one",
    when: (payload) => !payload.issues.some((i) => i.path?.[0] === "role" || i.path?.[0] === "organisationId"),
  });
}

/** The "Accountable official for returns" checkbox: posts "yes" when ticked, nothing otherwise. */
export const accountableOfficialField = z
  .enum(["yes", ""], { error: "Tick the box or leave it empty" })
  // optional() so that the key may be missing altogether (an unticked box posts nothing).
  .optional()
  .transform((v) => v === "yes");

/** Whether someone in this role, in this organisation, can attest a department's return. */
export function canBeAccountableOfficial(role: Role, organisationId: number | null): boolean {
  return roleNeedsOrganisation(role) && organisationId !== null;
}

export const ACCOUNTABLE_OFFICIAL_PROBLEM =
  "Only estates editors and organisation viewers who belong to an organisation can be accountable officials for returns";

/** The flag is only meaningful for department staff with an organisation: refused otherwise. */
export function accountableOfficialRule<T extends { role: Role; organisationId: number | null; accountableOfficial: boolean }>(schema: z.ZodType<T>) {
  return schema.refine((v) => !v.accountableOfficial || canBeAccountableOfficial(v.role, v.organisationId), {
    path: ["accountableOfficial"],
    message: ACCOUNTABLE_OFFICIAL_PROBLEM,
    when: (payload) => !payload.issues.some((i) => ["role", "organisationId", "accountableOfficial"].includes(String(i.path?.[0]))),
  });
}

export const createUserSchema = withPasswordPolicy(accountableOfficialRule(organisationRule(
  z.object({
    name,
    email: emailField,
    role,
    organisationId,
    accountableOfficial: accountableOfficialField,
    // Judged by the password policy below, against this account's email address and name.
    password: z.string({ error: "Enter a password" }),
  }),
)), "password", (form) => ({ email: textOf(form.email), name: textOf(form.name) }));
/** What the data layer takes: without the flag (callers other than the form), it is left unset or unchanged. */
type FlagOptional<T extends { accountableOfficial: boolean }> = Omit<T, "accountableOfficial"> & { accountableOfficial?: boolean };
export type CreateUserInput = FlagOptional<z.output<typeof createUserSchema>>;

export const updateUserSchema = accountableOfficialRule(
  organisationRule(z.object({ id, version, name, role, organisationId, accountableOfficial: accountableOfficialField })),
);
export type UpdateUserInput = FlagOptional<z.output<typeof updateUserSchema>>;

export const userStatusSchema = z.object({
  id,
  version,
  active: z.enum(["true", "false"], { error: "Choose whether to activate or deactivate the account" }).transform((v) => v === "true"),
});
export type UserStatusInput = z.output<typeof userStatusSchema>;
