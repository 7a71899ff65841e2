import { quotePoint } from "../directive";
import type { Rule } from "../types";

const MESSAGE =
  "Covered equipment is on a site outside the definition of sensitive. " +
  "Point 4 of the directive (HCWS386): consider whether this site should have the same controls applied, " +
  "and record the decision on the site.";

export const R4_OUTSIDE_SENSITIVE: Rule = {
  id: "R4-OUTSIDE-SENSITIVE",
  title: "Covered equipment outside sensitive sites",
  directive: quotePoint(4),
  point: 4,
  exemptible: true,
  evaluate(ctx) {
    const site = ctx.facts.site;
    if (!ctx.covered || site.sensitivity !== "NOT_SENSITIVE" || site.controlsExtended) return null;
    return { ruleId: "R4-OUTSIDE-SENSITIVE", status: "ADVISORY", message: MESSAGE };
  },
};
