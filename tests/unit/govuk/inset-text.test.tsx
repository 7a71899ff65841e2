import { InsetText } from "@/components/govuk/inset-text";
import { content, describeParity, REASON, type TextOrHtml } from "./fixture-parity";

interface InsetTextOptions extends TextOrHtml {
  id?: string;
  classes?: string;
}

describeParity<InsetTextOptions>({
  component: "inset-text",
  render: (o) => (
    <InsetText id={o.id} className={o.classes}>
      {content(o)}
    </InsetText>
  ),
  skip: {
    attributes: REASON.attributes,
  },
});
