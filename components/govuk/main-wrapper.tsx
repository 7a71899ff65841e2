import type { ReactNode } from "react";
import { cx } from "./cx";

export interface MainWrapperProps {
  children: ReactNode;
  /** Less top padding, for pages that start with breadcrumbs or a back link. */
  compact?: boolean;
  className?: string;
}

/**
 * <main id="main-content">: the skip link's target. Render exactly one per page. As in the design
 * system's page template it has no tabindex: the skip link's script adds one when it is followed.
 */
export function MainWrapper({ children, compact = false, className }: MainWrapperProps) {
  return (
    <main id="main-content" className={cx("govuk-main-wrapper", compact && "govuk-main-wrapper--auto-spacing", className)}>
      {children}
    </main>
  );
}
