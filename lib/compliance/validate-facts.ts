import { isIsoDate } from "./dates";
import type { DeviceFacts } from "./types";

const PRODUCERS: readonly string[] = ["COVERED", "NOT_COVERED", "UNKNOWN"];
const SENSITIVITIES: readonly string[] = ["SENSITIVE", "NOT_SENSITIVE", "UNASSESSED"];
const NETWORKS: readonly string[] = ["CORE", "SEGREGATED", "STANDALONE", "UNKNOWN"];
const LIFECYCLES: readonly string[] = ["IN_SERVICE", "DECOMMISSIONED", "REMOVED"];

/**
 * Plain-English problems with a set of facts; empty when assessDevice can be trusted with them.
 * assessDevice itself does not check, to stay fast, so callers validate once at the boundary.
 */
export function validateDeviceFacts(facts: DeviceFacts): string[] {
  const problems: string[] = [];
  if (!PRODUCERS.includes(facts.producer)) problems.push(`Unknown producer classification: ${String(facts.producer)}.`);
  if (facts.installedOn !== null && !isIsoDate(facts.installedOn)) {
    problems.push("The install date must be a real date written YYYY-MM-DD, or left blank when unknown.");
  }
  if (!NETWORKS.includes(facts.network)) problems.push(`Unknown network: ${String(facts.network)}.`);
  if (facts.vendorCloud !== null && typeof facts.vendorCloud !== "boolean") {
    problems.push("Vendor cloud must be yes, no or unknown.");
  }
  if (!LIFECYCLES.includes(facts.lifecycle)) problems.push(`Unknown lifecycle: ${String(facts.lifecycle)}.`);
  if (!SENSITIVITIES.includes(facts.site.sensitivity)) {
    problems.push(`Unknown site sensitivity: ${String(facts.site.sensitivity)}.`);
  }
  if (facts.site.sensitiveSince !== null && !isIsoDate(facts.site.sensitiveSince)) {
    problems.push("The date the site became sensitive must be a real date written YYYY-MM-DD, or left blank.");
  }
  if (typeof facts.site.controlsExtended !== "boolean") problems.push("Controls extended must be yes or no.");
  if (facts.exemption !== null) {
    if (facts.exemption.approvedBy.trim() === "") problems.push("An exemption must say who approved it.");
    if (!isIsoDate(facts.exemption.expiresOn)) {
      problems.push("An exemption's expiry must be a real date written YYYY-MM-DD.");
    }
  }
  return problems;
}
