/**
 * The rules engine contract (DOMAIN.md §3). Inputs are plain data so the engine can be fed from
 * the database, an import file or a test table alike; dates are ISO `YYYY-MM-DD` strings because
 * they compare correctly as strings, which keeps the hot path free of Date objects.
 */

/** Resolved from the producer register (see brand.ts), never typed in by hand. */
export type Producer = "COVERED" | "NOT_COVERED" | "UNKNOWN";

export type Sensitivity = "SENSITIVE" | "NOT_SENSITIVE" | "UNASSESSED";

export type Network = "CORE" | "SEGREGATED" | "STANDALONE" | "UNKNOWN";

/** DECOMMISSIONED equipment is switched off but still physically on the site. */
export type Lifecycle = "IN_SERVICE" | "DECOMMISSIONED" | "REMOVED";

export interface SiteFacts {
  sensitivity: Sensitivity;
  /** null means "sensitive for as long as we know". */
  sensitiveSince: string | null;
  /** Point 4: the department chose to apply the sensitive-site controls to this site. */
  controlsExtended: boolean;
}

export interface Exemption {
  approvedBy: string;
  /** The last day on which the exemption is valid. */
  expiresOn: string;
}

/**
 * A MAC prefix proves who made the network chip, not the camera, so this is evidence to review,
 * never a reason to reclassify the producer.
 */
export interface MacEvidence {
  /** The IEEE registry owner of the prefix, as registered. */
  owner: string;
  /** The covered producer whose OUI owner patterns matched. */
  producerName: string;
}

export interface DeviceFacts {
  producer: Producer;
  /** null = unknown. */
  installedOn: string | null;
  network: Network;
  /** Vendor P2P/cloud service enabled; null = unknown. */
  vendorCloud: boolean | null;
  lifecycle: Lifecycle;
  site: SiteFacts;
  exemption: Exemption | null;
  /** Present when the recorded MAC address belongs to a covered producer. */
  macEvidence?: MacEvidence | null;
}

export interface Policy {
  cutOff: string;
  removalDeadline: string;
  reclassificationGraceDays: number;
}

export type DeviceStatus = "BREACH" | "ACTION_DUE" | "UNVERIFIED" | "ADVISORY" | "COMPLIANT" | "REMOVED";

/** Worst first: the index is the severity rank used to pick a device's status. */
export const DEVICE_STATUSES = [
  "BREACH",
  "ACTION_DUE",
  "UNVERIFIED",
  "ADVISORY",
  "COMPLIANT",
  "REMOVED",
] as const satisfies readonly DeviceStatus[];

export type OrgStatus = "RED" | "AMBER" | "GREEN" | "NO_DATA";

export const ORG_STATUSES = ["RED", "AMBER", "GREEN", "NO_DATA"] as const satisfies readonly OrgStatus[];

export type RuleId =
  | "R1-NEW-DEPLOYMENT"
  | "R2-CORE-NETWORK"
  | "R3-REMOVAL"
  | "R4-OUTSIDE-SENSITIVE"
  | "R5-VENDOR-CLOUD"
  | "D1-PRODUCER-UNKNOWN"
  | "D2-SITE-UNASSESSED"
  | "D3-INSTALL-DATE-UNKNOWN"
  | "D4-NETWORK-UNKNOWN"
  | "D5-MAC-MISMATCH";

export interface Finding {
  /** Stable identifier (a RuleId); typed as string so stored findings read back without casts. */
  ruleId: string;
  status: DeviceStatus;
  message: string;
}

export interface Assessment {
  status: DeviceStatus;
  findings: Finding[];
}

export type DirectivePoint = 1 | 2 | 3 | 4;

/** Everything a rule needs, derived once per assessment so that each rule is a few comparisons. */
export interface RuleContext {
  readonly facts: DeviceFacts;
  readonly asOf: string;
  readonly policy: Policy;
  readonly covered: boolean;
  readonly controlled: boolean;
  readonly inService: boolean;
  /** R1's condition, needed by R3 ("not R1") as well. */
  readonly newDeployment: boolean;
  /** The removal deadline; only meaningful when covered and controlled, otherwise "". */
  readonly deadline: string;
}

export interface Rule {
  readonly id: RuleId;
  readonly title: string;
  /** The words of the directive point the rule enforces, with the citation. */
  readonly directive: string;
  readonly point: DirectivePoint | null;
  /**
   * Whether a valid exemption turns the finding into ADVISORY. The engine applies this centrally
   * so that evaluate() always reports the un-exempted finding.
   */
  readonly exemptible: boolean;
  /** Assumes the equipment is still on site: assessDevice screens out REMOVED devices first. */
  evaluate(ctx: RuleContext): Finding | null;
}
