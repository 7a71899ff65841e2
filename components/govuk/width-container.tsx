import type { ReactNode } from "react";
import { cx } from "./cx";

export interface WidthContainerProps {
  children: ReactNode;
  /** 1400px maximum instead of 1100px (dashboards). */
  wide?: boolean;
  className?: string;
}

export function WidthContainer({ children, wide = false, className }: WidthContainerProps) {
  return (
    <div className={cx("govuk-width-container", wide && "govuk-width-container--wide", className)}>{children}</div>
  );
}
