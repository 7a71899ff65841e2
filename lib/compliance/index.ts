/** Public API of the rules engine: pure functions over plain data (DOMAIN.md §§3–5). */
export * from "./types";
export * from "./dates";
export * from "./policy";
export * from "./directive";
export { RULES, RULES_BY_ID, RULE_IDS } from "./rules";
export { assessDevice, buildRuleContext, STATUS_RANK, worseOf } from "./assess-device";
export { validateDeviceFacts } from "./validate-facts";
export * from "./rollup";
export * from "./brand";
export * from "./mac";
export * from "./oui-owner";
export { REGISTER_SEED } from "./register-seed";
export {
  assessDiscoveredHost,
  DISCOVERY_RULES,
  DISCOVERY_RULES_BY_ID,
  isProbableCoveredUnrecorded,
  N1_UNRECORDED_COVERED,
  probableCoveredProducer,
  weighDiscoveryEvidence,
  type DiscoveryEvidence,
  type DiscoveryFacts,
  type DiscoveryRule,
  type DiscoveryRuleId,
  type DiscoveryWeighing,
  type ProbableCovered,
} from "./discovery";
