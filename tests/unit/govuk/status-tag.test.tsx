// Status tags have no govuk-frontend example of their own: they are govuk-frontend's tag with the
// service's words and colours, so they are held to the tag's markup for the colour they use.
import { describe, expect, it } from "vitest";
import { STATUS_PRESENTATION, StatusTag } from "@/components/govuk/status-tag";
import { govukFixtures, normaliseHtml, renderNormalised } from "@/tests/support/govuk-parity";

describe("StatusTag", () => {
  const tagExamples = govukFixtures("tag");

  for (const [status, { colour, text }] of Object.entries(STATUS_PRESENTATION)) {
    it(`${status}: “${text}” in govuk-frontend's ${colour} tag`, () => {
      const example = tagExamples.find((f) =>
        colour === "blue" ? f.name === "default" : f.options.classes === `govuk-tag--${colour}`,
      );
      if (!example) throw new Error(`govuk-frontend has no ${colour} tag`);
      const expected = normaliseHtml(example.html).replace(/>[^<]*</, `>${text}<`);
      expect(renderNormalised(<StatusTag status={status} />)).toBe(expected);
    });
  }

  it("shows an unknown status in words on grey rather than hiding it", () => {
    expect(renderNormalised(<StatusTag status="PENDING" />)).toBe('<strong class="govuk-tag govuk-tag--grey">PENDING</strong>');
  });
});
