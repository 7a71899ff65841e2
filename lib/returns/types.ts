// The shapes of returns and attestations, shared by the data layer (lib/data/returns.ts), the
// pages and components that show them and the report builders. Types and plain constants only: a
// component may import them without touching the data layer.

export const RETURN_STATUSES = ["NOT_STARTED", "IN_PROGRESS", "ATTESTED", "CHANGED", "OVERDUE"] as const;
export type ReturnStatus = (typeof RETURN_STATUSES)[number];

export const RETURN_STATUS_LABELS: Record<ReturnStatus, string> = {
  NOT_STARTED: "Not started",
  IN_PROGRESS: "In progress",
  ATTESTED: "Attested",
  CHANGED: "Changed since attestation",
  OVERDUE: "Overdue",
};

/** One statement a department answers in a round. */
export interface Declaration {
  id: string;
  text: string;
}

/** A department's answer to one declaration: "yes", or "no" with the exceptions listed. */
export interface DeclarationAnswer {
  id: string;
  text: string;
  answer: "yes" | "no";
  /** What is excepted, required when the answer is "no". */
  details: string | null;
}

/** The figures a return states, from the per-device results for the round's as-of date. */
export interface ReturnFigures {
  organisations: number;
  sites: number;
  devices: number;
  breach: number;
  actionDue: number;
  unverified: number;
  advisory: number;
  compliant: number;
  removed: number;
  coveredInService: number;
  coveredRemaining: number;
  coveredSensitive: number;
  coveredCore: number;
}

export interface RoundSummary {
  id: number;
  name: string;
  asOf: string;
  dueOn: string;
  openedBy: string;
  openedAt: string;
  closedAt: string | null;
  declarations: Declaration[];
  /** Departments covered, and how many are at each status. */
  departments: number;
  byStatus: Record<ReturnStatus, number>;
}

export interface AttestationRecord {
  id: number;
  officialName: string;
  officialEmail: string;
  attestedAt: string;
  figuresHash: string;
  figures: ReturnFigures;
  answers: DeclarationAnswer[];
  comment: string | null;
}

/** One way a department's figures moved since its last attestation. */
export interface FigureChange {
  figure: keyof ReturnFigures;
  label: string;
  attested: number;
  now: number;
}

/** One device whose result differs from the attested one. */
export interface DeviceChange {
  deviceId: number;
  /** Brand and model, and the site, as the register holds them now (null: the device is gone). */
  description: string | null;
  siteName: string | null;
  attestedStatus: string | null;
  nowStatus: string | null;
}

export interface ReturnChanges {
  figures: FigureChange[];
  devices: DeviceChange[];
  /** More devices changed than are listed. */
  moreDevices: number;
}

/** One department's return in a round, as the round's overview lists it. */
export interface DepartmentReturnRow {
  organisationId: number;
  name: string;
  acronym: string;
  status: ReturnStatus;
  /** The latest attestation's official and time, if any. */
  attestedBy: string | null;
  attestedAt: string | null;
}

/** Everything the department's return page shows. */
export interface DepartmentReturn {
  round: RoundSummary;
  organisation: { id: number; name: string; acronym: string; agencies: string[] };
  status: ReturnStatus;
  figures: ReturnFigures;
  /** The SHA-256 of the per-device results the page shows; attesting checks it still holds. */
  figuresHash: string;
  /** Devices with an open finding (breach or action due) for the as-of date, the first few. */
  openFindings: { deviceId: number; description: string; siteName: string; status: string; rules: string[] }[];
  openFindingsTotal: number;
  draft: { answers: DeclarationAnswer[]; comment: string | null } | null;
  latest: AttestationRecord | null;
  /** Earlier attestations, newest first. */
  history: AttestationRecord[];
  changes: ReturnChanges | null;
  /** Whether the person looking may attest (the department's accountable official). */
  canAttest: boolean;
  /** Whether they may save a draft of the answers (the department's editors and officials). */
  canDraft: boolean;
}

/** The round each department's status belongs to, for the dashboard and the report. */
export interface RoundStatuses {
  round: { id: number; name: string; asOf: string; dueOn: string };
  /** Department id → its return's status and latest attestation. */
  departments: DepartmentReturnRow[];
}
