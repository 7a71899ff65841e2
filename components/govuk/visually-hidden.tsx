import type { ReactNode } from "react";

export interface VisuallyHiddenProps {
  children: ReactNode;
  as?: "span" | "div" | "p" | "h2" | "h3";
  id?: string;
}

/** Hidden on screen, read by screen readers. */
export function VisuallyHidden({ children, as: Tag = "span", id }: VisuallyHiddenProps) {
  return (
    <Tag id={id} className="govuk-visually-hidden">
      {children}
    </Tag>
  );
}
