import type { ReactNode } from "react";
import { Fieldset } from "@/components/govuk";
import { ErrorMessage, FormGroup, Hint } from "@/components/govuk/form-group";

export interface TickBox {
  /** The box's own field name (and id): it posts "yes" when ticked, nothing otherwise. */
  name: string;
  text: ReactNode;
  checked: boolean;
}

/**
 * The design system's checkboxes, each box posting under its own name: the forms' values reach the
 * server as one value per name, so a list of ticks is a field per box. Markup as govuk-frontend's
 * checkboxes macro writes it with a fieldset, each item given its own name.
 */
export function TickBoxes({
  id,
  legend,
  hint,
  error,
  boxes,
  small = false,
}: {
  /** The group's id, for its hint and error message. */
  id: string;
  legend: ReactNode;
  hint?: ReactNode;
  error?: string | null;
  boxes: readonly TickBox[];
  small?: boolean;
}) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return (
    <FormGroup error={Boolean(error)}>
      <Fieldset legend={legend} legendSize="m" describedBy={[hintId, errorId].filter(Boolean).join(" ") || undefined}>
        {hintId ? <Hint id={hintId}>{hint}</Hint> : null}
        {errorId ? <ErrorMessage id={errorId}>{error}</ErrorMessage> : null}
        <div className={small ? "govuk-checkboxes govuk-checkboxes--small" : "govuk-checkboxes"} data-module="govuk-checkboxes">
          {boxes.map((box) => (
            <div key={box.name} className="govuk-checkboxes__item">
              <input className="govuk-checkboxes__input" id={box.name} name={box.name} type="checkbox" value="yes" defaultChecked={box.checked} />
              <label className="govuk-label govuk-checkboxes__label" htmlFor={box.name}>
                {box.text}
              </label>
            </div>
          ))}
        </div>
      </Fieldset>
    </FormGroup>
  );
}
