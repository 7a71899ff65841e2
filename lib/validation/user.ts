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

const name = requiredText("Enter the person’s full name", "Full name", 200);

/** A new account's email address, in lower case: also checked alone, so a taken one is reported with the form's other problems. */
export const emailField = cleanText("Email address")
  .transform((v) => v.toLowerCase())
  .pipe(z.string().min(1, "Enter an email address").max(254, "Email address must be 254 characters or fewer"))
  .pipe(z.email("Enter an email address in the correct format, like name@example.gov.uk"));
const role = z.enum(ROLES, { error: "Select a role" });
// "" is the "No organisation" option of the select.
const organisationId = optionalIdField("Select an organisation from the list");

/** Only judged once role and organisation are themselves valid, so each problem is reported once. */
function organisationRule<T extends { role: Role; organisationId: number | null }>(schema: z.ZodType<T>) {
  return schema.refine((v) => !(roleNeedsOrganisation(v.role) && v.organisationId === null), {
    path: ["organisationId"],
    message: "Select an organisation: estates editors and organisation viewers must belong to one",
    when: (payload) => !payload.issues.some((i) => i.path?.[0] === "role" || i.path?.[0] === "organisationId"),
  });
}

export const createUserSchema = withPasswordPolicy(organisationRule(
  z.object({
    name,
    email: emailField,
    role,
    organisationId,
    // Judged by the password policy below, against this account's email address and name.
    password: z.string({ error: "Enter a password" }),
  }),
), "password", (form) => ({ email: textOf(form.email), name: textOf(form.name) }));
export type CreateUserInput = z.output<typeof createUserSchema>;

export const updateUserSchema = organisationRule(z.object({ id, version, name, role, organisationId }));
export type UpdateUserInput = z.output<typeof updateUserSchema>;

export const userStatusSchema = z.object({
  id,
  version,
  active: z.enum(["true", "false"], { error: "Choose whether to activate or deactivate the account" }).transform((v) => v === "true"),
});
export type UserStatusInput = z.output<typeof userStatusSchema>;
