import { z } from "zod";

export const signInSchema = z.object({
  email: z.string().trim().min(1, "Enter your email address").email("Enter an email address in the correct format, like name@example.gov.uk"),
  password: z.string().min(1, "Enter your password").max(200, "Password must be 200 characters or fewer"),
});
