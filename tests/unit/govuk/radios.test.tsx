import { Radios } from "@/components/govuk/radios";
import { choiceProps, describeParity, REASON, type ChoiceOptions } from "./fixture-parity";

describeParity<ChoiceOptions>({
  component: "radios",
  render: (o) => {
    const { checkedValues, ...props } = choiceProps(o, "govuk-radios");
    if (checkedValues.length > 1) throw new Error("one radio at most is chosen");
    return <Radios {...props} defaultValue={checkedValues[0]} />;
  },
  skip: {
    "with falsy items": "our items are a typed list with no gaps, so ids never skip a position",
    attributes: REASON.attributes,
    "items with attributes": REASON.attributes,
    "label with attributes": REASON.attributes,
    "label with classes": "an item's label takes no extra classes: its text is styled by the design system",
    "fieldset params": "extra classes or attributes on the fieldset are not part of our props",
    "with optional form-group classes showing group error": REASON.formGroupClasses,
    // These examples put govuk-radios--small on the form group, where it styles nothing.
    small: REASON.formGroupClasses,
    "small with hint": REASON.formGroupClasses,
    "small with error": REASON.formGroupClasses,
    "small with conditional reveal": REASON.formGroupClasses,
  },
});
