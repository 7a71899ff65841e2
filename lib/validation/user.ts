import { z } from "zod";
import { ROLES, type Role } from "@/lib/auth/permissions";
import { textOf, withPasswordPolicy } from "@/lib/validation/password";

/** Roles whose people see one organisation's register, so they must belong to one. */
export const ROLES_NEEDING_ORGANISATION: readonly Role[] = ["ESTATES_EDITOR", "ORG_VIEWER"];

export function roleNeedsOrganisation(role: Role): boolean {
  return ROLES_NEEDING_ORGANISATION.includes(role);
}

const id = z.string().trim().regex(/^\d+$/, "The record could not be identified: reload the page").transform(Number);
const version = z.string().trim().regex(/^\d+$/, "Reload the page and try again").transform(Number);

const name = z.string().trim().min(1, "Enter the person’s full name").max(200, "Full name must be 200 characters or fewer");
const role = z.enum(ROLES, { error: "Select a role" });
// "" is the "No organisation" option of the select.
const organisationId = z
  .string({ error: "Select an organisation" })
  .trim()
  .regex(/^\d*$/, "Select an organisation from the list")
  .transform((v) => (v === "" ? null : Number(v)));

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
    email: z
      .string()
      .trim()
      .toLowerCase()
      .min(1, "Enter an email address")
      .max(254, "Email address must be 254 characters or fewer")
      .pipe(z.email("Enter an email address in the correct format, like name@example.gov.uk")),
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
