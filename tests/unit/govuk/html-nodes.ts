// Turns a fixture's HTML option (a slot, a meta block, an item's html) into React elements, so
// that our component receives the same content the Nunjucks macro did, without a wrapper element.
import { parseFragment, type DefaultTreeAdapterMap } from "parse5";
import { createElement, Fragment, type ReactNode } from "react";

type Node = DefaultTreeAdapterMap["childNode"];

// React's names for the attributes the fixtures use; the rest are the same in HTML and React.
const REACT_NAMES: Record<string, string> = { class: "className", for: "htmlFor", hreflang: "hrefLang", tabindex: "tabIndex" };

function toReact(node: Node, key: number): ReactNode {
  if (node.nodeName === "#text") return (node as DefaultTreeAdapterMap["textNode"]).value;
  if (!("tagName" in node)) return null;
  const props: Record<string, unknown> = { key };
  for (const attr of node.attrs) props[REACT_NAMES[attr.name] ?? attr.name] = attr.value;
  return createElement(node.tagName, props, ...node.childNodes.map(toReact));
}

export function htmlNodes(html: string): ReactNode {
  return createElement(Fragment, null, ...parseFragment(html).childNodes.map(toReact));
}
