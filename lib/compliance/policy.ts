import { addDays, isIsoDate, laterOf } from "./dates";
import type { Policy, SiteFacts } from "./types";

/**
 * The dates of HCWS386: the statement was made on 24 November 2022, and ministers told Parliament
 * that remaining sites would be replaced no later than April 2025 (read as its last day).
 */
export const DEFAULT_POLICY: Readonly<Policy> = Object.freeze({
  cutOff: "2022-11-24",
  removalDeadline: "2025-04-30",
  reclassificationGraceDays: 365,
});

export const MAX_GRACE_DAYS = 3650;

/** Point 4: a site outside the definition is controlled once the department extends the controls. */
export function isControlled(site: Pick<SiteFacts, "sensitivity" | "controlsExtended">): boolean {
  return site.sensitivity === "SENSITIVE" || (site.sensitivity === "NOT_SENSITIVE" && site.controlsExtended);
}

/**
 * A site that became sensitive after the cut-off could not have met the original deadline, so it
 * gets a grace period from its reclassification, but never less time than everyone else.
 */
export function removalDeadlineFor(site: Pick<SiteFacts, "sensitiveSince">, policy: Policy = DEFAULT_POLICY): string {
  const since = site.sensitiveSince;
  if (since === null || since <= policy.cutOff) return policy.removalDeadline;
  return laterOf(policy.removalDeadline, addDays(since, policy.reclassificationGraceDays));
}

/** Plain-English problems with a policy; empty when it is usable. Accepts unknown input from forms and files. */
export function validatePolicy(p: unknown): string[] {
  if (typeof p !== "object" || p === null) return ["The policy must be an object."];
  const { cutOff, removalDeadline, reclassificationGraceDays } = p as Record<string, unknown>;
  const problems: string[] = [];
  if (!isIsoDate(cutOff)) problems.push("The cut-off must be a real date written YYYY-MM-DD.");
  if (!isIsoDate(removalDeadline)) problems.push("The removal deadline must be a real date written YYYY-MM-DD.");
  if (isIsoDate(cutOff) && isIsoDate(removalDeadline) && !(cutOff < removalDeadline)) {
    problems.push("The removal deadline must be after the cut-off.");
  }
  if (
    typeof reclassificationGraceDays !== "number" ||
    !Number.isInteger(reclassificationGraceDays) ||
    reclassificationGraceDays < 0 ||
    reclassificationGraceDays > MAX_GRACE_DAYS
  ) {
    problems.push(`The reclassification grace period must be a whole number of days from 0 to ${MAX_GRACE_DAYS}.`);
  }
  return problems;
}
