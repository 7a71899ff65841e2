import { TextInput, type TextInputType, type TextInputWidth } from "@/components/govuk/text-input";
import { content, describeParity, fieldProps, REASON, type FieldOptions, type TextOrHtml } from "./fixture-parity";

interface InputOptions extends FieldOptions {
  type?: TextInputType;
  inputmode?: "decimal" | "numeric" | "text";
  pattern?: string;
  autocapitalize?: string;
  prefix?: TextOrHtml & { classes?: string };
  suffix?: TextOrHtml & { classes?: string };
}

const AFFIX_EXTRAS = "extra classes or attributes on a prefix or suffix are not part of our props";

describeParity<InputOptions>({
  component: "input",
  render: (o) => {
    const classes = o.classes?.split(" ") ?? [];
    const width = classes.find((c) => c.startsWith("govuk-input--width-"))?.slice("govuk-input--width-".length);
    const rest = classes.filter((c) => !c.startsWith("govuk-input--width-")).join(" ") || undefined;
    return (
      <TextInput
        {...fieldProps(o)}
        type={o.type}
        width={width as TextInputWidth | undefined}
        className={rest}
        defaultValue={o.value}
        spellCheck={o.spellcheck}
        autoComplete={o.autocomplete}
        inputMode={o.inputmode}
        prefix={content(o.prefix)}
        suffix={content(o.suffix)}
        inputProps={{ pattern: o.pattern, disabled: o.disabled }}
      />
    );
  },
  skip: {
    attributes: REASON.attributes,
    "with autocapitalize turned off": "autocapitalize is not part of our props: no field of the service needs it",
    "with prefix with classes": AFFIX_EXTRAS,
    "with prefix with attributes": AFFIX_EXTRAS,
    "with suffix with classes": AFFIX_EXTRAS,
    "with suffix with attributes": AFFIX_EXTRAS,
    "with customised input wrapper": "extra classes or attributes on the prefix/suffix wrapper are not part of our props",
    "with optional form-group classes": REASON.formGroupClasses,
  },
});
