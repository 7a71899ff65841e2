import { BackLink } from "@/components/govuk/back-link";
import { content, describeParity, REASON, type TextOrHtml } from "./fixture-parity";

interface BackLinkOptions extends TextOrHtml {
  href?: string;
  classes?: string;
}

describeParity<BackLinkOptions>({
  component: "back-link",
  render: (o) => (
    <BackLink href={o.href ?? "#"} inverse={o.classes === "govuk-back-link--inverse"}>
      {content(o)}
    </BackLink>
  ),
  skip: {
    classes: REASON.classes,
    attributes: REASON.attributes,
  },
});
