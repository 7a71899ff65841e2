import type { ReactNode } from "react";
import { cx } from "./cx";

export interface GridRowProps {
  children: ReactNode;
  className?: string;
}

/** The GOV.UK layout grid (govuk-grid-row / govuk-grid-column-*). */
export function GridRow({ children, className }: GridRowProps) {
  return <div className={cx("govuk-grid-row", className)}>{children}</div>;
}

export type GridColumnWidth = "full" | "two-thirds" | "one-third" | "one-half" | "three-quarters" | "one-quarter";

export interface GridColumnProps {
  width?: GridColumnWidth;
  children: ReactNode;
  className?: string;
}

/** Columns stack on small screens and sit side by side from 769px. */
export function GridColumn({ width = "full", children, className }: GridColumnProps) {
  return <div className={cx(`govuk-grid-column-${width}`, className)}>{children}</div>;
}
