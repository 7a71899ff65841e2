"use client";

import { useActionState } from "react";
import { Button, ButtonGroup, Textarea, TextInput } from "@/components/govuk";
import { FormErrorSummary, errorsOf, initialRegisterFormState, valueOf, type RegisterFormState } from "@/components/register/form-support";

type Action = (state: RegisterFormState, formData: FormData) => Promise<RegisterFormState>;

export interface CameraSystemFormProps {
  action: Action;
  cancelHref: string;
  /** The system being changed; none when adding one. */
  record?: { name: string; description: string | null; version: number };
}

export function CameraSystemForm({ action, cancelHref, record }: CameraSystemFormProps) {
  const [state, formAction, pending] = useActionState(action, initialRegisterFormState);
  const errors = errorsOf(state);
  return (
    <>
      <FormErrorSummary errors={errors} order={["name", "description"]} />
      <form action={formAction} noValidate aria-busy={pending} key={JSON.stringify(state)}>
        {record ? <input type="hidden" name="version" value={record.version} /> : null}
        <TextInput
          id="name"
          name="name"
          label="Name"
          hint="As the site knows it, for example “Gatehouse NVR”. Devices are put in the system by this name, in the device form and in imports."
          error={errors.name}
          defaultValue={valueOf(state, "name", record?.name)}
        />
        <Textarea
          id="description"
          name="description"
          label="Description (optional)"
          hint="What it covers and where its recorder is."
          rows={3}
          error={errors.description}
          defaultValue={valueOf(state, "description", record?.description)}
        />
        <ButtonGroup>
          <Button type="submit" disabled={pending}>{record ? "Save changes" : "Add camera system"}</Button>
          <a className="govuk-link" href={cancelHref}>
            Cancel
          </a>
        </ButtonGroup>
      </form>
    </>
  );
}
