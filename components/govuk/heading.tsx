import type { ReactNode } from "react";
import { cx } from "./cx";

export type HeadingSize = "xl" | "l" | "m" | "s";

export interface HeadingProps {
  level: 1 | 2 | 3;
  size: HeadingSize;
  /** Rendered inside the heading, above the text, in secondary colour (GOV.UK "caption" pattern). */
  caption?: string;
  children: ReactNode;
  id?: string;
  className?: string;
}

const CAPTION_CLASS: Record<HeadingSize, string> = {
  xl: "govuk-caption-xl",
  l: "govuk-caption-l",
  m: "govuk-caption-m",
  s: "govuk-caption-m",
};

/** GOV.UK typography: govuk-heading-* with the "heading with caption" pattern (no govuk-caption-s exists). */
export function Heading({ level, size, caption, children, id, className }: HeadingProps) {
  const Tag = level === 1 ? "h1" : level === 2 ? "h2" : "h3";
  return (
    <Tag id={id} className={cx(`govuk-heading-${size}`, className)}>
      {caption ? <span className={CAPTION_CLASS[size]}>{caption}</span> : null}
      {children}
    </Tag>
  );
}
