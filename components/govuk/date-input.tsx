import type { ReactNode } from "react";
import { DATE_PARTS, datePartsInError, readDateParts, type DatePart, type DateParts } from "@/lib/validation/date-parts";
import { cx } from "./cx";
import type { ErrorSummaryItem } from "./error-summary";
import { ErrorMessage, Hint, type LabelSize } from "./form-group";

const WIDTH: Record<DatePart, 2 | 4> = { day: 2, month: 2, year: 4 };
const LABEL: Record<DatePart, string> = { day: "Day", month: "Month", year: "Year" };

export interface DateInputProps {
  /** The wrapper's id; the fields are `<id>-day`, `<id>-month` and `<id>-year`. */
  id: string;
  /** Prefix of the fields' names: `<name>-day`… Without one they are day, month and year. */
  name?: string;
  legend?: ReactNode;
  legendSize?: LabelSize;
  legendIsPageHeading?: boolean;
  hint?: ReactNode;
  error?: string | null;
  /** What the fields show: the record's date (see datePartsFromIso) or what was typed. */
  values?: Partial<Record<DatePart, string | number>>;
  /**
   * The fields to mark in error. Left out, they follow from what was typed (datePartsInError):
   * the missing or impossible parts, or all three for a problem with the date as a whole.
   */
  errorParts?: readonly DatePart[];
  /** The autocomplete token of each field, where one applies (bday-day…). */
  autoComplete?: Partial<Record<DatePart, string>>;
  /** Which fields to show (day and month only for a birthday…); all three by default. */
  parts?: readonly DatePart[];
  className?: string;
  formGroupClassName?: string;
}

/**
 * The design system's date input: a fieldset (role group) with a legend, hint and error message,
 * and a text field for each part, numeric keypad on phones. Only the fields in error are marked.
 */
export function DateInput({
  id,
  name,
  legend,
  legendSize,
  legendIsPageHeading = false,
  hint,
  error,
  values = {},
  errorParts,
  autoComplete = {},
  parts = DATE_PARTS,
  className,
  formGroupClassName,
}: DateInputProps) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  const typed: DateParts = { day: String(values.day ?? ""), month: String(values.month ?? ""), year: String(values.year ?? "") };
  const marked = new Set<DatePart>(error ? (errorParts ?? datePartsInError(typed)) : (errorParts ?? []));

  const inner = (
    <>
      {hintId ? <Hint id={hintId}>{hint}</Hint> : null}
      {errorId ? <ErrorMessage id={errorId}>{error}</ErrorMessage> : null}
      <div className={cx("govuk-date-input", className)} id={id}>
        {parts.map((part) => (
          <div key={part} className="govuk-date-input__item">
            <div className="govuk-form-group">
              <label className="govuk-label govuk-date-input__label" htmlFor={`${id}-${part}`}>
                {LABEL[part]}
              </label>
              <input
                className={cx("govuk-input govuk-date-input__input", marked.has(part) && "govuk-input--error", `govuk-input--width-${WIDTH[part]}`)}
                id={`${id}-${part}`}
                name={name ? `${name}-${part}` : part}
                type="text"
                defaultValue={values[part] === undefined ? undefined : String(values[part])}
                autoComplete={autoComplete[part]}
                inputMode="numeric"
              />
            </div>
          </div>
        ))}
      </div>
    </>
  );

  return (
    <div className={cx("govuk-form-group", error && "govuk-form-group--error", formGroupClassName)}>
      {legend === undefined ? (
        inner
      ) : (
        // role="group": without it JAWS does not announce the hint of a fieldset of text inputs (govuk-frontend).
        <fieldset className="govuk-fieldset" role="group" aria-describedby={describedBy}>
          <legend className={cx("govuk-fieldset__legend", legendSize && `govuk-fieldset__legend--${legendSize}`)}>
            {legendIsPageHeading ? <h1 className="govuk-fieldset__heading">{legend}</h1> : legend}
          </legend>
          {inner}
        </fieldset>
      )}
    </div>
  );
}

/** The element the error summary links to: the first field in error (the day when it is the whole date). */
export function dateInputErrorTarget(id: string, values: Partial<Record<DatePart, string | number>> = {}): string {
  const typed: DateParts = { day: String(values.day ?? ""), month: String(values.month ?? ""), year: String(values.year ?? "") };
  return `${id}-${datePartsInError(typed)[0] ?? "day"}`;
}

/**
 * Error summary links that name a date input (`#<id>`) pointed at its first field in error
 * instead, from the values the form came back with.
 */
export function linkToDateFields(items: ErrorSummaryItem[], submitted: Readonly<Record<string, string>>, ids: readonly string[]): ErrorSummaryItem[] {
  return items.map((item) => {
    const id = ids.find((i) => item.href === `#${i}`);
    return id ? { ...item, href: `#${dateInputErrorTarget(id, readDateParts(submitted, id))}` } : item;
  });
}
