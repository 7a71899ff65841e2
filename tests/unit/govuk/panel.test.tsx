import { Panel } from "@/components/govuk/panel";
import { content, describeParity, REASON, type TextOrHtml } from "./fixture-parity";

interface PanelOptions extends TextOrHtml {
  titleText?: string;
  titleHtml?: string;
  headingLevel?: 1 | 2;
}

const INTERRUPTION = "the interruption panel: the service has no interruption pages";

describeParity<PanelOptions>({
  component: "panel",
  render: (o) => (
    <Panel title={content({ text: o.titleText, html: o.titleHtml })} headingLevel={o.headingLevel}>
      {content(o)}
    </Panel>
  ),
  skip: {
    interruption: INTERRUPTION,
    "interruption-with-content-with-long-line-length": INTERRUPTION,
    "interruption-with-headings-content-and-lists": INTERRUPTION,
    "interruption with custom classes": INTERRUPTION,
    "interruption, with actions classes and attributes": INTERRUPTION,
    "interruption, submit action": INTERRUPTION,
    "interruption, button link": INTERRUPTION,
    "interruption, no actions": INTERRUPTION,
    "interruption, no actions items": INTERRUPTION,
    classes: REASON.classes,
    attributes: REASON.attributes,
  },
});
