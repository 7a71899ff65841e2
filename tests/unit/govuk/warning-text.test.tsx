import { WarningText } from "@/components/govuk/warning-text";
import { content, describeParity, REASON, type TextOrHtml } from "./fixture-parity";

interface WarningTextOptions extends TextOrHtml {
  iconFallbackText?: string;
}

describeParity<WarningTextOptions>({
  component: "warning-text",
  render: (o) => <WarningText iconFallbackText={o.iconFallbackText}>{content(o)}</WarningText>,
  skip: {
    attributes: REASON.attributes,
    classes: REASON.classes,
  },
});
