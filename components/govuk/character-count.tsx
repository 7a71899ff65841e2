import type { ReactNode } from "react";
import { Hint, type LabelSize } from "./form-group";
import { Textarea } from "./textarea";

export interface CharacterCountProps {
  id: string;
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | null;
  defaultValue?: string;
  rows?: number;
  /** The most characters the server accepts: use the same number as the field's validation. */
  maxLength: number;
  /** Show the count only once this percentage of the limit is used. */
  threshold?: number;
  spellCheck?: boolean;
  labelSize?: LabelSize;
  labelIsPageHeading?: boolean;
}

const count = new Intl.NumberFormat("en-GB");

/**
 * A textarea for long free text that tells people how many characters they have left
 * (govuk-frontend's character count). Without JavaScript the message states the limit; the
 * textarea has no maxlength, so people can paste and then edit down, and the server's validation
 * refuses what is still too long. The script counts string length, as that validation does.
 */
export function CharacterCount({
  id,
  name,
  label,
  hint,
  error,
  defaultValue,
  rows,
  maxLength,
  threshold,
  spellCheck,
  labelSize,
  labelIsPageHeading,
}: CharacterCountProps) {
  const infoId = `${id}-info`;
  return (
    <Textarea
      id={id}
      name={name}
      label={label}
      hint={hint}
      error={error}
      defaultValue={defaultValue}
      rows={rows}
      spellCheck={spellCheck}
      labelSize={labelSize}
      labelIsPageHeading={labelIsPageHeading}
      describedBy={infoId}
      className="govuk-js-character-count"
      formGroupClassName="govuk-character-count"
      formGroupAttributes={{
        "data-module": "govuk-character-count",
        "data-maxlength": maxLength,
        "data-threshold": threshold,
      }}
      afterInput={
        <Hint id={infoId} className="govuk-character-count__message">
          {`You can enter up to ${count.format(maxLength)} characters`}
        </Hint>
      }
    />
  );
}
