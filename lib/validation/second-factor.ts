import { z } from "zod";

// A code from an authenticator app (six digits) or a recovery code (ten letters and digits, often
// typed with a hyphen or spaces). Which one it is, and whether it is right, the data layer decides;
// here only its size and characters are checked, so hostile input never reaches it.
export const secondFactorCodeSchema = z.object({
  code: z
    .string("Enter the code from your authenticator app")
    .trim()
    .min(1, "Enter the code from your authenticator app")
    .max(40, "Enter a code of 6 digits, or a recovery code of 10 letters and numbers")
    .regex(/^[A-Za-z0-9\s-]+$/, "Enter a code of 6 digits, or a recovery code of 10 letters and numbers"),
});

/** An app code only: for setting up the app and changing its settings. */
export const appCodeSchema = z.object({
  code: z
    .string("Enter the 6-digit code from your authenticator app")
    .trim()
    .min(1, "Enter the 6-digit code from your authenticator app")
    .max(20, "Enter the code from your authenticator app, like 123456")
    .regex(/^(\d\s*){6}$/, "Enter the code from your authenticator app, like 123456"),
});
