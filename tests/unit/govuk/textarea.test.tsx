import { Textarea } from "@/components/govuk/textarea";
import { describeParity, fieldProps, REASON, type FieldOptions } from "./fixture-parity";

interface TextareaOptions extends FieldOptions {
  rows?: number;
}

describeParity<TextareaOptions>({
  component: "textarea",
  render: (o) => (
    <Textarea
      {...fieldProps(o)}
      rows={o.rows}
      className={o.classes}
      defaultValue={o.value === undefined ? undefined : String(o.value)}
      spellCheck={o.spellcheck}
      autoComplete={o.autocomplete}
    />
  ),
  skip: {
    attributes: REASON.attributes,
    "with optional form-group classes": REASON.formGroupClasses,
  },
});
