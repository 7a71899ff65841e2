// The one implementation behind Radios and Checkboxes: govuk-frontend's two templates differ only
// in their class prefix, the checkbox's own name and "none of these" behaviour, and where a group
// without a fieldset puts its aria-describedby.
import type { ReactNode } from "react";
import { cx } from "./cx";
import { Fieldset } from "./fieldset";
import { ErrorMessage, FormGroup, Hint, fieldIds, type LabelSize } from "./form-group";

export interface ChoiceItem {
  value: string;
  text: ReactNode;
  hint?: ReactNode;
  disabled?: boolean;
  /** Its own id, instead of the group's `${idPrefix}`, `${idPrefix}-2`… */
  id?: string;
  /**
   * Revealed under the item while it is chosen (the design system's conditional reveal).
   * Without JavaScript it is always shown.
   */
  conditional?: ReactNode;
  /** Checkboxes only: its own name, posted as its own field. */
  name?: string;
  /** Checkboxes only: "None of these": ticking it clears the others, ticking another clears it. */
  exclusive?: boolean;
}

/** A word ("or") between the options and a last, different one. */
export interface ChoiceDivider {
  divider: string;
}

export type ChoiceEntry = ChoiceItem | ChoiceDivider;

/** Id of the n-th (0-based) entry, GOV.UK style: dividers count, so ids follow positions. */
export function choiceItemId(idPrefix: string, index: number): string {
  return index === 0 ? idPrefix : `${idPrefix}-${index + 1}`;
}

function isDivider(entry: ChoiceEntry): entry is ChoiceDivider {
  return "divider" in entry;
}

export interface ChoiceGroupProps {
  name: string;
  /** Omit only when the question is asked elsewhere (a lone "I confirm" box): then there is no fieldset. */
  legend?: ReactNode;
  hint?: ReactNode;
  error?: string | null;
  items: ChoiceEntry[];
  legendSize?: LabelSize;
  legendIsPageHeading?: boolean;
  idPrefix?: string;
  /** Ids of other elements describing the group, read before its hint and error. */
  describedBy?: string;
  /** Modifier classes on the list, e.g. govuk-radios--inline. */
  className?: string;
}

export function ChoiceGroup({
  kind,
  name,
  legend,
  hint,
  error,
  items,
  isChecked,
  legendSize,
  legendIsPageHeading,
  idPrefix = name,
  describedBy: extraDescribedBy,
  className,
}: ChoiceGroupProps & { kind: "radios" | "checkboxes"; isChecked: (value: string) => boolean }) {
  const { hintId, errorId, describedBy } = fieldIds(idPrefix, hint, error, extraDescribedBy);
  const hasFieldset = legend !== undefined && legend !== null;
  const block = `govuk-${kind}`;
  const list = (
    <>
      {hintId ? <Hint id={hintId}>{hint}</Hint> : null}
      {errorId ? <ErrorMessage id={errorId}>{error}</ErrorMessage> : null}
      <div className={cx(block, className)} data-module={block}>
        {items.map((entry, index) => {
          if (isDivider(entry)) {
            return (
              <div key={`divider-${index}`} className={`${block}__divider`}>
                {entry.divider}
              </div>
            );
          }
          const itemId = entry.id ?? choiceItemId(idPrefix, index);
          const itemHintId = entry.hint ? `${itemId}-item-hint` : undefined;
          const conditionalId = `conditional-${itemId}`;
          const checked = isChecked(entry.value);
          // Checkboxes without a fieldset have no group to carry the hint and error: each box does.
          const groupDescribedBy = kind === "checkboxes" && !hasFieldset ? describedBy : undefined;
          const itemDescribedBy = [groupDescribedBy, itemHintId].filter(Boolean).join(" ") || undefined;
          return [
            <div key={`item-${index}`} className={`${block}__item`}>
              <input
                className={`${block}__input`}
                id={itemId}
                name={kind === "checkboxes" ? (entry.name ?? name) : name}
                type={kind === "radios" ? "radio" : "checkbox"}
                value={entry.value}
                defaultChecked={checked}
                disabled={entry.disabled}
                data-aria-controls={entry.conditional ? conditionalId : undefined}
                data-behaviour={kind === "checkboxes" && entry.exclusive ? "exclusive" : undefined}
                aria-describedby={itemDescribedBy}
              />
              <label className={`govuk-label ${block}__label`} htmlFor={itemId}>
                {entry.text}
              </label>
              {itemHintId ? (
                <div id={itemHintId} className={`govuk-hint ${block}__hint`}>
                  {entry.hint}
                </div>
              ) : null}
            </div>,
            entry.conditional ? (
              <div
                key={`conditional-${index}`}
                className={cx(`${block}__conditional`, !checked && `${block}__conditional--hidden`)}
                id={conditionalId}
              >
                {entry.conditional}
              </div>
            ) : null,
          ];
        })}
      </div>
    </>
  );
  return (
    <FormGroup error={Boolean(error)}>
      {hasFieldset ? (
        <Fieldset
          legend={legend}
          legendSize={legendSize}
          legendIsPageHeading={legendIsPageHeading}
          describedBy={describedBy}
        >
          {list}
        </Fieldset>
      ) : (
        list
      )}
    </FormGroup>
  );
}
