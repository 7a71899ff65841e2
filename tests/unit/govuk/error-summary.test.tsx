import { describe, expect, it } from "vitest";
import { ErrorSummary } from "@/components/govuk/error-summary";
import { renderNormalised } from "@/tests/support/govuk-parity";
import { content, describeParity, REASON, type TextOrHtml } from "./fixture-parity";

interface ErrorSummaryOptions {
  titleText?: string;
  titleHtml?: string;
  descriptionText?: string;
  descriptionHtml?: string;
  errorList?: (TextOrHtml & { href?: string })[];
  classes?: string;
}

const EMPTY = "a summary with neither problems nor a description is never shown (ours renders nothing)";

describeParity<ErrorSummaryOptions>({
  component: "error-summary",
  render: (o) => (
    <ErrorSummary
      title={content({ text: o.titleText, html: o.titleHtml })}
      description={content({ text: o.descriptionText, html: o.descriptionHtml })}
      errors={(o.errorList ?? []).map((item) => ({ href: item.href, text: content(item) }))}
    />
  ),
  skip: {
    classes: REASON.classes,
    attributes: REASON.attributes,
    "error list with attributes": REASON.attributes,
    "autofocus disabled": EMPTY,
    "autofocus explicitly enabled": EMPTY,
  },
});

describe("ErrorSummary", () => {
  it("renders nothing when there is no problem to report", () => {
    expect(renderNormalised(<ErrorSummary errors={[]} />)).toBe("");
  });

  it("tells govuk-frontend's script not to move focus when asked not to", () => {
    expect(renderNormalised(<ErrorSummary autoFocus={false} errors={[{ text: "Enter a name", href: "#name" }]} />)).toContain(
      'data-disable-auto-focus="true"',
    );
  });
});
