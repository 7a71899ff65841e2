import { quotePoint } from "../directive";
import type { Rule } from "../types";

const MESSAGE =
  "Covered equipment is connected to a departmental core network. " +
  "Point 2 of the directive (HCWS386) advises that no such equipment should be connected to core networks: " +
  "disconnect it now or move it to a segregated or standalone network.";

export const R2_CORE_NETWORK: Rule = {
  id: "R2-CORE-NETWORK",
  title: "Connected to a core network",
  directive: quotePoint(2),
  point: 2,
  // A core-network connection exposes every other system on it, so no exemption can accept it.
  exemptible: false,
  evaluate(ctx) {
    if (!ctx.covered || !ctx.inService || ctx.facts.network !== "CORE") return null;
    return { ruleId: "R2-CORE-NETWORK", status: "BREACH", message: MESSAGE };
  },
};
