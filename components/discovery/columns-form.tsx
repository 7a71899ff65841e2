"use client";

import { useActionState } from "react";
import { Button, Select } from "@/components/govuk";
import { FormErrorSummary, errorsOf, initialRegisterFormState, valueOf, type RegisterFormState } from "@/components/register/form-support";

type Action = (state: RegisterFormState, formData: FormData) => Promise<RegisterFormState>;

export interface ColumnQuestion {
  name: string;
  label: string;
  hint: string;
}

/**
 * Which column of the camera list holds each detail. Each answer is one of the file's own headers
 * or "Not in this file"; columns that look as if they hold passwords are not offered at all.
 */
export function ColumnsForm({
  action,
  fields,
  headers,
  mapping,
  product,
}: {
  action: Action;
  fields: readonly ColumnQuestion[];
  headers: readonly string[];
  mapping: Readonly<Record<string, string | null>>;
  product: string | null;
}) {
  const [state, formAction, pending] = useActionState(action, initialRegisterFormState);
  const errors = errorsOf(state);
  const options = [{ value: "", text: "Not in this file" }, ...headers.map((h) => ({ value: h, text: h }))];
  return (
    <>
      <FormErrorSummary errors={errors} order={fields.map((f) => f.name)} />
      <form action={formAction} noValidate aria-busy={pending} key={JSON.stringify(state)}>
        <input type="hidden" name="product" value={product ?? ""} />
        {fields.map((f) => (
          <Select
            key={f.name}
            id={f.name}
            name={f.name}
            label={f.label}
            labelSize="s"
            hint={f.hint}
            options={options}
            defaultValue={valueOf(state, f.name, mapping[f.name] ?? "")}
            error={errors[f.name]}
          />
        ))}
        <Button type="submit" disabled={pending}>
          Reconcile the camera list
        </Button>
      </form>
    </>
  );
}
