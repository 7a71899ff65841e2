import { readFileSync } from "node:fs";
import path from "node:path";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Filter, FilterLayout, type SelectedFilters } from "@/components/moj/filter";
import { govukFixture, normaliseHtml, renderNormalised } from "@/tests/support/govuk-parity";

// MOJ Frontend ships no fixtures, so the expected markup is derived from its filter template
// itself: each Nunjucks expression is replaced by what it renders for our example. Every
// replacement must find its expression, so a change to the template fails here rather than
// drifting unseen.
const TEMPLATE = readFileSync(
  path.resolve(import.meta.dirname, "../../../node_modules/@ministryofjustice/frontend/moj/components/filter/template.njk"),
  "utf8",
);

function replaceOnce(text: string, find: string, by: string): string {
  const at = text.indexOf(find);
  if (at === -1) throw new Error(`The filter template no longer contains: ${find}`);
  return text.slice(0, at) + by + text.slice(at + find.length);
}

/** The text between two markers (exclusive), and the template with that span (markers included) replaced. */
function cut(text: string, start: string, end: string, by: (inner: string) => string): string {
  const from = text.indexOf(start);
  const to = text.indexOf(end, from + start.length);
  if (from === -1 || to === -1) throw new Error(`The filter template no longer has ${start} … ${end}`);
  return text.slice(0, from) + by(text.slice(from + start.length, to)) + text.slice(to + end.length);
}

const escape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** govuk-frontend's own button example, with our words: what the template's govukButton() call renders. */
function govukButton(text: string): string {
  const fixture = govukFixture("button", "default");
  return fixture.html.replace(String(fixture.options.text), escape(text));
}

const OPTIONS_HTML = '<div class="govuk-form-group"><label class="govuk-label" for="q">Search</label><input class="govuk-input" id="q" name="q" type="text"></div>';

function fromTemplate(selected: SelectedFilters | null): string {
  let t = TEMPLATE;
  t = replaceOnce(t, '{% from "govuk/components/button/macro.njk" import govukButton %}', "");
  t = replaceOnce(t, '{%- for attribute, value in params.attributes %} {{ attribute }}="{{ value }}"{% endfor %}', "");
  t = replaceOnce(t, "{{ params.heading.html | safe if params.heading.html else params.heading.text }}", "Filter");
  t = replaceOnce(t, "{# <button class=\"moj-filter__close\" type=\"button\">Close</button> #}", "");
  t = cut(t, "{% if params.selectedFilters %}", "{% endif %}", (inner) => {
    if (!selected) return "";
    let s = replaceOnce(inner, "{{ params.selectedFilters.heading.html | safe if params.selectedFilters.heading.html else params.selectedFilters.heading.text }}", "Selected filters");
    s = replaceOnce(s, "{{params.selectedFilters.clearLink.href}}", escape(selected.clearLink.href));
    s = replaceOnce(s, "{{params.selectedFilters.clearLink.text}}", escape(selected.clearLink.text ?? ""));
    // The categories' loop holds the items' loop: its end is the second {% endfor %}.
    const loop = "{% for category in params.selectedFilters.categories %}";
    const from = s.indexOf(loop);
    const to = s.indexOf("{% endfor %}", s.indexOf("{% endfor %}", from) + 1);
    if (from === -1 || to === -1) throw new Error("The filter template no longer loops over categories and their items");
    const category = s.slice(from + loop.length, to);
    const rendered = selected.categories.map((c) => {
      const heading = replaceOnce(category, "{{ category.heading.html | safe if category.heading.html else category.heading.text }}", escape(c.heading));
      return cut(heading, "{% for item in category.items %}", "{% endfor %}", (item) =>
        c.items.map((i) => replaceOnce(replaceOnce(item, "{{item.href}}", escape(i.href)), "{{item.text}}", escape(i.text))).join(""),
      );
    });
    return s.slice(0, from) + rendered.join("") + s.slice(to + "{% endfor %}".length);
  });
  t = cut(t, "{{ govukButton({", "}) }}", () => govukButton("Apply filters"));
  t = replaceOnce(t, "{{params.optionsHtml | safe}}", OPTIONS_HTML);
  return normaliseHtml(t);
}

const SELECTED: SelectedFilters = {
  clearLink: { text: "Clear filters", href: "/sites?sort=code" },
  categories: [
    { heading: "Sensitivity", items: [{ text: "Sensitive", href: "/sites?sort=code&status=RED" }] },
    {
      heading: "Status",
      items: [
        { text: "Red: breach", href: "/sites?sensitivity=SENSITIVE&sort=code" },
        { text: "Search “depot & co”", href: "/sites?q=x&a=1" },
      ],
    },
  ],
};

function ours(selected: SelectedFilters | null) {
  return renderNormalised(
    <Filter selectedFilters={selected}>
      <div className="govuk-form-group">
        <label className="govuk-label" htmlFor="q">
          Search
        </label>
        <input className="govuk-input" id="q" name="q" type="text" />
      </div>
    </Filter>,
  );
}

describe("Filter (MOJ Frontend)", () => {
  it("renders the markup MOJ's template renders, with selected filters and their remove links", () => {
    expect(ours(SELECTED)).toBe(fromTemplate(SELECTED));
  });

  it("leaves out the selected filters block when nothing is selected, as the template does when it is not given", () => {
    expect(ours(null)).toBe(fromTemplate(null));
    expect(ours({ ...SELECTED, categories: [] })).toBe(fromTemplate(null));
  });

  it("puts a space between the title and the action, which MOJ's justify layout needs to push them apart", () => {
    // normaliseHtml drops whitespace, so this is checked on the raw markup.
    const html = renderToStaticMarkup(<Filter selectedFilters={SELECTED}>{null}</Filter>);
    expect(html).toMatch(/<\/div> <div class="moj-filter__header-action">/);
    expect(html).toMatch(/<\/div> <div class="moj-filter__heading-action">/);
  });

  it("sits in MOJ's filter layout, beside the list, with the action bar MOJ's toggle fills", () => {
    const html = renderNormalised(
      <FilterLayout filter={<p>filter</p>}>
        <p>list</p>
      </FilterLayout>,
    );
    expect(html).toBe(
      normaliseHtml(
        '<div class="moj-filter-layout"><div class="moj-filter-layout__filter"><p>filter</p></div><div class="moj-filter-layout__content"><div class="moj-action-bar"><div class="moj-action-bar__filter"></div></div><p>list</p></div></div>',
      ),
    );
  });
});
