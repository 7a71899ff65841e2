import type { ReactNode } from "react";
import { Checkboxes } from "./checkboxes";

export interface CheckboxProps {
  id: string;
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | null;
  defaultChecked?: boolean;
  /** Submitted value when ticked; defaults to "yes". Nothing is submitted when unticked. */
  value?: string;
  small?: boolean;
}

/** A single stand-alone checkbox (e.g. "I confirm..."): govuk-frontend's checkboxes without a fieldset. */
export function Checkbox({ id, name, label, hint, error, defaultChecked = false, value = "yes", small = false }: CheckboxProps) {
  return (
    <Checkboxes
      name={name}
      idPrefix={id}
      error={error}
      small={small}
      items={[{ value, text: label, hint }]}
      defaultValues={defaultChecked ? [value] : []}
    />
  );
}
