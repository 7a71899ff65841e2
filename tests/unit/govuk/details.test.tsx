import { Details } from "@/components/govuk/details";
import { content, describeParity, REASON, type TextOrHtml } from "./fixture-parity";

interface DetailsOptions extends TextOrHtml {
  id?: string;
  classes?: string;
  open?: boolean;
  summaryText?: string;
  summaryHtml?: string;
}

describeParity<DetailsOptions>({
  component: "details",
  render: (o) => (
    <Details id={o.id} className={o.classes} open={o.open} summary={content({ text: o.summaryText, html: o.summaryHtml })}>
      {content(o)}
    </Details>
  ),
  skip: {
    attributes: REASON.attributes,
  },
});
