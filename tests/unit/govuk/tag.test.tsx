import { describe, expect, it } from "vitest";
import { Tag, type TagColour } from "@/components/govuk/tag";
import { renderNormalised } from "@/tests/support/govuk-parity";
import { content, describeParity, REASON, type TextOrHtml } from "./fixture-parity";

interface TagOptions extends TextOrHtml {
  classes?: string;
}

describeParity<TagOptions>({
  component: "tag",
  render: (o) => {
    const colour = /govuk-tag--([a-z-]+)/.exec(o.classes ?? "")?.[1] as TagColour | undefined;
    return <Tag colour={colour}>{content(o)}</Tag>;
  },
  skip: {
    attributes: REASON.attributes,
  },
});

describe("Tag", () => {
  it("writes no modifier for blue, the tag's own colour in govuk-frontend 6", () => {
    expect(renderNormalised(<Tag colour="blue">Advisory</Tag>)).toBe('<strong class="govuk-tag">Advisory</strong>');
  });
});
