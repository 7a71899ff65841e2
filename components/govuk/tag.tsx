import type { ReactNode } from "react";
import { cx } from "./cx";

/**
 * The colours govuk-frontend 6 styles. Blue is the tag's own colour (no modifier class); v6 renamed
 * turquoise to teal and pink to magenta, and dropped light blue.
 */
export type TagColour = "blue" | "grey" | "green" | "teal" | "purple" | "magenta" | "red" | "orange" | "yellow";

export interface TagProps {
  colour?: TagColour;
  children: ReactNode;
  className?: string;
}

/** GOV.UK tag: strong text on a tint. Always put words in it; never rely on colour. */
export function Tag({ colour = "blue", children, className }: TagProps) {
  return <strong className={cx("govuk-tag", colour !== "blue" && `govuk-tag--${colour}`, className)}>{children}</strong>;
}
