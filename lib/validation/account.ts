import { z } from "zod";
import { type PasswordContext, withPasswordPolicy } from "@/lib/validation/password";

// The forms a person uses on their own account. The policy judges the new password against the
// signed-in person's email address and name, which come from the session, not the form.

const MAX_TYPED = 1_000;
const text = (missing: string) => z.string({ error: missing }).max(MAX_TYPED, "Password is too long");

function confirmRule<S extends z.ZodType>(schema: S): S {
  return schema.superRefine(
    (value, ctx) => {
      const form = (value ?? {}) as Record<string, unknown>;
      const confirm = form.confirmPassword;
      if (typeof confirm !== "string") return;
      if (confirm === "") ctx.addIssue({ code: "custom", path: ["confirmPassword"], message: "Confirm your new password" });
      else if (confirm !== form.newPassword) {
        ctx.addIssue({ code: "custom", path: ["confirmPassword"], message: "The passwords do not match: enter the same new password twice" });
      }
    },
    { when: (payload) => !payload.issues.some((i) => i.path?.[0] === "confirmPassword") },
  ) as S;
}

/** "Change your password": the current one, then the new one twice. */
export function changePasswordSchema(context: PasswordContext) {
  return confirmRule(
    withPasswordPolicy(
      z.object({
        currentPassword: text("Enter your current password").min(1, "Enter your current password"),
        newPassword: z.string({ error: "Enter a new password" }),
        confirmPassword: text("Confirm your new password"),
      }),
      "newPassword",
      () => context,
      "Enter a new password",
    ),
  );
}
export type ChangePasswordInput = z.output<ReturnType<typeof changePasswordSchema>>;

/** "Choose a new password" at first sign-in: the person has just typed the temporary one. */
export function choosePasswordSchema(context: PasswordContext) {
  return confirmRule(
    withPasswordPolicy(
      z.object({ newPassword: z.string({ error: "Enter a new password" }), confirmPassword: text("Confirm your new password") }),
      "newPassword",
      () => context,
      "Enter a new password",
    ),
  );
}
export type ChoosePasswordInput = z.output<ReturnType<typeof choosePasswordSchema>>;
