import type { ReactNode } from "react";
import { cx } from "./cx";
import { Fieldset } from "./fieldset";
import { ErrorMessage, FormGroup, Hint, fieldIds, type LabelSize } from "./form-group";
import { choiceItemId, type ChoiceItem } from "./radios";

export interface CheckboxesProps {
  name: string;
  legend: ReactNode;
  hint?: ReactNode;
  error?: string | null;
  items: ChoiceItem[];
  /** Values that start ticked. Read them back with formData.getAll(name). */
  defaultValues?: readonly string[];
  small?: boolean;
  legendSize?: LabelSize;
  legendIsPageHeading?: boolean;
  /** Defaults to `name`; first box gets this id, the others `${idPrefix}-2`... */
  idPrefix?: string;
}

export function Checkboxes({
  name,
  legend,
  hint,
  error,
  items,
  defaultValues,
  small = false,
  legendSize,
  legendIsPageHeading,
  idPrefix = name,
}: CheckboxesProps) {
  const { hintId, errorId, describedBy } = fieldIds(idPrefix, hint, error);
  const checked = new Set(defaultValues ?? []);
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
        <div className={cx("govuk-checkboxes", small && "govuk-checkboxes--small")}>
          {items.map((item, index) => {
            const itemId = choiceItemId(idPrefix, index);
            const itemHintId = item.hint ? `${itemId}-item-hint` : undefined;
            return (
              <div key={item.value} className="govuk-checkboxes__item">
                <input
                  className="govuk-checkboxes__input"
                  id={itemId}
                  name={name}
                  type="checkbox"
                  value={item.value}
                  defaultChecked={checked.has(item.value)}
                  disabled={item.disabled}
                  aria-describedby={itemHintId}
                />
                <label className="govuk-label govuk-checkboxes__label" htmlFor={itemId}>
                  {item.text}
                </label>
                {itemHintId ? (
                  <div id={itemHintId} className="govuk-hint govuk-checkboxes__hint">
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
