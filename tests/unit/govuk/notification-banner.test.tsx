import { describe, expect, it } from "vitest";
import { NotificationBanner } from "@/components/govuk/notification-banner";
import { renderNormalised } from "@/tests/support/govuk-parity";
import { content, describeParity, htmlToReact, REASON } from "./fixture-parity";

interface NotificationBannerOptions {
  type?: "success";
  text?: string;
  html?: string;
  titleText?: string;
  titleHtml?: string;
  titleHeadingLevel?: 2 | 3;
  titleId?: string;
  disableAutoFocus?: boolean;
}

describeParity<NotificationBannerOptions>({
  component: "notification-banner",
  render: (o) => (
    <NotificationBanner
      type={o.type}
      title={content({ text: o.titleText, html: o.titleHtml })}
      titleHeadingLevel={o.titleHeadingLevel}
      // Ours defaults to an id unique to the banner; the examples use the design system's fixed one.
      titleId={o.titleId ?? "govuk-notification-banner-title"}
      autoFocus={o.disableAutoFocus === undefined ? undefined : !o.disableAutoFocus}
      heading={o.html ? undefined : o.text}
    >
      {o.html ? htmlToReact(o.html) : null}
    </NotificationBanner>
  ),
  skip: {
    classes: REASON.classes,
    attributes: REASON.attributes,
    "custom tabindex": REASON.attributes,
    "custom role": "the role follows the type (region, or alert for success), as the design system advises",
    "role=alert overridden to role=region, with type as success":
      "the role follows the type (region, or alert for success), as the design system advises",
    "with invalid type": "the type is checked by TypeScript: important or success",
  },
});

describe("NotificationBanner", () => {
  it("labels each banner by its own title, so two on one page do not share an id", () => {
    const html = renderNormalised(
      <>
        <NotificationBanner title="One" />
        <NotificationBanner title="Two" />
      </>,
    );
    const ids = [...html.matchAll(/aria-labelledby="([^"]+)"/g)].map((m) => m[1]);
    expect(ids).toHaveLength(2);
    expect(new Set(ids).size).toBe(2);
    for (const id of ids) expect(html).toContain(`id="${id}"`);
  });
});
