// Every govuk-* and moj-* class our components write must be one the design systems style, or one
// govuk-frontend's own examples write (hooks such as govuk-js-character-count): a class renamed or
// dropped by a new release (turquoise → teal in govuk-frontend 6) fails here, including in
// components with no example HTML to compare (grid, heading, key figure…).
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import * as govuk from "@/components/govuk";
import { govukFixtures, renderNormalised } from "@/tests/support/govuk-parity";

const root = path.resolve(import.meta.dirname, "../../..");
const css = [
  "node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.css",
  "node_modules/@ministryofjustice/frontend/moj/moj-frontend.min.css",
]
  .map((file) => readFileSync(path.join(root, file), "utf8"))
  .join("\n");

const componentsDir = path.join(root, "node_modules/govuk-frontend/dist/govuk/components");
const exampleClasses = new Set(
  readdirSync(componentsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((entry) => govukFixtures(entry.name))
    .flatMap((fixture) => [...fixture.html.matchAll(/class="([^"]*)"/g)].flatMap((m) => (m[1] ?? "").split(/\s+/))),
);

function styled(className: string): boolean {
  if (exampleClasses.has(className)) return true;
  // In CSS a "!" in a class name is escaped: .govuk-\!-width-full
  const selector = `.${className.replace(/!/g, "\\!")}`;
  let at = css.indexOf(selector);
  while (at !== -1) {
    const next = css[at + selector.length] ?? "";
    if (!/[\w-]/.test(next)) return true;
    at = css.indexOf(selector, at + 1);
  }
  return false;
}

const colours: govuk.TagColour[] = ["blue", "grey", "green", "teal", "purple", "magenta", "red", "orange", "yellow"];
const widths: govuk.GridColumnWidth[] = ["full", "two-thirds", "one-third", "one-half", "three-quarters", "one-quarter"];

const gallery = (
  <>
    <govuk.GridRow>
      {widths.map((width) => (
        <govuk.GridColumn key={width} width={width}>
          {width}
        </govuk.GridColumn>
      ))}
    </govuk.GridRow>
    {(["xl", "l", "m", "s"] as const).map((size) => (
      <govuk.Heading key={size} level={2} size={size} caption="Caption">
        Heading
      </govuk.Heading>
    ))}
    <govuk.VisuallyHidden>hidden</govuk.VisuallyHidden>
    {colours.map((colour) => (
      <govuk.Tag key={colour} colour={colour}>
        {colour}
      </govuk.Tag>
    ))}
    {["BREACH", "ACTION_DUE", "UNVERIFIED", "ADVISORY", "COMPLIANT", "REMOVED", "RED", "AMBER", "GREEN", "NO_DATA"].map((status) => (
      <govuk.StatusTag key={status} status={status} />
    ))}
    <govuk.KeyFigure label="Devices" value="12" hint="in service" status="RED" href="/devices" headingLevel={2} />
    <govuk.ProgressBar label="Evaluated" value={3} max={4} valueText="3 of 4 devices" />
    <govuk.SubNavigation items={[{ text: "Users", href: "/admin/users", current: true }]} />
    <govuk.Table caption="Sites" head={[{ text: "Name" }]} rows={[["Gatehouse"]]} />
    <govuk.Pagination previousHref="?p=1" nextHref="?p=3" pages={[{ number: 1, href: "?p=1" }, { ellipsis: true }, { number: 2, href: "?p=2", current: true }]} />
    <govuk.Button variant="warning" isStartButton>
      Start
    </govuk.Button>
    <govuk.ButtonGroup>
      <govuk.ButtonLink href="/" variant="secondary">
        Back
      </govuk.ButtonLink>
    </govuk.ButtonGroup>
    <govuk.Select id="s" name="s" label="Choose" fullWidth options={[{ value: "a", text: "A" }]} error="Choose one" />
    <govuk.TextInput id="t" name="t" label="Code" width="10" className="govuk-input--extra-letter-spacing" error="Enter a code" prefix="£" />
    <govuk.CharacterCount id="c" name="c" label="Notes" maxLength={10} error="Too long" />
    <govuk.Radios name="r" legend="Pick" legendSize="m" inline small items={[{ value: "a", text: "A", conditional: <p>more</p> }, { divider: "or" }, { value: "b", text: "B", hint: "b" }]} />
    <govuk.Checkboxes name="c" legend="Pick" legendIsPageHeading small items={[{ value: "a", text: "A" }, { value: "none", text: "None", exclusive: true }]} />
    <govuk.FileUpload id="f" name="f" label="File" error="Select a file" enhanced />
    <govuk.SummaryList noBorder card={{ title: "System", actions: [{ href: "#", text: "Remove" }] }} rows={[{ key: "Name", value: "A", actions: [{ href: "#", text: "Change" }, { href: "#", text: "Delete" }] }, { key: "B", value: "b", noBorder: true }]} />
    <govuk.NotificationBanner type="success" heading="Saved" />
    <govuk.Panel title="Done">Reference</govuk.Panel>
    <govuk.InsetText>Inset</govuk.InsetText>
    <govuk.WarningText>Careful</govuk.WarningText>
    <govuk.Details summary="More">Text</govuk.Details>
    <govuk.BackLink href="/" inverse />
    <govuk.Breadcrumbs collapseOnMobile inverse items={[{ text: "Home", href: "/" }, { text: "Here" }]} />
    <govuk.ErrorSummary errors={[{ href: "#t", text: "Enter a code" }]} description="Fix these" />
  </>
);

describe("design system classes", () => {
  const html = renderNormalised(gallery);
  const classes = [...new Set([...html.matchAll(/class="([^"]*)"/g)].flatMap((m) => (m[1] ?? "").split(" ")))];

  it("renders a broad gallery (so the check below has something to check)", () => {
    expect(classes.filter((c) => c.startsWith("govuk-")).length).toBeGreaterThan(100);
    expect(classes.some((c) => c.startsWith("moj-"))).toBe(true);
  });

  it("styles every app-* class it writes in the service's own stylesheets (app/styles)", () => {
    const ours = readdirSync(path.join(root, "app/styles"))
      .filter((file) => file.endsWith(".scss"))
      .map((file) => readFileSync(path.join(root, "app/styles", file), "utf8"))
      .join("\n");
    // A modifier may come from a Sass loop over the colours (.app-key-figure--#{$name}).
    const loop = (c: string) => c.includes("--") && ours.includes(`.${c.replace(/--.*$/, "")}--#{`);
    const unstyled = classes
      .filter((c) => c.startsWith("app-"))
      .filter((c) => !new RegExp(`\\.${c}(?![\\w-])`).test(ours) && !loop(c));
    expect(unstyled).toEqual([]);
  });

  it("writes only govuk-* and moj-* classes that govuk-frontend 6 and MOJ Frontend style or write themselves", () => {
    const unstyled = classes.filter((c) => (c.startsWith("govuk-") || c.startsWith("moj-")) && !styled(c));
    expect(unstyled).toEqual([]);
  });
});
