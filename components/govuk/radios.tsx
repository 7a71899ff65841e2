import { ChoiceGroup, type ChoiceGroupProps } from "./choice-group";

export { choiceItemId, type ChoiceDivider, type ChoiceEntry, type ChoiceItem } from "./choice-group";

export interface RadiosProps extends ChoiceGroupProps {
  /** The option chosen to begin with. */
  defaultValue?: string;
  inline?: boolean;
  small?: boolean;
  /**
   * Defaults to `name`. The first radio gets this id, the others `${idPrefix}-2`, `${idPrefix}-3`...
   * so an ErrorSummary link to `#${idPrefix}` lands on the first option (GOV.UK convention).
   */
  idPrefix?: string;
}

export function Radios({ defaultValue, inline = false, small = false, className, ...group }: RadiosProps) {
  return (
    <ChoiceGroup
      {...group}
      kind="radios"
      isChecked={(value) => defaultValue !== undefined && value === defaultValue}
      className={[inline && "govuk-radios--inline", small && "govuk-radios--small", className].filter(Boolean).join(" ") || undefined}
    />
  );
}
