import { quotePoint } from "../directive";
import type { Rule } from "../types";

const MESSAGE =
  "Covered equipment on a controlled site has no recorded install date, so we cannot tell whether it was deployed " +
  "after point 1 of the directive (HCWS386) took effect. Find the install date (works orders, invoices, the device log) and record it.";

export const D3_INSTALL_DATE_UNKNOWN: Rule = {
  id: "D3-INSTALL-DATE-UNKNOWN",
  title: "Install date unknown",
  directive: quotePoint(1),
  point: 1,
  exemptible: false,
  evaluate(ctx) {
    // R3 still applies alongside: whenever it was installed, it has to be removed.
    if (!ctx.covered || !ctx.controlled || ctx.facts.installedOn !== null) return null;
    return { ruleId: "D3-INSTALL-DATE-UNKNOWN", status: "UNVERIFIED", message: MESSAGE };
  },
};
