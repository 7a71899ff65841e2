"use client";

import { useActionState } from "react";
import { Button, ButtonGroup, Checkbox, DateInput, Select, TextInput, Textarea, WarningText } from "@/components/govuk";
import {
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

function Actions({ pending, text, cancelHref, warning = false }: { pending: boolean; text: string; cancelHref: string; warning?: boolean }) {
  return (
    <ButtonGroup>
      <Button type="submit" disabled={pending} variant={warning ? "warning" : "primary"}>
        {text}
      </Button>
      <a className="govuk-link" href={cancelHref}>
        Cancel
      </a>
    </ButtonGroup>
  );
}

export function MoveDeviceForm({ action, version, cancelHref, sites, today }: Common & { sites: { id: number; label: string }[]; today: string }) {
  const [state, formAction, pending] = useActionState(action, initialRegisterFormState);
  const errors = errorsOf(state);
  return (
    <>
      <FormErrorSummary errors={errors} order={["siteId", "movedOn"]} />
      <form action={formAction} noValidate aria-busy={pending} key={JSON.stringify(state)}>
        <input type="hidden" name="version" value={version} />
        <Select
          id="siteId"
          name="siteId"
          label="Site the device is moving to"
          error={errors.siteId}
          defaultValue={valueOf(state, "siteId", "")}
          options={[{ value: "", text: "Select a site" }, ...sites.map((s) => ({ value: String(s.id), text: s.label }))]}
          fullWidth
        />
        <DateInput
          id="movedOn"
          name="movedOn"
          label="Date of the move"
          hint="A move is a new deployment: this becomes the device's install date at the new site."
          error={errors.movedOn}
          defaultValue={valueOf(state, "movedOn", today)}
          max={today}
        />
        <Actions pending={pending} text="Move device" cancelHref={cancelHref} />
      </form>
    </>
  );
}

export function DecommissionDeviceForm({ action, version, cancelHref, today }: Common & { today: string }) {
  const [state, formAction, pending] = useActionState(action, initialRegisterFormState);
  const errors = errorsOf(state);
  return (
    <>
      <FormErrorSummary errors={errors} order={["decommissionedOn"]} />
      <form action={formAction} noValidate aria-busy={pending} key={JSON.stringify(state)}>
        <input type="hidden" name="version" value={version} />
        <DateInput
          id="decommissionedOn"
          name="decommissionedOn"
          label="Date the device was switched off"
          hint="A decommissioned device is still physically on the site until you record its removal."
          error={errors.decommissionedOn}
          defaultValue={valueOf(state, "decommissionedOn", today)}
          max={today}
        />
        <Actions pending={pending} text="Decommission device" cancelHref={cancelHref} />
      </form>
    </>
  );
}

export function RemovalForm({ action, version, cancelHref, today }: Common & { today: string }) {
  const [state, formAction, pending] = useActionState(action, initialRegisterFormState);
  const errors = errorsOf(state);
  return (
    <>
      <FormErrorSummary errors={errors} order={["removedOn", "removalEvidence"]} />
      <form action={formAction} noValidate aria-busy={pending} key={JSON.stringify(state)}>
        <input type="hidden" name="version" value={version} />
        <DateInput
          id="removedOn"
          name="removedOn"
          label="Date the device was removed from the site"
          error={errors.removedOn}
          defaultValue={valueOf(state, "removedOn", today)}
          max={today}
        />
        <Textarea
          id="removalEvidence"
          name="removalEvidence"
          label="Evidence of removal"
          hint="For example, the contractor's job sheet reference or a description of the photograph taken"
          rows={4}
          error={errors.removalEvidence}
          defaultValue={valueOf(state, "removalEvidence", "")}
        />
        <Actions pending={pending} text="Record removal" cancelHref={cancelHref} />
      </form>
    </>
  );
}

export function ExemptionForm({ action, version, cancelHref, today }: Common & { today: string }) {
  const [state, formAction, pending] = useActionState(action, initialRegisterFormState);
  const errors = errorsOf(state);
  return (
    <>
      <FormErrorSummary errors={errors} order={["justification", "approvedBy", "approvedOn", "expiresOn"]} />
      <form action={formAction} noValidate aria-busy={pending} key={JSON.stringify(state)}>
        <input type="hidden" name="version" value={version} />
        <WarningText>
          An exemption turns removal, outside-sensitive and vendor-cloud findings into advice until it expires. It cannot excuse a new
          deployment on a controlled site or a connection to the core network.
        </WarningText>
        <Textarea id="justification" name="justification" label="Justification" rows={4} error={errors.justification} defaultValue={valueOf(state, "justification", "")} />
        <TextInput id="approvedBy" name="approvedBy" label="Approved by" hint="Name and role of the person who approved the exemption" error={errors.approvedBy} defaultValue={valueOf(state, "approvedBy", "")} />
        <DateInput id="approvedOn" name="approvedOn" label="Date of approval" error={errors.approvedOn} defaultValue={valueOf(state, "approvedOn", today)} max={today} />
        <DateInput id="expiresOn" name="expiresOn" label="Expiry date" hint="The last day on which the exemption is valid" error={errors.expiresOn} defaultValue={valueOf(state, "expiresOn", "")} />
        <Actions pending={pending} text="Record exemption" cancelHref={cancelHref} />
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
        <Actions pending={pending} text="Archive site" cancelHref={cancelHref} warning />
      </form>
    </>
  );
}
