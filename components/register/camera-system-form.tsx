"use client";

import { useActionState } from "react";
import { Button, ButtonGroup, CharacterCount, TextInput } from "@/components/govuk";
import { FormErrorSummary, errorsOf, initialRegisterFormState, valueOf, type RegisterFormState } from "@/components/register/form-support";

type Action = (state: RegisterFormState, formData: FormData) => Promise<RegisterFormState>;

export interface CameraSystemFormProps {
  action: Action;
  cancelHref: string;
  /**
   * The system being changed; none when adding one. With its ids and device count, an empty
   * system offers to be removed.
   */
  record?: { name: string; description: string | null; version: number; id?: number; siteId?: number; deviceCount?: number };
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
        <CharacterCount
          id="description"
          name="description"
          label="Description (optional)"
          hint="What it covers and where its recorder is."
          rows={3}
          maxLength={500}
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
      {record?.id !== undefined && record.siteId !== undefined && record.deviceCount === 0 ? (
        <p className="govuk-body">
          <a className="govuk-link" href={`/sites/${record.siteId}/systems/${record.id}/remove`}>
            Remove this camera system<span className="govuk-visually-hidden"> ({record.name})</span>
          </a>
        </p>
      ) : null}
    </>
  );
}

/** Confirms the removal of an empty camera system. */
export function RemoveCameraSystemForm({ action, version, cancelHref }: { action: Action; version: number; cancelHref: string }) {
  const [state, formAction, pending] = useActionState(action, initialRegisterFormState);
  const errors = errorsOf(state);
  return (
    <>
      <FormErrorSummary errors={errors} order={[]} ids={{ form: "remove" }} />
      <form action={formAction} noValidate aria-busy={pending} key={JSON.stringify(state)}>
        <input type="hidden" name="version" value={version} />
        <ButtonGroup>
          <Button id="remove" type="submit" variant="warning" disabled={pending}>
            Remove camera system
          </Button>
          <a className="govuk-link" href={cancelHref}>
            Cancel
          </a>
        </ButtonGroup>
      </form>
    </>
  );
}
