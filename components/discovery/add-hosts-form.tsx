"use client";

import { useActionState } from "react";
import { ErrorMessage, Fieldset, InsetText, Select, TextInput, Textarea } from "@/components/govuk";
import { KIND_CHOICES, NETWORK_CHOICES } from "@/components/discovery/addition-defaults";
import { FormActions, FormErrorSummary, errorsOf, initialRegisterFormState, valueOf, type RegisterFormState } from "@/components/register/form-support";
import { ADDITION_FIELDS } from "@/lib/validation/discovery";

type Action = (state: RegisterFormState, formData: FormData) => Promise<RegisterFormState>;

/** One host as the review shows it: computed on the server, so only strings cross to the browser. */
export interface HostToReview {
  id: number;
  /** Address, MAC and probable producer, in one line. */
  legend: string;
  /** What the file says about it, a line each. */
  evidence: string[];
  defaults: { kind: string; brand: string; model: string; serial: string };
}

const choices = (values: readonly string[]) => values.map((v) => ({ value: v, text: v }));

const fieldKey = (field: string, hostId: number) => `${field}-${hostId}`;

/**
 * The import's refusals name its columns; those with no input here (the MAC or IP address, which
 * come from the scan) are shown at the top of the host's fieldset, and the summary links there.
 */
function otherProblems(errors: Record<string, string>, hostId: number): [string, string][] {
  const suffix = `-${hostId}`;
  return Object.entries(errors).filter(
    ([k]) => k.endsWith(suffix) && !(ADDITION_FIELDS as readonly string[]).includes(k.slice(0, -suffix.length)),
  );
}

function HostFields({ host, state, errors }: { host: HostToReview; state: RegisterFormState; errors: Record<string, string> }) {
  const name = (field: string) => fieldKey(field, host.id);
  const value = (field: keyof HostToReview["defaults"] | "installed_on" | "network" | "notes", fallback: string) => valueOf(state, name(field), fallback);
  return (
    // Focusable so the error summary can take people to a problem that has no input of its own.
    <div id={`host-${host.id}`} tabIndex={-1} className="govuk-!-margin-bottom-6">
      <Fieldset legend={host.legend} legendSize="m">
        {host.evidence.length > 0 ? (
          <div className="govuk-hint">
            <span className="govuk-visually-hidden">What the file says: </span>
            {host.evidence.map((line, i) => (
              <span key={i} className="govuk-!-display-block">
                {line}
              </span>
            ))}
          </div>
        ) : null}
        {otherProblems(errors, host.id).map(([k, message]) => (
          <ErrorMessage key={k}>{message}</ErrorMessage>
        ))}
        <input type="hidden" name="host" value={host.id} />
        <Select id={name("kind")} name={name("kind")} label="Kind of device" options={choices(KIND_CHOICES)} defaultValue={value("kind", host.defaults.kind)} error={errors[name("kind")]} />
        <TextInput
          id={name("brand")}
          name={name("brand")}
          label="Brand"
          hint="As on the equipment's label, if you can check it"
          defaultValue={value("brand", host.defaults.brand)}
          error={errors[name("brand")]}
          spellCheck={false}
        />
        <TextInput id={name("model")} name={name("model")} label="Model (optional)" defaultValue={value("model", host.defaults.model)} error={errors[name("model")]} spellCheck={false} />
        <TextInput
          id={name("serial")}
          name={name("serial")}
          label="Serial number (optional)"
          defaultValue={value("serial", host.defaults.serial)}
          error={errors[name("serial")]}
          spellCheck={false}
        />
        <TextInput
          id={name("installed_on")}
          name={name("installed_on")}
          label="Install date (optional)"
          hint="YYYY-MM-DD, if you know it; leave empty if not"
          width="10"
          defaultValue={value("installed_on", "")}
          error={errors[name("installed_on")]}
        />
        <Select
          id={name("network")}
          name={name("network")}
          label="Network"
          options={choices(NETWORK_CHOICES)}
          defaultValue={value("network", "Unknown")}
          error={errors[name("network")]}
        />
        <Textarea id={name("notes")} name={name("notes")} label="Notes (optional)" rows={2} defaultValue={value("notes", "")} error={errors[name("notes")]} />
      </Fieldset>
    </div>
  );
}

/** Every reviewed host is added, or none is: the import checks them together. */
export function AddHostsForm({ action, hosts, cancelHref }: { action: Action; hosts: readonly HostToReview[]; cancelHref: string }) {
  const [state, formAction, pending] = useActionState(action, initialRegisterFormState);
  const errors = errorsOf(state);
  const order = hosts.flatMap((h) => ADDITION_FIELDS.map((f) => fieldKey(f, h.id)));
  const ids = Object.fromEntries(
    hosts.flatMap((h) => otherProblems(errors, h.id).map(([k]) => [k, `host-${h.id}`] as const)),
  );
  const n = hosts.length;
  return (
    <>
      <FormErrorSummary errors={errors} order={order} ids={ids} />
      <form action={formAction} noValidate aria-busy={pending} key={JSON.stringify(state)}>
        <InsetText>
          The MAC and IP addresses come from the scan. The scan is recorded as the evidence in each device&apos;s notes. Either every device
          is added, or none is.
        </InsetText>
        {hosts.map((h) => (
          <HostFields key={h.id} host={h} state={state} errors={errors} />
        ))}
        <FormActions pending={pending} text={n === 1 ? "Add 1 device to the register" : `Add ${n.toLocaleString("en-GB")} devices to the register`} cancelHref={cancelHref} />
      </form>
    </>
  );
}
