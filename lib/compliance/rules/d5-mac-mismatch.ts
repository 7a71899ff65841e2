import { CITATION } from "../directive";
import type { Rule } from "../types";

export const D5_MAC_MISMATCH: Rule = {
  id: "D5-MAC-MISMATCH",
  title: "Network address suggests covered equipment",
  directive: `All points (${CITATION}) apply to equipment produced by companies subject to the National Intelligence Law of the People's Republic of China; OEM and white-label products count as their real producer.`,
  point: null,
  exemptible: false,
  evaluate(ctx) {
    const evidence = ctx.facts.macEvidence;
    // A MAC prefix names the maker of the network chip, not of the camera: ask for evidence, never reclassify.
    if (evidence == null || ctx.covered) return null;
    return {
      ruleId: "D5-MAC-MISMATCH",
      status: "UNVERIFIED",
      message:
        `Probable covered equipment: the network address belongs to ${evidence.owner} (${evidence.producerName}) ` +
        "but the brand recorded is not a covered producer. Check the label and provide evidence.",
    };
  },
};
