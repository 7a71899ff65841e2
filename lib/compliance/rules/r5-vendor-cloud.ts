import { CITATION } from "../directive";
import type { Rule } from "../types";

const MESSAGE =
  "Covered equipment has its vendor's cloud or P2P service enabled, so it connects out to the producer's servers. " +
  "This is not one of the four points of the directive (HCWS386) but follows from its purpose, the security of government sites: " +
  "disable the vendor cloud service or record an exemption.";

export const R5_VENDOR_CLOUD: Rule = {
  id: "R5-VENDOR-CLOUD",
  title: "Vendor cloud service enabled",
  // No point of the statement mentions vendor clouds; the rule rests on its stated purpose.
  directive: `Not a numbered point (${CITATION}): the statement follows a review of the security of visual surveillance systems on the government estate.`,
  point: null,
  exemptible: true,
  evaluate(ctx) {
    // null means "not known": it is not evidence of a connection, and no data rule chases it.
    if (!ctx.covered || !ctx.inService || ctx.facts.vendorCloud !== true) return null;
    return { ruleId: "R5-VENDOR-CLOUD", status: "ACTION_DUE", message: MESSAGE };
  },
};
