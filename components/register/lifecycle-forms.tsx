"use client";

import { useActionState } from "react";
import { CharacterCount, Checkbox, DateInput, TextInput, WarningText, dateInputErrorTarget } from "@/components/govuk";
import { dateFieldValues, datePartsFromIso } from "@/lib/validation/date-parts";
import { addMonths, REVOKE_REASON_MAX } from "@/lib/validation/exemption";
import {
  FormActions,
  FormErrorSummary,
  checkedOf,
  errorsOf,
  initialRegisterFormState,
  valueOf,
  type RegisterFormState,
} from "@/components/register/form-support";

type Action = (state: RegisterFormState, formData: FormData) => Promise<RegisterFormState>;

interface Common {
  action: Action;
  version: number;
  cancelHref: string;
}


export function DecommissionDeviceForm({ action, version, cancelHref, today }: Common & { today: string }) {
  const [state, formAction, pending] = useActionState(action, initialRegisterFormState);
  const errors = errorsOf(state);
  const decommissionedOn = dateFieldValues(state.values, "decommissionedOn", today);
  return (
    <>
      <FormErrorSummary errors={errors} order={["decommissionedOn"]} ids={{ decommissionedOn: dateInputErrorTarget("decommissionedOn", decommissionedOn) }} />
      <form action={formAction} noValidate aria-busy={pending} key={JSON.stringify(state)}>
        <input type="hidden" name="version" value={version} />
        <DateInput
          id="decommissionedOn"
          name="decommissionedOn"
          legend="Date the device was switched off"
          hint="A decommissioned device is still physically on the site until you record its removal. For example, 27 3 2025"
          error={errors.decommissionedOn}
          values={decommissionedOn}
        />
        <FormActions pending={pending} text="Decommission device" cancelHref={cancelHref} />
      </form>
    </>
  );
}

export function RemovalForm({ action, version, cancelHref, today }: Common & { today: string }) {
  const [state, formAction, pending] = useActionState(action, initialRegisterFormState);
  const errors = errorsOf(state);
  const removedOn = dateFieldValues(state.values, "removedOn", today);
  return (
    <>
      <FormErrorSummary errors={errors} order={["removedOn", "removalEvidence"]} ids={{ removedOn: dateInputErrorTarget("removedOn", removedOn) }} />
      <form action={formAction} noValidate aria-busy={pending} key={JSON.stringify(state)}>
        <input type="hidden" name="version" value={version} />
        <DateInput
          id="removedOn"
          name="removedOn"
          legend="Date the device was removed from the site"
          hint="For example, 27 3 2025"
          error={errors.removedOn}
          values={removedOn}
        />
        <CharacterCount
          id="removalEvidence"
          name="removalEvidence"
          label="Evidence of removal"
          hint="For example, the contractor's job sheet reference or a description of the photograph taken"
          rows={4}
          maxLength={2000}
          error={errors.removalEvidence}
          defaultValue={valueOf(state, "removalEvidence", "")}
        />
        <FormActions pending={pending} text="Record removal" cancelHref={cancelHref} />
      </form>
    </>
  );
}

export function ExemptionForm({ action, version, cancelHref, today }: Common & { today: string }) {
  const [state, formAction, pending] = useActionState(action, initialRegisterFormState);
  const errors = errorsOf(state);
  const approvedOn = dateFieldValues(state.values, "approvedOn", today);
  const expiresOn = dateFieldValues(state.values, "expiresOn", "");
  // An example that is itself a valid answer: a year from today.
  const example = datePartsFromIso(addMonths(today, 12));
  const exampleExpiry = `${example.day} ${example.month} ${example.year}`;
  return (
    <>
      <FormErrorSummary
        errors={errors}
        order={["justification", "approvedBy", "approvedOn", "expiresOn"]}
        ids={{ approvedOn: dateInputErrorTarget("approvedOn", approvedOn), expiresOn: dateInputErrorTarget("expiresOn", expiresOn) }}
      />
      <form action={formAction} noValidate aria-busy={pending} key={JSON.stringify(state)}>
        <input type="hidden" name="version" value={version} />
        <WarningText>
          An exemption turns removal, outside-sensitive and vendor-cloud findings into advice until it expires. It cannot excuse a new
          deployment on a controlled site or a connection to the core network.
        </WarningText>
        <CharacterCount id="justification" name="justification" label="Justification" rows={4} maxLength={2000} error={errors.justification} defaultValue={valueOf(state, "justification", "")} />
        <TextInput id="approvedBy" name="approvedBy" label="Approved by" hint="Name and role of the person who approved the exemption" error={errors.approvedBy} defaultValue={valueOf(state, "approvedBy", "")} />
        <DateInput id="approvedOn" name="approvedOn" legend="Date of approval" hint="For example, 27 3 2025" error={errors.approvedOn} values={approvedOn} />
        <DateInput
          id="expiresOn"
          name="expiresOn"
          legend="Expiry date"
          hint={`The last day on which the exemption is valid. For example, ${exampleExpiry}`}
          error={errors.expiresOn}
          values={expiresOn}
        />
        <FormActions pending={pending} text="Record exemption" cancelHref={cancelHref} />
      </form>
    </>
  );
}

export function ArchiveSiteForm({ action, version, cancelHref }: Common) {
  const [state, formAction, pending] = useActionState(action, initialRegisterFormState);
  const errors = errorsOf(state);
  return (
    <>
      <FormErrorSummary errors={errors} order={["confirm"]} />
      <form action={formAction} noValidate aria-busy={pending} key={JSON.stringify(state)}>
        <input type="hidden" name="version" value={version} />
        <Checkbox
          id="confirm"
          name="confirm"
          label="I understand that an archived site can no longer be changed, and leaves the organisation's figures"
          error={errors.confirm}
          defaultChecked={checkedOf(state, "confirm", false)}
        />
        <FormActions pending={pending} text="Archive site" cancelHref={cancelHref} warning />
      </form>
    </>
  );
}

/** Revoking an exemption before it expires: the reason is required, and the device is re-evaluated at once. */
export function RevokeExemptionForm({ action, version, cancelHref }: Common) {
  const [state, formAction, pending] = useActionState(action, initialRegisterFormState);
  const errors = errorsOf(state);
  return (
    <>
      <FormErrorSummary errors={errors} order={["reason"]} />
      <form action={formAction} noValidate aria-busy={pending} key={JSON.stringify(state)}>
        <input type="hidden" name="version" value={version} />
        <CharacterCount
          id="reason"
          name="reason"
          label="Why is the exemption being revoked?"
          labelSize="s"
          hint="For example, the equipment was reconnected to the core network, or the approver withdrew the approval. This is kept in the audit trail."
          rows={4}
          maxLength={REVOKE_REASON_MAX}
          error={errors.reason}
          defaultValue={valueOf(state, "reason", "")}
        />
        <WarningText>The device loses the exemption from today: its findings are checked again as soon as you revoke it.</WarningText>
        <FormActions pending={pending} text="Revoke exemption" cancelHref={cancelHref} warning />
      </form>
    </>
  );
}
