import { describe, expect, it } from "vitest";
import { Checkbox } from "@/components/govuk/checkbox";
import { Checkboxes } from "@/components/govuk/checkboxes";
import { govukFixture, normaliseHtml, renderNormalised } from "@/tests/support/govuk-parity";
import { choiceProps, describeParity, REASON, type ChoiceOptions } from "./fixture-parity";

describeParity<ChoiceOptions>({
  component: "checkboxes",
  render: (o) => {
    const { checkedValues, inline: _inline, ...props } = choiceProps(o, "govuk-checkboxes");
    return <Checkboxes {...props} defaultValues={checkedValues} />;
  },
  skip: {
    "with falsy values": "our items are a typed list with no gaps, so ids never skip a position",
    attributes: REASON.attributes,
    "items with attributes": REASON.attributes,
    "label with attributes": REASON.attributes,
    "with label classes": "an item's label takes no extra classes: its text is styled by the design system",
    "fieldset params": "extra classes or attributes on the fieldset are not part of our props",
    "with optional form-group classes showing group error": REASON.formGroupClasses,
  },
});

describe("Checkbox (one box, no fieldset)", () => {
  it("is govuk-frontend's checkboxes without a fieldset", () => {
    const fixture = govukFixture("checkboxes", "with single option (and hint) set 'aria-describedby' on input, and describedBy");
    // The same example without the group hint and outside describedBy, which a lone box never has.
    const expected = normaliseHtml(fixture.html)
      .replace(/\n<div class="govuk-hint" id="t-and-c-with-hint-hint">[^<]*<\/div>/, "")
      .replace('aria-describedby="test-target-element t-and-c-with-hint-hint t-and-c-with-hint-item-hint"', 'aria-describedby="t-and-c-with-hint-item-hint"');
    expect(
      renderNormalised(
        <Checkbox id="t-and-c-with-hint" name="t-and-c-with-hint" value="yes" label="I agree to the terms and conditions" hint="Go on, you know you want to!" />,
      ),
    ).toBe(expected);
  });

  it("ticks itself when asked and shows its error above the box", () => {
    const html = renderNormalised(<Checkbox id="confirm" name="confirm" label="I understand" error="Confirm that you understand" defaultChecked />);
    expect(html).toContain('checked=""');
    expect(html).toMatch(/govuk-form-group--error[\s\S]*id="confirm-error"[\s\S]*govuk-checkboxes__input/);
  });
});
