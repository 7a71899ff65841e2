"use client";

import { useActionState } from "react";
import { CharacterCount } from "@/components/govuk";
import { FormActions, FormErrorSummary, errorsOf, initialRegisterFormState, valueOf, type RegisterFormState } from "@/components/register/form-support";

type Action = (state: RegisterFormState, formData: FormData) => Promise<RegisterFormState>;

/** The most characters a reason may have: dismissHostSchema's limit. */
export const DISMISS_REASON_MAX = 500;

/** Why a host is not equipment for the register: kept with the host and in the audit trail. */
export function DismissHostForm({ action, hostId, cancelHref }: { action: Action; hostId: number; cancelHref: string }) {
  const [state, formAction, pending] = useActionState(action, initialRegisterFormState);
  const errors = errorsOf(state);
  return (
    <>
      {/* The hidden host id has no field of its own: its problem is the reason's. */}
      <FormErrorSummary errors={errors} order={["reason"]} ids={{ host: "reason" }} />
      <form action={formAction} noValidate aria-busy={pending} key={JSON.stringify(state)}>
        <input type="hidden" name="host" value={hostId} />
        <CharacterCount
          id="reason"
          name="reason"
          label="Why is this host not equipment for the register?"
          labelSize="m"
          hint="For example, it is a door entry panel, not a camera. This is kept with the scan and in the audit trail."
          rows={4}
          maxLength={DISMISS_REASON_MAX}
          error={errors.reason ?? errors.host}
          defaultValue={valueOf(state, "reason", "")}
        />
        <FormActions pending={pending} text="Dismiss the host" cancelHref={cancelHref} />
      </form>
    </>
  );
}
