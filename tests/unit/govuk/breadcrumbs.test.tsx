import { Breadcrumbs } from "@/components/govuk/breadcrumbs";
import { content, describeParity, REASON, type TextOrHtml } from "./fixture-parity";

interface BreadcrumbsOptions {
  classes?: string;
  collapseOnMobile?: boolean;
  items: (TextOrHtml & { href?: string })[];
}

describeParity<BreadcrumbsOptions>({
  component: "breadcrumbs",
  render: (o) => (
    <Breadcrumbs
      collapseOnMobile={o.collapseOnMobile}
      inverse={o.classes === "govuk-breadcrumbs--inverse"}
      items={o.items.map((item) => ({ href: item.href, text: content(item) }))}
    />
  ),
  skip: {
    classes: REASON.classes,
    attributes: REASON.attributes,
    "item attributes": REASON.attributes,
    "custom label": "the landmark is always labelled “Breadcrumb”: the service is in English only",
  },
});
