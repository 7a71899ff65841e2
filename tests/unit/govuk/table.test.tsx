import { describe, expect, it } from "vitest";
import { Table } from "@/components/govuk/table";
import { renderNormalised } from "@/tests/support/govuk-parity";
import { content, describeParity, firstElement, type TextOrHtml } from "./fixture-parity";

interface Cell extends TextOrHtml {
  format?: "numeric";
}

interface TableOptions {
  caption?: string;
  captionClasses?: string;
  firstCellIsHeader?: boolean;
  head?: Cell[];
  rows: Cell[][];
}

const CAPTION = "every table of ours has a caption and a header row (it names the table's scrolling region too)";

describeParity<TableOptions>({
  component: "table",
  render: (o) => {
    if (!o.caption || !o.head) throw new Error(CAPTION);
    const size = /govuk-table__caption--(s|m|l|xl)/.exec(o.captionClasses ?? "")?.[1] as "s" | "m" | "l" | "xl" | undefined;
    return (
      <Table
        caption={o.caption}
        captionSize={size}
        firstCellIsHeader={o.firstCellIsHeader}
        head={o.head.map((cell) => ({ text: content(cell), numeric: cell.format === "numeric" }))}
        rows={o.rows.map((row) => row.map((cell) => content(cell)))}
        numericColumns={o.rows[0]?.flatMap((cell, index) => (cell.format === "numeric" ? [index] : []))}
      />
    );
  },
  // Ours wraps the table in a focusable scrolling region (below); the design system's is the table.
  pick: firstElement("table"),
  skip: {
    default: CAPTION,
    "with head": CAPTION,
    classes: CAPTION,
    attributes: CAPTION,
    "html as text": CAPTION,
    html: CAPTION,
    "head with classes": CAPTION,
    "head with rowspan and colspan": CAPTION,
    "head with attributes": CAPTION,
    "with firstCellIsHeader true": CAPTION,
    "firstCellIsHeader with classes": CAPTION,
    "firstCellIsHeader with html": CAPTION,
    "firstCellIsHeader with html as text": CAPTION,
    "firstCellIsHeader with rowspan and colspan": CAPTION,
    "firstCellIsHeader with attributes": CAPTION,
    "with falsy items": CAPTION,
    "rows with classes": CAPTION,
    "rows with rowspan and colspan": CAPTION,
    "rows with attributes": CAPTION,
    "with small text modifier for tables with a lot of data": CAPTION,
  },
});

describe("Table", () => {
  it("puts a wide table in a focusable region named by its caption, so keyboard users can scroll it", () => {
    const html = renderNormalised(<Table caption="Sites" head={[{ text: "Name" }]} rows={[["Gatehouse"]]} />);
    expect(html.split("\n")[0]).toBe('<div aria-label="Sites" class="app-table-wrapper" role="region" tabindex="0">');
  });

  it("says so in one full-width row when there are no rows", () => {
    const html = renderNormalised(<Table caption="Sites" head={[{ text: "Name" }, { text: "Code" }]} rows={[]} emptyText="No sites" />);
    expect(html).toContain('<td class="govuk-table__cell" colspan="2">No sites</td>');
  });
});
