import { quotePoint } from "../directive";
import { formatLongDate } from "../dates";
import type { Rule } from "../types";

export const R1_NEW_DEPLOYMENT: Rule = {
  id: "R1-NEW-DEPLOYMENT",
  title: "New deployment on a controlled site",
  directive: quotePoint(1),
  point: 1,
  // Point 1 is an instruction, not advice: no local approval can make a new deployment acceptable.
  exemptible: false,
  evaluate(ctx) {
    if (!ctx.newDeployment) return null;
    return {
      ruleId: "R1-NEW-DEPLOYMENT",
      status: "BREACH",
      message:
        `Covered equipment was deployed onto a controlled site on ${formatLongDate(ctx.facts.installedOn ?? "")}, ` +
        `on or after the cut-off of ${formatLongDate(ctx.policy.cutOff)}. ` +
        "Point 1 of the directive (HCWS386) instructs departments to cease such deployment: " +
        "remove it now and record how it came to be installed.",
    };
  },
};
