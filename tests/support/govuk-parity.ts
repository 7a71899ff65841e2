// Markup parity with the design systems: their own example HTML (fixtures.json, shipped in the
// packages) against ours, both normalised the same way so that only real differences fail.
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseFragment, serialize, type DefaultTreeAdapterMap } from "parse5";
import type { ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";

type Node = DefaultTreeAdapterMap["node"];
type Element = DefaultTreeAdapterMap["element"];
type ParentNode = DefaultTreeAdapterMap["parentNode"];

export interface Fixture {
  name: string;
  options: Record<string, unknown>;
  html: string;
  hidden?: boolean;
}

const root = path.resolve(import.meta.dirname, "../..");

/** The examples govuk-frontend ships for one component (dist/govuk/components/<name>/fixtures.json). */
export function govukFixtures(component: string): Fixture[] {
  const file = path.join(root, "node_modules/govuk-frontend/dist/govuk/components", component, "fixtures.json");
  return (JSON.parse(readFileSync(file, "utf8")) as { fixtures: Fixture[] }).fixtures;
}

/** One named example; throws (failing the test) when the design system no longer ships it. */
export function govukFixture(component: string, name: string): Fixture {
  const fixture = govukFixtures(component).find((f) => f.name === name);
  if (!fixture) throw new Error(`govuk-frontend has no "${name}" example for ${component}`);
  return fixture;
}

function isElement(node: Node): node is Element {
  return "tagName" in node;
}

// Attribute order, class order and runs of whitespace carry no meaning in HTML; React also writes
// boolean attributes as attr="" where Nunjucks writes bare attr, which parse to the same thing.
function normaliseTree(node: ParentNode): void {
  const kept: DefaultTreeAdapterMap["childNode"][] = [];
  for (const child of node.childNodes) {
    if (child.nodeName === "#comment") continue;
    if (child.nodeName === "#text") {
      const text = (child as DefaultTreeAdapterMap["textNode"]).value.replace(/\s+/g, " ");
      if (text.trim() === "") continue;
      (child as DefaultTreeAdapterMap["textNode"]).value = text.trim();
      kept.push(child);
      continue;
    }
    if (isElement(child)) {
      for (const attr of child.attrs) {
        if (attr.name === "class") attr.value = attr.value.split(/\s+/).filter(Boolean).sort().join(" ");
        else attr.value = attr.value.replace(/\s+/g, " ").trim();
      }
      child.attrs.sort((a, b) => a.name.localeCompare(b.name));
      normaliseTree(child);
      if (child.nodeName === "template") normaliseTree((child as DefaultTreeAdapterMap["template"]).content);
    }
    kept.push(child);
  }
  node.childNodes = kept;
}

/** HTML with attributes and classes sorted, comments dropped and whitespace collapsed, one tag per line. */
export function normaliseHtml(html: string): string {
  const fragment = parseFragment(html);
  normaliseTree(fragment);
  return serialize(fragment).replace(/></g, ">\n<");
}

/** Our component's markup, normalised for comparison with normaliseHtml(fixture.html). */
export function renderNormalised(element: ReactElement): string {
  return normaliseHtml(renderToStaticMarkup(element));
}
