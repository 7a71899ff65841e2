import type { ReactNode } from "react";
import { cx } from "./cx";
import { ErrorMessage, FormGroup, fieldIds } from "./form-group";

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

/** A single stand-alone checkbox (e.g. "I confirm..."), no fieldset. */
export function Checkbox({
  id,
  name,
  label,
  hint,
  error,
  defaultChecked = false,
  value = "yes",
  small = false,
}: CheckboxProps) {
  const { hintId, errorId, describedBy } = fieldIds(id, hint, error);
  return (
    <FormGroup error={Boolean(error)}>
      {errorId ? <ErrorMessage id={errorId}>{error}</ErrorMessage> : null}
      <div className={cx("govuk-checkboxes", small && "govuk-checkboxes--small")}>
        <div className="govuk-checkboxes__item">
          <input
            className="govuk-checkboxes__input"
            id={id}
            name={name}
            type="checkbox"
            value={value}
            defaultChecked={defaultChecked}
            aria-describedby={describedBy}
          />
          <label className="govuk-label govuk-checkboxes__label" htmlFor={id}>
            {label}
          </label>
          {hintId ? (
            <div id={hintId} className="govuk-hint govuk-checkboxes__hint">
              {hint}
            </div>
          ) : null}
        </div>
      </div>
    </FormGroup>
  );
}
