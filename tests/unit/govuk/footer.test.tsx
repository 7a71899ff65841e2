import { parseFragment, serialize, type DefaultTreeAdapterMap } from "parse5";
import { describe, expect, it } from "vitest";
import { Footer, type FooterProps } from "@/components/govuk/footer";
import { govukFixtures, normaliseHtml, renderNormalised, type Fixture } from "@/tests/support/govuk-parity";
import { htmlNodes } from "@/tests/unit/govuk/html-nodes";

// The service is not on GOV.UK and its data is not published under the Open Government Licence, so
// our footer leaves out, on purpose, the crown and the licence statement: the design system's
// example is compared with those removed, and everything else must be identical.
const LEFT_OUT = ["govuk-footer__crown", "govuk-footer__licence-logo", "govuk-footer__licence-description"];

const SKIPPED: Record<string, string> = {
  "with default width navigation (one column)": "no footer navigation sections",
  "with default width navigation (two columns)": "no footer navigation sections",
  "with navigation": "no footer navigation sections",
  "Full GDS example": "no footer navigation sections",
  "Three equal columns": "no footer navigation sections",
  "with empty navigation": "no footer navigation sections",
  "with navigation item attributes": "no footer navigation sections",
  attributes: "no arbitrary attributes",
  "with meta item attributes": "no arbitrary attributes",
};

type ParentNode = DefaultTreeAdapterMap["parentNode"];

function withoutLeftOut(node: ParentNode): void {
  node.childNodes = node.childNodes.filter((child) => {
    if (!("tagName" in child)) return true;
    const classes = child.attrs.find((a) => a.name === "class")?.value.split(/\s+/) ?? [];
    if (classes.some((c) => LEFT_OUT.includes(c))) return false;
    withoutLeftOut(child);
    return true;
  });
}

function expectedHtml(fixture: Fixture): string {
  const fragment = parseFragment(fixture.html);
  withoutLeftOut(fragment);
  return normaliseHtml(serialize(fragment));
}

type TextOrHtml = { text?: string; html?: string } | undefined;

function content(option: TextOrHtml) {
  if (!option) return undefined;
  return option.html ? htmlNodes(option.html) : option.text;
}

function propsFor(options: Record<string, unknown>): FooterProps {
  const meta = options.meta as ({ items?: { href: string; text: string }[]; visuallyHiddenTitle?: string } & TextOrHtml) | undefined;
  return {
    meta: meta ? { items: meta.items, visuallyHiddenTitle: meta.visuallyHiddenTitle, content: content(meta) } : undefined,
    copyright: content(options.copyright as TextOrHtml),
    containerClasses: options.containerClasses as string | undefined,
    classes: options.classes as string | undefined,
  };
}

const fixtures = govukFixtures("footer");
const supported = fixtures.filter((f) => !(f.name in SKIPPED));

describe("Footer matches govuk-frontend's markup, less the crown and the licence", () => {
  it("skips exactly the examples listed, so a new one shows up here", () => {
    expect(Object.keys(SKIPPED).filter((name) => !fixtures.some((f) => f.name === name))).toEqual([]);
    expect(supported.length).toBeGreaterThan(10);
  });

  it("leaves out what it says it leaves out, and nothing else of the example", () => {
    const fixture = fixtures.find((f) => f.name === "default")!;
    for (const name of LEFT_OUT) expect(fixture.html).toContain(name);
    for (const name of LEFT_OUT) expect(renderNormalised(<Footer />)).not.toContain(name);
  });

  it.each(supported.map((f): [string, Fixture] => [f.name, f]))("%s", (_name, fixture) => {
    expect(renderNormalised(<Footer {...propsFor(fixture.options)} />)).toBe(expectedHtml(fixture));
  });
});
