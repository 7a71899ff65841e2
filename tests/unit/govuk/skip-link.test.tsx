import { describe, expect, it } from "vitest";
import { SkipLink } from "@/components/govuk/skip-link";
import { govukFixtures, normaliseHtml, renderNormalised, type Fixture } from "@/tests/support/govuk-parity";
import { htmlNodes } from "@/tests/unit/govuk/html-nodes";

const SKIPPED: Record<string, string> = {
  attributes: "no arbitrary attributes",
};

// Our default target is MainWrapper's id, not the macro's: examples without an href pass the
// macro's default explicitly.
const MACRO_DEFAULT_HREF = "#content";

const fixtures = govukFixtures("skip-link");
const supported = fixtures.filter((f) => !(f.name in SKIPPED));

describe("SkipLink matches govuk-frontend's markup", () => {
  it("skips exactly the examples listed, so a new one shows up here", () => {
    expect(Object.keys(SKIPPED).filter((name) => !fixtures.some((f) => f.name === name))).toEqual([]);
    expect(supported.length).toBe(8);
  });

  it.each(supported.map((f): [string, Fixture] => [f.name, f]))("%s", (_name, fixture) => {
    const { href, text, html, classes } = fixture.options as Record<string, string | undefined>;
    const link = (
      <SkipLink href={href ?? MACRO_DEFAULT_HREF} classes={classes}>
        {html ? htmlNodes(html) : text}
      </SkipLink>
    );
    expect(renderNormalised(link)).toBe(normaliseHtml(fixture.html));
  });

  it("points at the main content by default", () => {
    expect(renderNormalised(<SkipLink />)).toContain('href="#main-content"');
  });
});
