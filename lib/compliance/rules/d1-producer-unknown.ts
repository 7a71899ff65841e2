import { CITATION } from "../directive";
import type { Rule } from "../types";

const MESSAGE =
  "The producer of this equipment is not known, so we cannot tell whether the directive (HCWS386) applies to it: " +
  "points 1 and 3 on a sensitive site, point 2 on a core network. " +
  "Check the label, brand and model and record them so the producer can be resolved.";

export const D1_PRODUCER_UNKNOWN: Rule = {
  id: "D1-PRODUCER-UNKNOWN",
  title: "Producer unknown",
  directive: `All points (${CITATION}): each applies only to equipment produced by companies subject to the National Intelligence Law of the People's Republic of China.`,
  point: null,
  exemptible: false,
  evaluate(ctx) {
    const f = ctx.facts;
    if (f.producer !== "UNKNOWN") return null;
    // Outside controlled or unassessed sites and core networks, no point could apply whoever made it.
    const matters =
      ctx.controlled || f.site.sensitivity === "UNASSESSED" || (ctx.inService && f.network === "CORE");
    return matters ? { ruleId: "D1-PRODUCER-UNKNOWN", status: "UNVERIFIED", message: MESSAGE } : null;
  },
};
