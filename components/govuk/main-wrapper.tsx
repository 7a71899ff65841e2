import type { ReactNode } from "react";
import { cx } from "./cx";

export interface MainWrapperProps {
  children: ReactNode;
  /** Less top padding, for pages that start with breadcrumbs or a back link. */
  compact?: boolean;
  className?: string;
}

/** <main id="main-content" tabIndex={-1}>: the skip link target. Render exactly one per page. */
export function MainWrapper({ children, compact = false, className }: MainWrapperProps) {
  return (
    <main
      id="main-content"
      tabIndex={-1}
      className={cx("govuk-main-wrapper", compact && "govuk-main-wrapper--auto-spacing", className)}
    >
      {children}
    </main>
  );
}
