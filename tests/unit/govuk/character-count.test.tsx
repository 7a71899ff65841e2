import { describe, expect, it } from "vitest";
import { CharacterCount } from "@/components/govuk/character-count";
import { renderNormalised } from "@/tests/support/govuk-parity";
import { describeParity, fieldProps, REASON, type FieldOptions } from "./fixture-parity";

interface CharacterCountOptions extends FieldOptions {
  maxlength?: number;
  threshold?: number;
  rows?: number;
}

const WORDS = "the service limits text by length, as its validation counts it, never by words";
const COUNT_TYPE =
  "we leave the count type to the script's default, string length, which counts as the server's validation does";
const WORDING = "the count's wording is the design system's default: the service is in English only";

describeParity<CharacterCountOptions>({
  component: "character-count",
  render: (o) => {
    if (o.maxlength === undefined) throw new Error("every character count of ours has a limit");
    return (
      <CharacterCount
        {...fieldProps(o)}
        maxLength={o.maxlength}
        threshold={o.threshold}
        rows={o.rows}
        spellCheck={o.spellcheck}
        defaultValue={o.value === undefined ? undefined : String(o.value)}
      />
    );
  },
  skip: {
    "with maxwords": WORDS,
    "with count type 'length'": COUNT_TYPE,
    "with count type 'characters'": COUNT_TYPE,
    "with count type 'characters' and value": COUNT_TYPE,
    "with count type 'characters' and error message": COUNT_TYPE,
    "with count type 'characters' and threshold": COUNT_TYPE,
    "with count type 'words'": WORDS,
    "with count type 'words' and value": WORDS,
    "with count type 'words' and error message": WORDS,
    "with count type 'words' and threshold": WORDS,
    "with custom textarea description": WORDING,
    "with translations": REASON.translated,
    classes: REASON.classes,
    "custom classes with error message": REASON.classes,
    attributes: REASON.attributes,
    "formGroup with classes": REASON.formGroupClasses,
    "custom classes on countMessage": REASON.classes,
    "with textarea maxlength attribute":
      "the textarea never has a maxlength: people may paste long text and edit it down, as the design system advises",
    "to configure in JavaScript": "every limit is set on the server, where the validation that enforces it lives",
    "with neither maxlength nor maxwords set": "every character count of ours has a limit",
    "with neither maxlength, maxwords nor textarea description set": "every character count of ours has a limit",
  },
});

describe("CharacterCount", () => {
  it("states the limit with a thousands separator, as GOV.UK writes numbers over 999", () => {
    expect(renderNormalised(<CharacterCount id="notes" name="notes" label="Notes" maxLength={2000} />)).toContain(
      "You can enter up to 2,000 characters",
    );
  });
});
