import { readFileSync } from "node:fs";
import path from "node:path";
import type { ReactNode } from "react";
import { describe, expect, it } from "vitest";
import { Timeline, type TimelineItem } from "@/components/moj/timeline";
import { normaliseHtml, renderNormalised } from "@/tests/support/govuk-parity";

// MOJ Frontend ships no fixtures, so the expected markup is derived from its template itself:
// each Nunjucks expression is replaced by what it renders for our example. Every replacement must
// find its expression, so a change to the template fails here rather than drifting unseen.
const TEMPLATE = readFileSync(
  path.resolve(import.meta.dirname, "../../../node_modules/@ministryofjustice/frontend/moj/components/timeline/template.njk"),
  "utf8",
);

function replaceOnce(text: string, find: string, by: string): string {
  const at = text.indexOf(find);
  if (at === -1) throw new Error(`The timeline template no longer contains: ${find}`);
  return text.slice(0, at) + by + text.slice(at + find.length);
}

function replaceEvery(text: string, find: string, by: string): string {
  if (!text.includes(find)) throw new Error(`The timeline template no longer contains: ${find}`);
  return text.split(find).join(by);
}

const escape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

interface Example {
  label: string;
  byline?: string;
  timestamp: string;
  date: string;
  /** The description as the template is given it, and as we render it. */
  html: string;
  node: ReactNode;
}

/** What MOJ's template renders for these items (no classes or attributes), heading level 3. */
function fromTemplate(items: readonly Example[], headingLevel: number): string {
  const start = "{%- for item in params.items %}";
  const end = "{% endfor -%}";
  const head = TEMPLATE.slice(0, TEMPLATE.indexOf(start));
  const body = TEMPLATE.slice(TEMPLATE.indexOf(start) + start.length, TEMPLATE.lastIndexOf(end));
  const tail = TEMPLATE.slice(TEMPLATE.lastIndexOf(end) + end.length);
  if (!head || !body || !tail) throw new Error("The timeline template no longer loops over its items");

  let open = replaceOnce(head, `{{- " " + params.classes if params.classes}}`, "");
  open = replaceOnce(open, `{%- for attribute, value in params.attributes %} {{ attribute }}="{{ value }}"{% endfor %}`, "");

  const rendered = items.map((item) => {
    let b = replaceOnce(body, `{{- " " + item.classes if item.classes}}`, "");
    b = replaceOnce(b, `{%- for attribute, value in item.attributes %} {{ attribute }}="{{ value }}"{% endfor %}`, "");
    b = replaceEvery(b, "{{ params.headingLevel | default(2) }}", String(headingLevel));
    b = replaceOnce(b, "{{- item.label.html | safe if item.label.html else item.label.text -}}", escape(item.label));
    const byline = /{% if item\.byline %}([\s\S]*?){% endif %}/.exec(b);
    if (!byline) throw new Error("The timeline template no longer has an optional byline");
    const bylineHtml = item.byline
      ? replaceOnce(byline[1]!, "{{ item.byline.html | safe if item.byline.html else item.byline.text }}", escape(item.byline))
      : "";
    b = b.replace(byline[0], bylineHtml);
    b = replaceOnce(b, "{{ item.datetime.timestamp }}", item.timestamp);
    const date = /{%- if item\.datetime\.type %}[\s\S]*?{% endif -%}/.exec(b);
    if (!date) throw new Error("The timeline template no longer formats the date");
    b = b.replace(date[0], escape(item.date));
    b = replaceOnce(b, "{{- item.html | safe if item.html else item.text -}}", item.html);
    return b;
  });
  return normaliseHtml(open + rendered.join("") + tail);
}

const EXAMPLES: Example[] = [
  {
    label: "Device details changed",
    byline: "editor@ho.example.gov.uk",
    timestamp: "2026-12-01T09:14:00.000Z",
    date: "1 December 2026 at 9:14am",
    html: '<p class="govuk-body">Changed the network &amp; notes.</p>',
    node: <p className="govuk-body">Changed the network &amp; notes.</p>,
  },
  { label: "Device added", timestamp: "2026-11-30T16:00:00.000Z", date: "30 November 2026 at 4:00pm", html: "Added a camera.", node: "Added a camera." },
];

function ours(examples: readonly Example[], headingLevel: 2 | 3): string {
  const items: TimelineItem[] = examples.map((e, i) => ({
    id: String(i),
    label: e.label,
    byline: e.byline,
    datetime: { timestamp: e.timestamp, text: e.date },
    children: e.node,
  }));
  return renderNormalised(<Timeline items={items} headingLevel={headingLevel} />);
}

describe("Timeline (MOJ Frontend)", () => {
  it("renders the markup MOJ's template renders, byline or not", () => {
    expect(ours(EXAMPLES, 3)).toBe(fromTemplate(EXAMPLES, 3));
  });

  it("uses heading level 2 unless told otherwise, as the template does", () => {
    const html = renderNormalised(<Timeline items={[{ id: "a", label: "Added", datetime: { timestamp: "2026-01-01T00:00:00Z", text: "1 January 2026 at 12:00am" } }]} />);
    expect(html).toContain('<h2 class="moj-timeline__title">Added</h2>');
    expect(ours(EXAMPLES.slice(1), 2)).toBe(fromTemplate(EXAMPLES.slice(1), 2));
  });

  it("keeps classes of its own beside MOJ's", () => {
    const html = renderNormalised(<Timeline className="govuk-!-margin-bottom-6" items={[]} aria-label="History" />);
    expect(html).toBe('<div aria-label="History" class="govuk-!-margin-bottom-6 moj-timeline">\n</div>');
  });
});
