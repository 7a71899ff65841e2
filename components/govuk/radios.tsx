import type { ReactNode } from "react";
import { cx } from "./cx";
import { Fieldset } from "./fieldset";
import { ErrorMessage, FormGroup, Hint, fieldIds, type LabelSize } from "./form-group";

export interface ChoiceItem {
  value: string;
  text: ReactNode;
  hint?: ReactNode;
  disabled?: boolean;
}

export interface RadiosProps {
  name: string;
  legend: ReactNode;
  hint?: ReactNode;
  error?: string | null;
  items: ChoiceItem[];
  defaultValue?: string;
  inline?: boolean;
  small?: boolean;
  legendSize?: LabelSize;
  legendIsPageHeading?: boolean;
  /**
   * Defaults to `name`. The first radio gets this id, the others `${idPrefix}-2`, `${idPrefix}-3`...
   * so an ErrorSummary link to `#${idPrefix}` lands on the first option (GOV.UK convention).
   */
  idPrefix?: string;
}

/** Id of the n-th (0-based) option, GOV.UK style. */
export function choiceItemId(idPrefix: string, index: number): string {
  return index === 0 ? idPrefix : `${idPrefix}-${index + 1}`;
}

export function Radios({
  name,
  legend,
  hint,
  error,
  items,
  defaultValue,
  inline = false,
  small = false,
  legendSize,
  legendIsPageHeading,
  idPrefix = name,
}: RadiosProps) {
  const { hintId, errorId, describedBy } = fieldIds(idPrefix, hint, error);
  return (
    <FormGroup error={Boolean(error)}>
      <Fieldset
        legend={legend}
        legendSize={legendSize}
        legendIsPageHeading={legendIsPageHeading}
        describedBy={describedBy}
      >
        {hintId ? <Hint id={hintId}>{hint}</Hint> : null}
        {errorId ? <ErrorMessage id={errorId}>{error}</ErrorMessage> : null}
        <div className={cx("govuk-radios", inline && "govuk-radios--inline", small && "govuk-radios--small")}>
          {items.map((item, index) => {
            const itemId = choiceItemId(idPrefix, index);
            const itemHintId = item.hint ? `${itemId}-item-hint` : undefined;
            return (
              <div key={item.value} className="govuk-radios__item">
                <input
                  className="govuk-radios__input"
                  id={itemId}
                  name={name}
                  type="radio"
                  value={item.value}
                  defaultChecked={defaultValue !== undefined && item.value === defaultValue}
                  disabled={item.disabled}
                  aria-describedby={itemHintId}
                />
                <label className="govuk-label govuk-radios__label" htmlFor={itemId}>
                  {item.text}
                </label>
                {itemHintId ? (
                  <div id={itemHintId} className="govuk-hint govuk-radios__hint">
                    {item.hint}
                  </div>
                ) : null}
              </div>
            );
          })}
        </div>
      </Fieldset>
    </FormGroup>
  );
}
