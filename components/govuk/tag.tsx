import type { ReactNode } from "react";
import { cx } from "./cx";

export type TagColour =
  | "grey"
  | "green"
  | "turquoise"
  | "blue"
  | "light-blue"
  | "purple"
  | "pink"
  | "red"
  | "orange"
  | "yellow";

export interface TagProps {
  colour: TagColour;
  children: ReactNode;
  className?: string;
}

/** GOV.UK tag: strong text on a tint. Always put words in it; never rely on colour. */
export function Tag({ colour, children, className }: TagProps) {
  return <strong className={cx("govuk-tag", `govuk-tag--${colour}`, className)}>{children}</strong>;
}
