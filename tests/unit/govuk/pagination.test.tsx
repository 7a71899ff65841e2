import { describe, expect, it } from "vitest";
import { Pagination, type PaginationItem } from "@/components/govuk/pagination";
import { renderNormalised } from "@/tests/support/govuk-parity";
import { content, describeParity, REASON, type TextOrHtml } from "./fixture-parity";

interface Link extends TextOrHtml {
  href: string;
  labelText?: string;
}

interface PaginationOptions {
  previous?: Link;
  next?: Link;
  items?: ({ number?: number | string; href?: string; current?: boolean; ellipsis?: boolean; visuallyHiddenText?: string } | null)[];
  landmarkLabel?: string;
}

describeParity<PaginationOptions>({
  component: "pagination",
  render: (o) => (
    <Pagination
      previousHref={o.previous?.href}
      nextHref={o.next?.href}
      previousText={o.previous?.text || o.previous?.html ? content(o.previous) : undefined}
      nextText={o.next?.text || o.next?.html ? content(o.next) : undefined}
      previousLabel={o.previous?.labelText}
      nextLabel={o.next?.labelText}
      label={o.landmarkLabel}
      pages={(o.items ?? []).map(
        (item): PaginationItem =>
          item?.ellipsis
            ? { ellipsis: true }
            : { number: item?.number ?? "", href: item?.href ?? "", current: item?.current, label: item?.visuallyHiddenText },
      )}
    />
  ),
  skip: {
    "with custom classes": REASON.classes,
    "with custom attributes": REASON.attributes,
    "with empty items": "our pages are a typed list: every item is a page or an ellipsis",
  },
});

describe("Pagination", () => {
  it("renders nothing for a single page", () => {
    expect(renderNormalised(<Pagination pages={[{ number: 1, href: "?page=1", current: true }]} />)).toBe("");
  });
});
