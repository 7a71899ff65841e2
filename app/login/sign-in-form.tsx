"use client";

import { signIn } from "next-auth/react";
import { useEffect, useState } from "react";
import { Button, ErrorSummary, TextInput } from "@/components/govuk";
import { validateSignIn } from "@/app/login/actions";
import { safeRedirectPath } from "@/lib/auth/safe-redirect";
import { LONGEST_WAIT_MINUTES } from "@/lib/auth/sign-in-throttle";
import type { FieldErrors } from "@/lib/validation/field-errors";

// One message for every refusal, so it never says whether an account exists or is being slowed
// down; the second sentence is for the person whose right password arrived during a delay.
const REFUSED = `Enter a correct email address and password. After several failed attempts you may need to wait up to ${LONGEST_WAIT_MINUTES} minutes before trying again`;

export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  const [errors, setErrors] = useState<FieldErrors>({});
  const [values, setValues] = useState({ email: "" });
  const [pending, setPending] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const input = { email: String(form.get("email") ?? ""), password: String(form.get("password") ?? "") };
    setValues({ email: input.email });
    setPending(true);
    try {
      const found = await validateSignIn(input);
      if (Object.keys(found).length > 0) {
        setErrors(found);
        return;
      }
      const result = await signIn("credentials", { ...input, redirect: false });
      if (!result || result.error) {
        setErrors({ email: REFUSED });
        return;
      }
      // Through the code page, which asks for a code when the account has an authenticator app and
      // otherwise goes straight on: the page asked for, with its query, survives either way.
      const next = safeRedirectPath(callbackUrl, window.location.origin);
      window.location.assign(next === "/" ? "/login/code" : `/login/code?callbackUrl=${encodeURIComponent(next)}`);
    } finally {
      setPending(false);
    }
  }

  const summary = Object.entries(errors).map(([field, text]) => ({ href: `#${field}`, text }));
  useEffect(() => {
    const base = "Sign in – Estate Camera Register";
    document.title = summary.length ? `Error: ${base}` : base;
  }, [summary.length]);
  return (
    <form noValidate onSubmit={onSubmit} aria-busy={pending}>
      {summary.length > 0 ? <ErrorSummary key={JSON.stringify(errors)} errors={summary} /> : null}
      <TextInput id="email" name="email" label="Email address" type="email" autoComplete="username" spellCheck={false} defaultValue={values.email} error={errors.email} />
      <TextInput id="password" name="password" label="Password" type="password" autoComplete="current-password" error={errors.password} />
      <Button type="submit">{pending ? "Signing in…" : "Sign in"}</Button>
    </form>
  );
}
