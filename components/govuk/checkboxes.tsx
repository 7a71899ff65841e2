import { ChoiceGroup, type ChoiceGroupProps } from "./choice-group";

export interface CheckboxesProps extends ChoiceGroupProps {
  /** Values that start ticked. Read them back with formData.getAll(name). */
  defaultValues?: readonly string[];
  small?: boolean;
  /** Defaults to `name`; first box gets this id, the others `${idPrefix}-2`... */
  idPrefix?: string;
}

export function Checkboxes({ defaultValues, small = false, className, ...group }: CheckboxesProps) {
  const checked = new Set(defaultValues ?? []);
  return (
    <ChoiceGroup
      {...group}
      kind="checkboxes"
      isChecked={(value) => checked.has(value)}
      className={[small && "govuk-checkboxes--small", className].filter(Boolean).join(" ") || undefined}
    />
  );
}
