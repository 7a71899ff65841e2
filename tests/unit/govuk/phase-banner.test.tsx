import { describe, expect, it } from "vitest";
import { PhaseBanner } from "@/components/govuk/phase-banner";
import { govukFixtures, normaliseHtml, renderNormalised, type Fixture } from "@/tests/support/govuk-parity";
import { htmlNodes } from "@/tests/unit/govuk/html-nodes";

const SKIPPED: Record<string, string> = {
  text: "the tag always names the phase (Alpha or Beta); this example has an empty tag",
  classes: "an empty tag, as in 'text'",
  "html as text": "an empty tag, as in 'text'",
  attributes: "no arbitrary attributes",
  "tag html": "the tag is the phase's name in words, not HTML",
};

const fixtures = govukFixtures("phase-banner");
const supported = fixtures.filter((f) => !(f.name in SKIPPED));

function render(options: Record<string, unknown>) {
  const tag = (options.tag ?? {}) as { text?: "Alpha" | "Beta"; classes?: string };
  return (
    <PhaseBanner phase={tag.text} tagClasses={tag.classes} classes={options.classes as string | undefined}>
      {typeof options.html === "string" ? htmlNodes(options.html) : (options.text as string)}
    </PhaseBanner>
  );
}

describe("PhaseBanner matches govuk-frontend's markup", () => {
  it("skips exactly the examples listed, so a new one shows up here", () => {
    expect(Object.keys(SKIPPED).filter((name) => !fixtures.some((f) => f.name === name))).toEqual([]);
    expect(supported.map((f) => f.name)).toEqual(["default", "tag classes"]);
  });

  it.each(supported.map((f): [string, Fixture] => [f.name, f]))("%s", (_name, fixture) => {
    expect(renderNormalised(render(fixture.options))).toBe(normaliseHtml(fixture.html));
  });

  it("keeps extra classes with the design system's own", () => {
    const fixture = fixtures.find((f) => f.name === "tag classes")!;
    const withClasses = normaliseHtml(fixture.html).replace('class="govuk-phase-banner', 'class="app-x govuk-phase-banner');
    expect(renderNormalised(<PhaseBanner phase="Alpha" tagClasses="govuk-tag--grey" classes="app-x">{String(fixture.options.text)}</PhaseBanner>)).toBe(withClasses);
  });
});
