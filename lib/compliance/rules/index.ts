import type { Rule, RuleId } from "../types";
import { D1_PRODUCER_UNKNOWN } from "./d1-producer-unknown";
import { D2_SITE_UNASSESSED } from "./d2-site-unassessed";
import { D3_INSTALL_DATE_UNKNOWN } from "./d3-install-date-unknown";
import { D4_NETWORK_UNKNOWN } from "./d4-network-unknown";
import { D5_MAC_MISMATCH } from "./d5-mac-mismatch";
import { R1_NEW_DEPLOYMENT } from "./r1-new-deployment";
import { R2_CORE_NETWORK } from "./r2-core-network";
import { R3_REMOVAL } from "./r3-removal";
import { R4_OUTSIDE_SENSITIVE } from "./r4-outside-sensitive";
import { R5_VENDOR_CLOUD } from "./r5-vendor-cloud";

/** Fixed order: findings come out in this order, so stored results and reports are stable. */
export const RULES: readonly Rule[] = Object.freeze([
  R1_NEW_DEPLOYMENT,
  R2_CORE_NETWORK,
  R3_REMOVAL,
  R4_OUTSIDE_SENSITIVE,
  R5_VENDOR_CLOUD,
  D1_PRODUCER_UNKNOWN,
  D2_SITE_UNASSESSED,
  D3_INSTALL_DATE_UNKNOWN,
  D4_NETWORK_UNKNOWN,
  D5_MAC_MISMATCH,
]);

export const RULE_IDS: readonly RuleId[] = Object.freeze(RULES.map((r) => r.id));

export const RULES_BY_ID: Readonly<Record<RuleId, Rule>> = Object.freeze(
  Object.fromEntries(RULES.map((r) => [r.id, r])) as Record<RuleId, Rule>,
);

export {
  D1_PRODUCER_UNKNOWN,
  D2_SITE_UNASSESSED,
  D3_INSTALL_DATE_UNKNOWN,
  D4_NETWORK_UNKNOWN,
  D5_MAC_MISMATCH,
  R1_NEW_DEPLOYMENT,
  R2_CORE_NETWORK,
  R3_REMOVAL,
  R4_OUTSIDE_SENSITIVE,
  R5_VENDOR_CLOUD,
};
