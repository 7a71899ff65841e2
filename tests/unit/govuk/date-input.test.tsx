import { describe, expect, it } from "vitest";
import type { ReactNode } from "react";
import { DateInput, dateInputErrorTarget, type DateInputProps } from "@/components/govuk/date-input";
import type { DatePart } from "@/lib/validation/date-parts";
import { govukFixtures, normaliseHtml, renderNormalised, type Fixture } from "@/tests/support/govuk-parity";

// Every govuk-frontend example of the date input whose features we offer is rendered with our
// component and compared with the design system's own HTML. The rest are listed with the reason.
const SKIPPED: Record<string, string> = {
  "with translations": "the fields are labelled in English only",
  "with values, name prefix and custom names": "field names are always <name>-day, -month and -year",
  attributes: "no arbitrary attributes on the wrapper",
  "custom pattern": "no pattern attribute: the server reads every unambiguous way of writing a part",
  "custom inputmode": "the fields are always numeric",
  "with nested name": "field names are always <name>-day, -month and -year",
  "with id on items": "field ids are always <id>-day, -month and -year, which the error summary links to",
  "with item value": "field ids are always <id>-day, -month and -year",
  "with field value and items": "field ids are always <id>-day, -month and -year",
  "with field value and item value": "field ids are always <id>-day, -month and -year",
  "with field value, item value and values": "field ids are always <id>-day, -month and -year",
  "with hint and described by": "no extra aria-describedby ids beyond the hint and error",
  "with error message and described by": "no extra aria-describedby ids beyond the hint and error",
  "items with classes": "no custom classes on the fields",
  "with input attributes": "no arbitrary attributes on the fields",
};

interface Item {
  name?: string;
  classes?: string;
  error?: boolean;
  autocomplete?: string;
  value?: string | number;
  id?: string;
  pattern?: string;
  inputmode?: string;
  attributes?: unknown;
  label?: string;
}

const PARTS: readonly DatePart[] = ["day", "month", "year"];
const WIDTH_OR_ERROR = /^(govuk-input--width-(2|4)|govuk-input--error)$/;

/** Our props for a fixture's macro options, or null when it uses a feature we do not offer. */
function propsFor(fixture: Fixture): DateInputProps | null {
  const o = fixture.options as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  if (o.attributes || o.fieldset?.describedBy) return null;
  const prefix: string | undefined = o.namePrefix;
  const items: { part: DatePart; item: Item }[] = [];
  if (Array.isArray(o.items) && o.items.length > 0) {
    for (const item of o.items as Item[]) {
      const part = PARTS.find((p) => p === item.name);
      if (!part || item.id || item.pattern || item.inputmode || item.attributes || item.label) return null;
      items.push({ part, item: { ...item, value: item.value ?? o[part]?.value } });
    }
  } else {
    for (const part of PARTS) {
      const item = o[part];
      if (item === false) continue;
      if (item && (item.name || item.label || item.attributes)) return null;
      items.push({ part, item: item ?? {} });
    }
  }
  if (items.some(({ item }) => item.classes && !item.classes.split(/\s+/).every((c) => WIDTH_OR_ERROR.test(c)))) return null;

  const values: Partial<Record<DatePart, string | number>> = {};
  for (const { part, item } of items) {
    const value = item.value ?? o.values?.[prefix ? `${prefix}-${part}` : part];
    if (value !== undefined) values[part] = value;
  }
  // The template's rule: fields flagged in error are marked; with a message and none flagged, all
  // but those explicitly not in error.
  const flagged = (item: Item) => item.error === true || (item.classes ?? "").includes("govuk-input--error");
  const anyFlagged = items.some(({ item }) => flagged(item));
  const errorParts = items
    .filter(({ item }) => (anyFlagged ? flagged(item) : o.errorMessage && item.error !== false))
    .map(({ part }) => part);
  const autoComplete = Object.fromEntries(items.filter(({ item }) => item.autocomplete).map(({ part, item }) => [part, item.autocomplete]));

  const legendOption = o.fieldset?.legend;
  let legend: ReactNode = legendOption?.text;
  if (legendOption?.html === "What is your <b>date of birth</b>?") {
    legend = (
      <>
        What is your <b>date of birth</b>?
      </>
    );
  } else if (legendOption?.html) return null;

  return {
    id: o.id,
    name: prefix,
    legend: o.fieldset ? legend : undefined,
    hint: o.hint?.text,
    error: o.errorMessage?.text,
    values,
    errorParts,
    autoComplete,
    parts: items.map(({ part }) => part),
    className: o.classes,
    formGroupClassName: o.formGroup?.classes,
  };
}

const fixtures = govukFixtures("date-input");

describe("DateInput matches govuk-frontend's markup", () => {
  for (const fixture of fixtures) {
    if (fixture.name in SKIPPED) continue;
    it(fixture.name, () => {
      const props = propsFor(fixture);
      expect(props, "a fixture we claim to support").not.toBeNull();
      expect(renderNormalised(<DateInput {...props!} />)).toBe(normaliseHtml(fixture.html));
    });
  }

  it("skips exactly the examples whose features it does not offer", () => {
    const unsupported = fixtures.filter((f) => propsFor(f) === null).map((f) => f.name);
    expect(unsupported.sort()).toEqual(Object.keys(SKIPPED).sort());
  });
});

describe("DateInput in our forms", () => {
  const render = (props: Partial<DateInputProps>) =>
    renderNormalised(<DateInput id="installedOn" name="installedOn" legend="Install date (optional)" {...props} />);
  const errorFields = (html: string) => [...html.matchAll(/class="([^"]*)" id="installedOn-(day|month|year)"/g)].filter((m) => m[1]!.includes("govuk-input--error")).map((m) => m[2]);

  it("names the fields after the date and echoes what was typed", () => {
    const html = render({ values: { day: "31", month: "2", year: "2024" } });
    expect(html).toContain('name="installedOn-day"');
    expect(html).toContain('name="installedOn-month"');
    expect(html).toContain('name="installedOn-year"');
    expect(html).toContain('value="31"');
    expect(html).toContain('value="2024"');
    expect(errorFields(html)).toEqual([]);
  });

  it("marks only the missing month when the month is missing", () => {
    expect(errorFields(render({ error: "Install date must include a month", values: { day: "1", month: "", year: "2024" } }))).toEqual(["month"]);
  });

  it("marks the impossible day alone, and the whole date for 31 February", () => {
    expect(errorFields(render({ error: "Install date must be a real date", values: { day: "32", month: "1", year: "2024" } }))).toEqual(["day"]);
    expect(errorFields(render({ error: "Install date must be a real date", values: { day: "31", month: "2", year: "2024" } }))).toEqual(["day", "month", "year"]);
  });

  it("links the error summary to the first field in error", () => {
    expect(dateInputErrorTarget("installedOn", { day: "1", month: "", year: "" })).toBe("installedOn-month");
    expect(dateInputErrorTarget("installedOn", { day: "1", month: "1", year: "24" })).toBe("installedOn-year");
    expect(dateInputErrorTarget("installedOn", { day: "31", month: "2", year: "2023" })).toBe("installedOn-day");
    expect(dateInputErrorTarget("installedOn", {})).toBe("installedOn-day");
  });
});
