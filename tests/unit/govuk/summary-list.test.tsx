import { SummaryList, type SummaryListAction } from "@/components/govuk/summary-list";
import { content, describeParity, REASON, type TextOrHtml } from "./fixture-parity";

interface ActionOptions extends TextOrHtml {
  href: string;
  visuallyHiddenText?: string;
}

interface SummaryListOptions {
  classes?: string;
  card?: { title?: TextOrHtml & { headingLevel?: 2 | 3 | 4 }; actions?: { items: ActionOptions[] } };
  rows: ({ key: TextOrHtml; value: TextOrHtml; classes?: string; actions?: { items: ActionOptions[] } } | null | false | "")[];
}

const action = (a: ActionOptions): SummaryListAction => ({ href: a.href, text: content(a), visuallyHiddenText: a.visuallyHiddenText });

describeParity<SummaryListOptions>({
  component: "summary-list",
  render: (o) => {
    if (o.card && !o.card.title) throw new Error("every summary card of ours has a title");
    return (
      <SummaryList
        noBorder={o.classes === "govuk-summary-list--no-border"}
        card={
          o.card?.title
            ? { title: content(o.card.title), headingLevel: o.card.title.headingLevel, actions: o.card.actions?.items.map(action) }
            : undefined
        }
        rows={o.rows
          .filter((row) => row !== null && row !== false && row !== "")
          .map((row) => ({
            key: content(row.key),
            value: content(row.value),
            actions: row.actions?.items.map(action),
            noBorder: row.classes === "govuk-summary-list__row--no-border",
          }))}
      />
    );
  },
  skip: {
    attributes: REASON.attributes,
    "actions with attributes": REASON.attributes,
    "key with classes": REASON.classes,
    "actions with classes": REASON.classes,
    "classes on items": REASON.classes,
    "rows with classes": REASON.classes,
    "overridden-widths": "column widths are the design system's: no classes on the key, value or actions",
    "summary card with custom classes": "every summary card of ours has a title; extra classes are not part of our props",
    "summary card with custom attributes": "every summary card of ours has a title; " + REASON.attributes,
    translated: REASON.translated,
  },
});
