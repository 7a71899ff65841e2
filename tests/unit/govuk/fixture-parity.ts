// One shape for every parity test: each example govuk-frontend ships for a component is rendered
// through our component and compared, except the ones a test names as unsupported, each with its
// reason. A fixture added by a later govuk-frontend is compared automatically (and fails until our
// component or the skip list says what to do with it); a skip naming no fixture fails too.
import { createElement, Fragment, type ReactElement, type ReactNode } from "react";
import { parseFragment, type DefaultTreeAdapterMap } from "parse5";
import { describe, expect, it } from "vitest";
import { govukFixtures, normaliseHtml, renderNormalised, type Fixture } from "@/tests/support/govuk-parity";

type Node = DefaultTreeAdapterMap["node"];

export interface ParitySuite<O> {
  /** The folder under node_modules/govuk-frontend/dist/govuk/components. */
  component: string;
  /** Our component for one example, its Nunjucks macro options mapped onto our props. */
  render: (options: O, fixture: Fixture) => ReactElement;
  /** Fixture name → one line saying why our component deliberately does not support it. */
  skip: Readonly<Record<string, string>>;
  /** The part of our markup that corresponds to the design system's (default: all of it). */
  pick?: (html: string) => string;
  /** Title for the describe block (default: "<component> matches govuk-frontend's markup"). */
  title?: string;
}

export function describeParity<O>({ component, render, skip, pick, title }: ParitySuite<O>): void {
  const fixtures = govukFixtures(component);
  describe(title ?? `${component} matches govuk-frontend's markup`, () => {
    it("skips only examples the design system ships, each with a reason, and compares all the others", () => {
      const names = fixtures.map((f) => f.name);
      expect(new Set(names).size).toBe(names.length);
      for (const [name, reason] of Object.entries(skip)) {
        expect(names, `skip list names "${name}", which govuk-frontend does not ship`).toContain(name);
        expect(reason.trim().length, `no reason given for skipping "${name}"`).toBeGreaterThan(10);
      }
      const compared = names.filter((name) => !Object.hasOwn(skip, name));
      expect(compared.length + Object.keys(skip).length).toBe(names.length);
      expect(compared.length).toBeGreaterThan(0);
    });

    for (const fixture of fixtures) {
      if (Object.hasOwn(skip, fixture.name)) continue;
      it(fixture.name, () => {
        const ours = renderNormalised(render(fixture.options as O, fixture));
        expect(canonicalStyles(pick ? normaliseHtml(pick(ours)) : ours)).toBe(canonicalStyles(normaliseHtml(fixture.html)));
      });
    }
  });
}

// React writes an inline style as "a:b", the examples as "a: b;": the same declarations.
function canonicalStyles(html: string): string {
  return html.replace(/ style="([^"]*)"/g, (_, css: string) => ` style="${css.replace(/\s*([:;])\s*/g, "$1").replace(/;$/, "")}"`);
}

/** The `{ text }` / `{ html }` pair most macro options take, as React children. */
export interface TextOrHtml {
  text?: string | number;
  html?: string;
}

/** A macro's text or html option as children: text stays text (escaped), html becomes elements. */
export function content(value: TextOrHtml | undefined): ReactNode {
  if (!value) return undefined;
  if (value.html !== undefined && value.html !== "") return htmlToReact(value.html);
  return value.text === undefined ? undefined : String(value.text);
}

// React spells a few attributes differently from HTML; the examples' HTML uses only these.
const REACT_ATTRIBUTE: Record<string, string> = {
  class: "className",
  for: "htmlFor",
  tabindex: "tabIndex",
  colspan: "colSpan",
  rowspan: "rowSpan",
  maxlength: "maxLength",
  readonly: "readOnly",
  autocomplete: "autoComplete",
  spellcheck: "spellCheck",
};

// React takes style as an object; "white-space: nowrap" → { whiteSpace: "nowrap" }.
function styleObject(css: string): Record<string, string> {
  const style: Record<string, string> = {};
  for (const declaration of css.split(";")) {
    const [name, ...value] = declaration.split(":");
    if (!name?.trim() || value.length === 0) continue;
    style[name.trim().replace(/-([a-z])/g, (_, c: string) => c.toUpperCase())] = value.join(":").trim();
  }
  return style;
}

const VOID = new Set(["br", "hr", "img", "input", "meta", "link", "wbr"]);

function toReact(node: Node, key: number): ReactNode {
  if (node.nodeName === "#text") return (node as DefaultTreeAdapterMap["textNode"]).value;
  if (!("tagName" in node)) return null;
  const props: Record<string, unknown> = { key };
  for (const attr of node.attrs) {
    props[REACT_ATTRIBUTE[attr.name] ?? attr.name] = attr.name === "style" ? styleObject(attr.value) : attr.value;
  }
  const children = node.childNodes.map((child, index) => toReact(child, index));
  if (VOID.has(node.tagName)) return createElement(node.tagName, props);
  // React renders a textarea's content from defaultValue, never from children.
  if (node.tagName === "textarea") return createElement("textarea", { ...props, defaultValue: children.join("") });
  return createElement(node.tagName, props, ...children);
}

/** Test-only: an example's trusted HTML snippet as React elements (no wrapper element added). */
export function htmlToReact(html: string): ReactNode {
  const fragment = parseFragment(html);
  return createElement(Fragment, null, ...fragment.childNodes.map((child, index) => toReact(child, index)));
}

