import { describe, expect, it } from "vitest";
import { ServiceNavigation, type ServiceNavigationProps } from "@/components/govuk/service-navigation";
import { govukFixtures, normaliseHtml, renderNormalised, type Fixture } from "@/tests/support/govuk-parity";
import { htmlNodes } from "@/tests/unit/govuk/html-nodes";

// Examples our component does not offer, each with the reason.
const SKIPPED: Record<string, string> = {
  "with HTML navigation items": "navigation items are plain text",
  "with non-link navigation items": "one item is HTML; navigation items are plain text",
  attributes: "no arbitrary attributes",
};

type SlotOption = string | { html: string; align?: string } | undefined;
type ItemOption = { href?: string; text?: string; current?: boolean; active?: boolean } | null | false;

function slotHtml(slot: SlotOption): string | undefined {
  return typeof slot === "string" ? slot : slot?.html;
}

/** The macro's options as our props: the mapping a caller would write. */
function propsFor(options: Record<string, unknown>): ServiceNavigationProps {
  const slots = (options.slots ?? {}) as Record<string, SlotOption>;
  const end = slotHtml(slots.end);
  return {
    serviceName: options.serviceName as string | undefined,
    serviceUrl: options.serviceUrl as string | undefined,
    navigation: ((options.navigation ?? []) as ItemOption[]).map((item) =>
      item ? { href: item.href, text: item.text ?? "", current: item.current, active: item.active } : item,
    ),
    ariaLabel: options.ariaLabel as string | undefined,
    menuButtonText: options.menuButtonText as string | undefined,
    menuButtonLabel: options.menuButtonLabel as string | undefined,
    navigationLabel: options.navigationLabel as string | undefined,
    navigationId: options.navigationId as string | undefined,
    navigationClasses: options.navigationClasses as string | undefined,
    collapseNavigationOnMobile: options.collapseNavigationOnMobile as boolean | undefined,
    classes: options.classes as string | undefined,
    slots: {
      start: slotHtml(slots.start) ? htmlNodes(slotHtml(slots.start)!) : undefined,
      end: end ? htmlNodes(end) : undefined,
      endInline: typeof slots.end === "object" && slots.end.align === "inline",
      navigationStart: slotHtml(slots.navigationStart) ? htmlNodes(slotHtml(slots.navigationStart)!) : undefined,
      navigationEnd: slotHtml(slots.navigationEnd) ? htmlNodes(slotHtml(slots.navigationEnd)!) : undefined,
    },
  };
}

const fixtures = govukFixtures("service-navigation");
const supported = fixtures.filter((f) => !(f.name in SKIPPED));

describe("ServiceNavigation matches govuk-frontend's markup", () => {
  it("skips exactly the examples listed, so a new one shows up here", () => {
    expect(Object.keys(SKIPPED).filter((name) => !fixtures.some((f) => f.name === name))).toEqual([]);
    expect(supported.length).toBeGreaterThan(25);
  });

  it.each(supported.map((f): [string, Fixture] => [f.name, f]))("%s", (_name, fixture) => {
    expect(renderNormalised(<ServiceNavigation {...propsFor(fixture.options)} />)).toBe(normaliseHtml(fixture.html));
  });
});
