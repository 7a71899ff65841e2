"use client";

import { useActionState, useEffect, type ReactNode } from "react";
import { Button, ButtonLink, ErrorSummary, Heading, TextInput, WarningText } from "@/components/govuk";
import type { FormState } from "@/lib/auth/action";

/** What the second factor's actions hand back: errors, or recovery codes to show once. */
export type CodeFormState = FormState<{ recoveryCodes: string[] }>;
export type CodeFormAction = (prev: CodeFormState, formData: FormData) => Promise<CodeFormState>;

const initial: CodeFormState = { ok: false, errors: {}, values: {} };

function useCodeForm(action: CodeFormAction) {
  const [state, dispatch, pending] = useActionState(action, initial);
  const message = state.errors.code ?? state.errors.form;
  useEffect(() => {
    const base = document.title.replace(/^Error: /, "");
    document.title = message ? `Error: ${base}` : base;
  }, [message, state]);
  return { state, dispatch, pending, message };
}

interface CodeFieldProps {
  id: string;
  label: string;
  hint: string;
  error: string | undefined;
  /** Recovery codes have letters: the numeric keyboard only for app codes. */
  digitsOnly: boolean;
  labelIsPageHeading?: boolean;
}

function CodeField({ id, label, hint, error, digitsOnly, labelIsPageHeading }: CodeFieldProps) {
  return (
    <TextInput
      id={id}
      name="code"
      label={label}
      labelSize={labelIsPageHeading ? "l" : "s"}
      labelIsPageHeading={labelIsPageHeading}
      hint={hint}
      error={error}
      width={digitsOnly ? "10" : "20"}
      autoComplete="one-time-code"
      inputMode={digitsOnly ? "numeric" : "text"}
      spellCheck={false}
      className="govuk-input--extra-letter-spacing"
    />
  );
}

/** The second step of a password sign-in: an app code or a recovery code. */
export function SignInCodeForm({ action, callbackUrl }: { action: CodeFormAction; callbackUrl: string }) {
  const form = useCodeForm(action);
  return (
    <form action={form.dispatch} noValidate aria-busy={form.pending}>
      <ErrorSummary errors={form.message ? [{ href: "#code", text: form.message }] : []} />
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <div key={JSON.stringify(form.state.errors)}>
        <CodeField
          id="code"
          label="Enter the code from your authenticator app"
          labelIsPageHeading
          hint="Open the authenticator app on your phone and enter the 6-digit code it shows for Estate Camera Register. If you do not have your phone, enter one of your recovery codes instead."
          error={form.message}
          digitsOnly={false}
        />
      </div>
      <Button>{form.pending ? "Checking…" : "Continue"}</Button>
    </form>
  );
}

/** Recovery codes, shown once, just after they were made. */
export function RecoveryCodes({ codes, next }: { codes: string[]; next: string }) {
  return (
    <div>
      <Heading level={2} size="m">Your recovery codes</Heading>
      <p className="govuk-body">
        If you lose your phone or cannot use your authenticator app, you can sign in with one of these codes instead. Each code works once.
      </p>
      <WarningText>This is the only time these codes are shown. Print them or write them down, and keep them somewhere safe.</WarningText>
      <ul className="govuk-list app-recovery-codes" aria-label="Recovery codes">
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ul>
      <ButtonLink href={next}>I have saved my recovery codes</ButtonLink>
    </div>
  );
}

/**
 * The first code from a newly set-up app, which turns the second factor on; then the recovery
 * codes. `children` are the page's heading and set-up steps (QR code and key), after the error
 * summary as the design system places it; once it is on, the confirmation takes their place.
 */
export function ConfirmEnrolmentForm({ action, next, children }: { action: CodeFormAction; next: string; children: ReactNode }) {
  const form = useCodeForm(action);
  if (form.state.ok && form.state.result) {
    return (
      <>
        <div className="govuk-panel govuk-panel--confirmation">
          <h1 className="govuk-panel__title">Your authenticator app is set up</h1>
          <div className="govuk-panel__body">You will be asked for a code from it each time you sign in</div>
        </div>
        <RecoveryCodes codes={form.state.result.recoveryCodes} next={next} />
      </>
    );
  }
  return (
    <>
      <ErrorSummary errors={form.message ? [{ href: "#code", text: form.message }] : []} />
      {children}
      <form action={form.dispatch} noValidate aria-busy={form.pending}>
        <div key={JSON.stringify(form.state.errors)}>
          <CodeField
            id="code"
            label="Enter the 6-digit code your app shows"
            hint="The code changes every 30 seconds."
            error={form.message}
            digitsOnly
          />
        </div>
        <Button>{form.pending ? "Checking…" : "Turn on"}</Button>
      </form>
    </>
  );
}

/** A current app code, asked before new recovery codes or turning the app off. */
export function CurrentCodeForm({
  action,
  id,
  submitText,
  warning,
  next,
}: {
  action: CodeFormAction;
  id: string;
  submitText: string;
  warning?: boolean;
  next: string;
}) {
  const form = useCodeForm(action);
  if (form.state.ok && form.state.result) return <RecoveryCodes codes={form.state.result.recoveryCodes} next={next} />;
  return (
    <form action={form.dispatch} noValidate aria-busy={form.pending}>
      <ErrorSummary errors={form.message ? [{ href: `#${id}`, text: form.message }] : []} />
      <div key={JSON.stringify(form.state.errors)}>
        <CodeField id={id} label="Code from your authenticator app" hint="Enter the 6-digit code your app shows now." error={form.message} digitsOnly />
      </div>
      <Button variant={warning ? "warning" : "primary"}>{form.pending ? "Checking…" : submitText}</Button>
    </form>
  );
}
