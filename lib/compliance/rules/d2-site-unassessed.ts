import { CITATION } from "../directive";
import type { Rule } from "../types";

const MESSAGE =
  "Covered equipment is on a site whose sensitivity has not been assessed, so we cannot tell whether points 1 and 3 " +
  "of the directive (HCWS386) apply. Assess the site against the definition of a sensitive site and record the result.";

export const D2_SITE_UNASSESSED: Rule = {
  id: "D2-SITE-UNASSESSED",
  title: "Site not assessed",
  directive: `Points 1 and 3 (${CITATION}) apply to sensitive sites: any building or complex that routinely holds SECRET material or above, hosts a significant proportion of DV-cleared officials, is routinely used by Ministers, or is designated under the Serious Organised Crime and Police Act 2005 (s.128).`,
  point: null,
  exemptible: false,
  evaluate(ctx) {
    if (!ctx.covered || ctx.facts.site.sensitivity !== "UNASSESSED") return null;
    return { ruleId: "D2-SITE-UNASSESSED", status: "UNVERIFIED", message: MESSAGE };
  },
};
