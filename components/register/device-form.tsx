"use client";

import { useActionState } from "react";
import { CharacterCount, DateInput, Radios, Select, TextInput, dateInputErrorTarget } from "@/components/govuk";
import { dateFieldValues } from "@/lib/validation/date-parts";
import { DEVICE_KINDS, DEVICE_KIND_LABELS, NETWORKS, NETWORK_LABELS } from "@/lib/validation/device";
import {
  FormActions,
  FormErrorSummary,
  errorsOf,
  initialRegisterFormState,
  valueOf,
  type RegisterFormState,
} from "@/components/register/form-support";

export interface DeviceFormRecord {
  systemId: number | null;
  kind: string;
  brand: string;
  model: string | null;
  serial: string | null;
  assetTag: string | null;
  mac: string | null;
  ip: string | null;
  installedOn: string | null;
  network: string;
  vendorCloud: boolean | null;
  notes: string | null;
  version: number;
}

export interface DeviceFormProps {
  action: (state: RegisterFormState, formData: FormData) => Promise<RegisterFormState>;
  record?: DeviceFormRecord;
  systems: { id: number; name: string }[];
  submitText: string;
  cancelHref: string;
}

const ORDER = ["kind", "brand", "model", "serial", "assetTag", "mac", "ip", "systemId", "installedOn", "network", "vendorCloud", "notes"] as const;

function macDisplay(mac: string | null): string | null {
  return mac && mac.length === 12 ? (mac.match(/.{2}/g) ?? []).join(":") : mac;
}

function yesNoUnknown(v: boolean | null | undefined): string {
  if (v === undefined) return "";
  return v === null ? "unknown" : v ? "yes" : "no";
}

export function DeviceForm({ action, record, systems, submitText, cancelHref }: DeviceFormProps) {
  const [state, formAction, pending] = useActionState(action, initialRegisterFormState);
  const errors = errorsOf(state);
  const v = (name: string, fallback: string | null | undefined) => valueOf(state, name, fallback);
  const installedOn = dateFieldValues(state.values, "installedOn", record?.installedOn);

  return (
    <>
      <FormErrorSummary errors={errors} order={ORDER} ids={{ installedOn: dateInputErrorTarget("installedOn", installedOn) }} />
      <form action={formAction} noValidate aria-busy={pending} key={JSON.stringify(state)}>
        {record ? <input type="hidden" name="version" value={record.version} /> : null}
        <Radios
          name="kind"
          legend="Type of device"
          legendSize="s"
          error={errors.kind}
          defaultValue={v("kind", record?.kind ?? "")}
          items={DEVICE_KINDS.map((k) => ({ value: k, text: DEVICE_KIND_LABELS[k] }))}
        />
        <TextInput id="brand" name="brand" label="Brand" hint="The name on the device's label, for example Hikvision or Axis" width="20" error={errors.brand} defaultValue={v("brand", record?.brand)} />
        <TextInput id="model" name="model" label="Model (optional)" width="20" spellCheck={false} error={errors.model} defaultValue={v("model", record?.model)} />
        <TextInput id="serial" name="serial" label="Serial number (optional)" width="20" spellCheck={false} error={errors.serial} defaultValue={v("serial", record?.serial)} />
        <TextInput id="assetTag" name="assetTag" label="Asset tag (optional)" width="20" spellCheck={false} error={errors.assetTag} defaultValue={v("assetTag", record?.assetTag)} />
        <TextInput
          id="mac"
          name="mac"
          label="MAC address (optional)"
          hint="For example, 44:47:CC:12:34:56"
          width="20"
          spellCheck={false}
          error={errors.mac}
          defaultValue={v("mac", macDisplay(record?.mac ?? null))}
        />
        <TextInput id="ip" name="ip" label="IP address (optional)" hint="For example, 10.0.0.12" width="20" spellCheck={false} error={errors.ip} defaultValue={v("ip", record?.ip)} />
        {systems.length > 0 ? (
          <Select
            id="systemId"
            name="systemId"
            label="Camera system (optional)"
            error={errors.systemId}
            defaultValue={v("systemId", record?.systemId ? String(record.systemId) : "")}
            options={[{ value: "", text: "Not part of a system" }, ...systems.map((s) => ({ value: String(s.id), text: s.name }))]}
          />
        ) : null}
        <DateInput
          id="installedOn"
          name="installedOn"
          legend="Install date (optional)"
          legendSize="s"
          hint="The date the device was installed at this site, for example 27 3 2023. Leave blank if you do not know: the device will show as unverified on a controlled site."
          error={errors.installedOn}
          values={installedOn}
        />
        <Radios
          name="network"
          legend="Which network is the device connected to?"
          legendSize="s"
          error={errors.network}
          defaultValue={v("network", record?.network ?? "")}
          items={NETWORKS.map((n) => ({ value: n, text: NETWORK_LABELS[n] }))}
        />
        <Radios
          name="vendorCloud"
          legend="Is the manufacturer's cloud or peer-to-peer service enabled?"
          legendSize="s"
          inline
          error={errors.vendorCloud}
          defaultValue={v("vendorCloud", yesNoUnknown(record?.vendorCloud))}
          items={[
            { value: "yes", text: "Yes" },
            { value: "no", text: "No" },
            { value: "unknown", text: "Not known" },
          ]}
        />
        <CharacterCount id="notes" name="notes" label="Notes (optional)" rows={3} maxLength={2000} error={errors.notes} defaultValue={v("notes", record?.notes)} />
        <FormActions pending={pending} text={submitText} cancelHref={cancelHref} />
      </form>
    </>
  );
}
