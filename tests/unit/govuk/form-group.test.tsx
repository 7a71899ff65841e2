// Label, hint, error message and fieldset: the parts every field component is built from.
import { ErrorMessage, Hint, Label, type LabelSize } from "@/components/govuk/form-group";
import { Fieldset } from "@/components/govuk/fieldset";
import { content, describeParity, htmlToReact, modifier, REASON, type TextOrHtml } from "./fixture-parity";

interface LabelOptions extends TextOrHtml {
  for?: string;
  classes?: string;
  isPageHeading?: boolean;
}

describeParity<LabelOptions>({
  component: "label",
  render: (o) => {
    const size = modifier<LabelSize>(o.classes, "govuk-label");
    return (
      <Label htmlFor={o.for} size={size.value} className={size.rest} isPageHeading={o.isPageHeading}>
        {content(o)}
      </Label>
    );
  },
  skip: {
    empty: "a label with no text renders nothing in the macro; ours always labels a field",
    attributes: REASON.attributes,
  },
});

interface HintOptions extends TextOrHtml {
  id?: string;
  classes?: string;
}

describeParity<HintOptions>({
  component: "hint",
  render: (o) => (
    <Hint id={o.id} className={o.classes}>
      {content(o)}
    </Hint>
  ),
  skip: {
    attributes: REASON.attributes,
  },
});

interface ErrorMessageOptions extends TextOrHtml {
  id?: string;
}

describeParity<ErrorMessageOptions>({
  component: "error-message",
  render: (o) => <ErrorMessage id={o.id}>{content(o)}</ErrorMessage>,
  skip: {
    translated: REASON.translated,
    "with visually hidden text": REASON.translated,
    "visually hidden text removed":
      "every error message starts “Error:” for screen reader users, as the design system advises",
    classes: REASON.classes,
    attributes: REASON.attributes,
  },
});

interface FieldsetOptions {
  legend: TextOrHtml & { classes?: string; isPageHeading?: boolean };
  describedBy?: string;
  classes?: string;
  html?: string;
}

describeParity<FieldsetOptions>({
  component: "fieldset",
  render: (o) => (
    <Fieldset
      legend={content(o.legend)}
      legendSize={modifier<LabelSize>(o.legend.classes, "govuk-fieldset__legend").value}
      legendIsPageHeading={o.legend.isPageHeading}
      describedBy={o.describedBy}
      className={o.classes}
    >
      {o.html ? htmlToReact(o.html) : null}
    </Fieldset>
  ),
  skip: {
    "legend classes": "the legend takes a size (govuk-fieldset__legend--s…xl), not arbitrary classes",
    role: "a fieldset is already a group: no role is needed",
    attributes: REASON.attributes,
  },
});
