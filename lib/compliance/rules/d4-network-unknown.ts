import { quotePoint } from "../directive";
import type { Rule } from "../types";

const MESSAGE =
  "Covered equipment in service has no recorded network, so we cannot tell whether it is connected to a core network " +
  "(point 2 of the directive, HCWS386). Trace its connection and record whether it is on the core, a segregated or a standalone network.";

export const D4_NETWORK_UNKNOWN: Rule = {
  id: "D4-NETWORK-UNKNOWN",
  title: "Network unknown",
  directive: quotePoint(2),
  point: 2,
  exemptible: false,
  evaluate(ctx) {
    if (!ctx.covered || !ctx.inService || ctx.facts.network !== "UNKNOWN") return null;
    return { ruleId: "D4-NETWORK-UNKNOWN", status: "UNVERIFIED", message: MESSAGE };
  },
};
