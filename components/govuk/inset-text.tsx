import type { ReactNode } from "react";
import { cx } from "./cx";

export interface InsetTextProps {
  children: ReactNode;
  className?: string;
}

export function InsetText({ children, className }: InsetTextProps) {
  return <div className={cx("govuk-inset-text", className)}>{children}</div>;
}
