import { Select } from "@/components/govuk/select";
import { describeParity, fieldProps, REASON, type FieldOptions } from "./fixture-parity";

interface SelectItem {
  value?: string | number | boolean;
  text: string;
  selected?: boolean;
  disabled?: boolean;
}

interface SelectOptions extends FieldOptions {
  items?: (SelectItem | null | false | "")[];
}

describeParity<SelectOptions>({
  component: "select",
  render: (o) => {
    const items = (o.items ?? []).filter((item): item is SelectItem => Boolean(item));
    if (items.some((item) => item.value === undefined)) throw new Error("every option of ours has a value");
    // The macro's selection rule: an item's own `selected` wins over the select's `value`.
    const chosen =
      items.find((item) => item.selected === true) ??
      items.find((item) => o.value !== undefined && String(item.value) === String(o.value) && item.selected !== false);
    return (
      <Select
        {...fieldProps(o)}
        fullWidth={o.classes === "govuk-!-width-full"}
        defaultValue={chosen ? String(chosen.value) : undefined}
        options={items.map((item) => ({ value: String(item.value), text: item.text, disabled: item.disabled }))}
      />
    );
  },
  skip: {
    attributes: REASON.attributes,
    "attributes on items": REASON.attributes,
    "without values": "every option of ours has a value, so the posted value never depends on the words shown",
    "without values with selected value": "every option of ours has a value, so the posted value never depends on the words shown",
    "with optional form-group classes": REASON.formGroupClasses,
  },
});
