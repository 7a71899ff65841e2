// Words and small decisions the returns pages share: plain functions, safe on the server and in
// the browser, and tested on their own (tests/unit/returns-pages).
import type { TagColour } from "@/components/govuk/tag";
import { RETURN_STATUSES, RETURN_STATUS_LABELS, type ReturnStatus } from "@/lib/returns/types";

/** Each status's tag colour: never the only sign, since the tag says the status in words. */
export const RETURN_STATUS_COLOURS: Readonly<Record<ReturnStatus, TagColour>> = {
  NOT_STARTED: "grey",
  IN_PROGRESS: "blue",
  ATTESTED: "green",
  CHANGED: "orange",
  OVERDUE: "red",
};

export function isReturnStatus(value: unknown): value is ReturnStatus {
  return typeof value === "string" && (RETURN_STATUSES as readonly string[]).includes(value);
}

/** The status a filter asks for, from the query string: anything else is no filter at all. */
export function statusFilterOf(raw: string | string[] | undefined): ReturnStatus | null {
  const value = Array.isArray(raw) ? raw[0] : raw;
  return isReturnStatus(value) ? value : null;
}

const count = new Intl.NumberFormat("en-GB");

/** "2 attested, 1 in progress, 3 not started": the statuses that have any, in the statuses' order. */
export function statusCountsText(byStatus: Readonly<Record<ReturnStatus, number>>): string {
  const parts = RETURN_STATUSES.filter((s) => (byStatus[s] ?? 0) > 0).map((s) => `${count.format(byStatus[s])} ${RETURN_STATUS_LABELS[s].toLowerCase()}`);
  return parts.length === 0 ? "No departments" : parts.join(", ");
}

/** "3 of 12": how many departments have attested (their latest attestation still holds or not). */
export function attestedOfTotal(byStatus: Readonly<Record<ReturnStatus, number>>, departments: number): string {
  return `${count.format(byStatus.ATTESTED ?? 0)} of ${count.format(departments)}`;
}

/** The field names of one statement's answer and its details. */
export const answerField = (declarationId: string) => `answer-${declarationId}`;
export const detailsField = (declarationId: string) => `details-${declarationId}`;

/** The answer form's fields in page order: for the error summary's order. */
export function answerFieldOrder(declarationIds: readonly string[], attesting: boolean): string[] {
  return [...declarationIds.flatMap((id) => [answerField(id), detailsField(id)]), "comment", ...(attesting ? ["confirm"] : [])];
}

/** "Yes", or "No" followed by what is excepted. */
export function answerText(answer: "yes" | "no", details: string | null): string {
  if (answer === "yes") return "Yes";
  return details ? `No: ${details}` : "No";
}

/** "and 3 more", for a list cut short. */
export function andMore(shown: number, total: number, noun: string, plural = `${noun}s`): string | null {
  const more = total - shown;
  if (more <= 0) return null;
  return `and ${count.format(more)} more ${more === 1 ? noun : plural}`;
}
