// MOJ Frontend ships no example HTML, so the expected markup is written out from its template
// (moj/components/sub-navigation/template.njk) for the options shown in each test. The template's
// fingerprint is pinned: when MOJ changes it, this fails and the examples must be derived again.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { SubNavigation } from "@/components/govuk/sub-navigation";
import { normaliseHtml, renderNormalised } from "@/tests/support/govuk-parity";

const TEMPLATE = path.resolve(
  import.meta.dirname,
  "../../../node_modules/@ministryofjustice/frontend/moj/components/sub-navigation/template.njk",
);

describe("SubNavigation matches MOJ Frontend's sub navigation", () => {
  it("is compared against the template it was derived from", () => {
    const digest = createHash("sha256").update(readFileSync(TEMPLATE)).digest("hex");
    expect(digest).toBe("961547de5bf4b82c6f1739aa2bbb848fd6a56c2a5e507558f309a96d175513be");
  });

  it("items with the current page marked (label given)", () => {
    // { label: "Administration", items: [{ text: "Users", href: "/admin/users", active: true }, { text: "Policy", href: "/admin/policy" }] }
    const expected = `
      <nav class="moj-sub-navigation" aria-label="Administration">
        <ul class="moj-sub-navigation__list">
          <li class="moj-sub-navigation__item">
            <a class="moj-sub-navigation__link" aria-current="page" href="/admin/users">Users</a>
          </li>
          <li class="moj-sub-navigation__item">
            <a class="moj-sub-navigation__link" href="/admin/policy">Policy</a>
          </li>
        </ul>
      </nav>`;
    expect(
      renderNormalised(
        <SubNavigation
          label="Administration"
          items={[
            { text: "Users", href: "/admin/users", current: true },
            { text: "Policy", href: "/admin/policy" },
          ]}
        />,
      ),
    ).toBe(normaliseHtml(expected));
  });

  it("the template's own label when none is given", () => {
    // { items: [{ text: "Details", href: "/x" }] }
    const expected = `
      <nav class="moj-sub-navigation" aria-label="Secondary navigation region">
        <ul class="moj-sub-navigation__list">
          <li class="moj-sub-navigation__item"><a class="moj-sub-navigation__link" href="/x">Details</a></li>
        </ul>
      </nav>`;
    expect(renderNormalised(<SubNavigation items={[{ text: "Details", href: "/x" }]} />)).toBe(normaliseHtml(expected));
  });
});
