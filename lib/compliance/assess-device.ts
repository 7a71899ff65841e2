import { formatLongDate } from "./dates";
import { DEFAULT_POLICY, isControlled, removalDeadlineFor } from "./policy";
import { RULES } from "./rules";
import type { Assessment, DeviceFacts, DeviceStatus, Exemption, Finding, Policy, RuleContext } from "./types";

/** Lower is worse; REMOVED never competes because removed devices have no findings. */
export const STATUS_RANK: Readonly<Record<DeviceStatus, number>> = Object.freeze({
  BREACH: 0,
  ACTION_DUE: 1,
  UNVERIFIED: 2,
  ADVISORY: 3,
  COMPLIANT: 4,
  REMOVED: 5,
});

export function worseOf(a: DeviceStatus, b: DeviceStatus): DeviceStatus {
  return STATUS_RANK[a] <= STATUS_RANK[b] ? a : b;
}

function exempted(finding: Finding, exemption: Exemption): Finding {
  return {
    ruleId: finding.ruleId,
    status: "ADVISORY",
    message:
      `Exempted by ${exemption.approvedBy} until ${formatLongDate(exemption.expiresOn)}; ` +
      `act or renew the exemption before then. Without the exemption: ${finding.message}`,
  };
}

/** Derives the facts every rule shares, so each rule is a handful of comparisons. */
export function buildRuleContext(facts: DeviceFacts, asOf: string, policy: Policy = DEFAULT_POLICY): RuleContext {
  const site = facts.site;
  const covered = facts.producer === "COVERED";
  const controlled = isControlled(site);
  const installedOn = facts.installedOn;
  // A replacement, or a move onto the site, is a deployment on its install date; unknown dates go to D3.
  const newDeployment =
    covered &&
    controlled &&
    installedOn !== null &&
    installedOn >= policy.cutOff &&
    (site.sensitiveSince === null || installedOn >= site.sensitiveSince);
  return {
    facts,
    asOf,
    policy,
    covered,
    controlled,
    inService: facts.lifecycle === "IN_SERVICE",
    newDeployment,
    // Only R3 reads the deadline, and the grace-period arithmetic is the one costly step.
    deadline: covered && controlled && !newDeployment ? removalDeadlineFor(site, policy) : "",
  };
}

/**
 * Assesses one device against HCWS386 as at `asOf` (an ISO date). Pure: the same facts, date and
 * policy always give the same assessment. Inputs are trusted to be valid (see validateDeviceFacts).
 */
export function assessDevice(facts: DeviceFacts, asOf: string, policy: Policy = DEFAULT_POLICY): Assessment {
  if (facts.lifecycle === "REMOVED") return { status: "REMOVED", findings: [] };
  const ctx = buildRuleContext(facts, asOf, policy);
  const exemption = facts.exemption;
  const exemptionValid = exemption !== null && asOf <= exemption.expiresOn;
  const findings: Finding[] = [];
  let rank = STATUS_RANK.COMPLIANT;
  let status: DeviceStatus = "COMPLIANT";
  for (let i = 0; i < RULES.length; i++) {
    const rule = RULES[i]!;
    let finding = rule.evaluate(ctx);
    if (finding === null) continue;
    if (exemptionValid && rule.exemptible) finding = exempted(finding, exemption);
    findings.push(finding);
    const r = STATUS_RANK[finding.status];
    if (r < rank) {
      rank = r;
      status = finding.status;
    }
  }
  return { status, findings };
}
