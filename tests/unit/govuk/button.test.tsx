import { describe, expect, it } from "vitest";
import { Button, ButtonGroup, ButtonLink, type ButtonVariant } from "@/components/govuk/button";
import { renderNormalised } from "@/tests/support/govuk-parity";
import { content, describeParity, modifier, REASON, type TextOrHtml } from "./fixture-parity";

interface ButtonOptions extends TextOrHtml {
  href?: string;
  classes?: string;
  name?: string;
  value?: string;
  type?: "submit" | "button";
  id?: string;
  disabled?: boolean;
  isStartButton?: boolean;
  preventDoubleClick?: boolean;
}

describeParity<ButtonOptions>({
  component: "button",
  render: (o) => {
    const variant = modifier<ButtonVariant>(o.classes, "govuk-button");
    const children = content(o);
    if (o.href) {
      return (
        <ButtonLink href={o.href} variant={variant.value} isStartButton={o.isStartButton} id={o.id} className={variant.rest}>
          {/* The macro wraps a start button's HTML in a span (flexbox drops the spaces between
              elements); with React children that wrapping is the caller's to do. */}
          {o.isStartButton && o.html ? <span>{children}</span> : children}
        </ButtonLink>
      );
    }
    return (
      <Button
        variant={variant.value}
        className={variant.rest}
        type={o.type}
        name={o.name}
        value={o.value}
        id={o.id}
        disabled={o.disabled}
        isStartButton={o.isStartButton}
        preventDoubleClick={o.preventDoubleClick}
      >
        {children}
      </Button>
    );
  },
  skip: {
    attributes: REASON.attributes,
    "link attributes": REASON.attributes,
  },
});

describe("ButtonLink and ButtonGroup", () => {
  it("marks a download link as one, keeping the button's role and module", () => {
    expect(renderNormalised(<ButtonLink href="/x.csv" variant="secondary" download>Download</ButtonLink>)).toBe(
      '<a class="govuk-button govuk-button--secondary" data-module="govuk-button" download="" draggable="false" href="/x.csv" role="button">Download</a>',
    );
  });

  it("groups buttons in govuk-button-group", () => {
    expect(renderNormalised(<ButtonGroup><Button>Save</Button></ButtonGroup>)).toBe(
      '<div class="govuk-button-group">\n<button class="govuk-button" data-module="govuk-button" type="submit">Save</button>\n</div>',
    );
  });
});
