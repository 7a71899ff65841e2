import type { ReactNode } from "react";
import { cx } from "./cx";

export interface WidthContainerProps {
  children: ReactNode;
  className?: string;
}

/** The page's maximum width is the design system's $govuk-page-width, set in app/globals.scss. */
export function WidthContainer({ children, className }: WidthContainerProps) {
  return <div className={cx("govuk-width-container", className)}>{children}</div>;
}