/** The first element of ours with this tag (e.g. the <table> inside our scrolling wrapper), as HTML. */
export function firstElement(tag: string): (html: string) => string {
  return (html) => {
    const match = new RegExp(`<${tag}[\\s>][\\s\\S]*?</${tag}>`).exec(html.replace(/\n/g, ""));
    if (!match) throw new Error(`no <${tag}> in our markup`);
    return match[0];
  };
}

/** Reasons shared by many components' skip lists. */
export const REASON = {
  attributes: "arbitrary HTML attributes: our props name each attribute the service uses",
  classes: "arbitrary extra classes on this element are not part of our props",
  describedBy: "extra aria-describedby ids from outside the component are not part of our props",
  formGroupClasses: "extra classes on the form group are not part of our props",
  translated: "the service is in English only: no translated wording",
} as const;

/**
 * Splits a macro's `classes` into the modifier our props name (e.g. govuk-label--l → "l") and the
 * rest, which a test passes as className where our component takes one.
 */
export function modifier<T extends string>(classes: string | undefined, block: string): { value?: T; rest?: string } {
  const all = (classes ?? "").split(/\s+/).filter(Boolean);
  const prefix = `${block}--`;
  const found = all.find((c) => c.startsWith(prefix));
  const rest = all.filter((c) => c !== found).join(" ");
  return { value: found?.slice(prefix.length) as T | undefined, rest: rest === "" ? undefined : rest };
}

/** Options every govuk-frontend field macro shares. */
export interface FieldOptions {
  id?: string;
  name: string;
  label: TextOrHtml & { classes?: string; isPageHeading?: boolean };
  hint?: TextOrHtml;
  errorMessage?: TextOrHtml;
  describedBy?: string;
  classes?: string;
  value?: string | number;
  spellcheck?: boolean;
  autocomplete?: string;
  disabled?: boolean;
}

/** The label, hint and error props of our field components, from a field macro's options. */
export function fieldProps(o: FieldOptions) {
  const size = modifier<"xl" | "l" | "m" | "s">(o.label.classes, "govuk-label");
  return {
    id: o.id ?? o.name,
    name: o.name,
    label: content(o.label),
    labelSize: size.value,
    labelIsPageHeading: o.label.isPageHeading,
    hint: content(o.hint),
    // Our components take an error as words; every example's error message is text.
    error: o.errorMessage?.text === undefined ? undefined : String(o.errorMessage.text),
    describedBy: o.describedBy,
  };
}

/** One radio or checkbox as the radios/checkboxes macros take it. */
export interface ChoiceItemOptions extends TextOrHtml {
  value?: string | number;
  id?: string;
  name?: string;
  hint?: TextOrHtml;
  checked?: boolean;
  disabled?: boolean;
  divider?: string;
  behaviour?: "exclusive";
  conditional?: { html?: string | false };
}

export interface ChoiceOptions {
  name: string;
  idPrefix?: string;
  fieldset?: { legend?: TextOrHtml & { classes?: string; isPageHeading?: boolean }; describedBy?: string };
  hint?: TextOrHtml;
  errorMessage?: TextOrHtml;
  describedBy?: string;
  classes?: string;
  value?: string | number;
  values?: (string | number)[];
  items: (ChoiceItemOptions | null | false | "")[];
}

/** The props Radios and Checkboxes share, from the macros' options (`checked` as the macros decide it). */
export function choiceProps(o: ChoiceOptions, block: "govuk-radios" | "govuk-checkboxes") {
  const items = o.items.filter((item): item is ChoiceItemOptions => Boolean(item));
  if (items.length !== o.items.length) throw new Error("our items are a typed list with no gaps");
  const chosen = (item: ChoiceItemOptions) =>
    item.checked ??
    (item.value !== undefined &&
      (o.values ?? (o.value === undefined ? [] : [o.value])).map(String).includes(String(item.value)));
  const legend = o.fieldset?.legend;
  const classes = (o.classes ?? "").split(/\s+/).filter(Boolean);
  return {
    name: o.name,
    idPrefix: o.idPrefix,
    legend: legend ? content(legend) : undefined,
    legendSize: modifier<"xl" | "l" | "m" | "s">(legend?.classes, "govuk-fieldset__legend").value,
    legendIsPageHeading: legend?.isPageHeading,
    hint: content(o.hint),
    error: o.errorMessage?.text === undefined ? undefined : String(o.errorMessage.text),
    describedBy: o.fieldset?.describedBy ?? o.describedBy,
    small: classes.includes(`${block}--small`),
    inline: classes.includes(`${block}--inline`),
    className: classes.filter((c) => c !== `${block}--small` && c !== `${block}--inline`).join(" ") || undefined,
    checkedValues: items.filter((item) => !item.divider && chosen(item)).map((item) => String(item.value)),
    items: items.map((item) =>
      item.divider
        ? { divider: item.divider }
        : {
            value: String(item.value),
            text: content(item),
            hint: content(item.hint),
            disabled: item.disabled,
            id: item.id,
            name: item.name,
            exclusive: item.behaviour === "exclusive",
            conditional: item.conditional?.html ? htmlToReact(item.conditional.html) : undefined,
          },
    ),
  };
}
