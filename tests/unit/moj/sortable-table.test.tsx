import { readFileSync } from "node:fs";
import path from "node:path";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { SortArrow, SortableTable, type AriaSort } from "@/components/moj/sortable-table";
import { normaliseHtml, renderNormalised } from "@/tests/support/govuk-parity";

// MOJ Frontend's sortable table has no template: its script turns each th[aria-sort] into a
// button holding the heading's text and an arrow. Our headers are that markup drawn on the server,
// each button submitting a GET form; the arrows are compared with the ones in MOJ's script.
const SCRIPT = readFileSync(
  path.resolve(import.meta.dirname, "../../../node_modules/@ministryofjustice/frontend/moj/components/sortable-table/sortable-table.mjs"),
  "utf8",
);

function mojArrow(name: "$upArrow" | "$downArrow" | "$upDownArrow"): string {
  const match = new RegExp(`this\\.\\${name} = \`([\\s\\S]*?)\`;`).exec(SCRIPT);
  if (!match) throw new Error(`MOJ's sortable table script no longer draws ${name}`);
  return normaliseHtml(match[1]!);
}

const ARROWS: [AriaSort, "$upArrow" | "$downArrow" | "$upDownArrow"][] = [
  ["ascending", "$upArrow"],
  ["descending", "$downArrow"],
  ["none", "$upDownArrow"],
];

function table() {
  return (
    <SortableTable
      caption="Sites"
      action="/sites"
      firstCellIsHeader
      columns={[
        { text: "Site", sort: { state: "ascending", query: { dir: "desc", q: "depot & co" } } },
        { text: "Code", sort: { state: "none", query: { sort: "code", q: "depot & co" } } },
        { text: "Notes" },
        { text: "Devices", numeric: true, sort: { state: "descending", query: { sort: "devices" } } },
      ]}
      cellClassNames={{ 1: "whitespace-nowrap" }}
      rows={[["Alexander Depot", "HO-0050", "", 32]]}
    />
  );
}

describe("SortableTable (MOJ Frontend's sortable headers, sorted on the server)", () => {
  it("draws MOJ's arrows for each direction", () => {
    for (const [state, name] of ARROWS) expect(renderNormalised(<SortArrow state={state} />), state).toBe(mojArrow(name));
  });

  it("puts aria-sort on each sortable header and, inside it, a button that submits the sort with the filters", () => {
    const html = renderNormalised(table());
    const arrow = (name: "$upArrow" | "$downArrow" | "$upDownArrow") => mojArrow(name);
    expect(html).toContain(
      normaliseHtml(
        `<th scope="col" class="govuk-table__header" aria-sort="ascending"><form method="get" action="/sites"><input type="hidden" name="dir" value="desc"><input type="hidden" name="q" value="depot &amp; co"><button type="submit">Site${arrow("$upArrow")}</button></form></th>`,
      ),
    );
    expect(html).toContain(
      normaliseHtml(
        `<th scope="col" class="govuk-table__header" aria-sort="none"><form method="get" action="/sites"><input type="hidden" name="sort" value="code"><input type="hidden" name="q" value="depot &amp; co"><button type="submit">Code${arrow("$upDownArrow")}</button></form></th>`,
      ),
    );
    expect(html).toContain(
      normaliseHtml(
        `<th scope="col" class="govuk-table__header govuk-table__header--numeric" aria-sort="descending"><form method="get" action="/sites"><input type="hidden" name="sort" value="devices"><button type="submit">Devices${arrow("$downArrow")}</button></form></th>`,
      ),
    );
    expect(html).toContain(normaliseHtml('<th scope="col" class="govuk-table__header">Notes</th>'));
  });

  it("is not handed to MOJ's own script, which would sort only the page it has", () => {
    const html = renderToStaticMarkup(table());
    expect(html).not.toContain("data-module");
    // Screen readers are told what MOJ's script would tell them.
    expect(html).toContain('<span class="govuk-visually-hidden"> (column headers with buttons are sortable).</span>');
  });

  it("renders rows as the design system's table does, with a row header and numeric cells", () => {
    const html = renderNormalised(table());
    expect(html).toContain(
      normaliseHtml(
        '<tr class="govuk-table__row"><th scope="row" class="govuk-table__header">Alexander Depot</th><td class="govuk-table__cell whitespace-nowrap">HO-0050</td><td class="govuk-table__cell"></td><td class="govuk-table__cell govuk-table__cell--numeric">32</td></tr>',
      ),
    );
  });
});
