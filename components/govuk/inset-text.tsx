import type { ReactNode } from "react";
import { cx } from "./cx";

export interface InsetTextProps {
  children: ReactNode;
  id?: string;
  className?: string;
}

export function InsetText({ children, id, className }: InsetTextProps) {
  return (
    <div id={id} className={cx("govuk-inset-text", className)}>
      {children}
    </div>
  );
}
