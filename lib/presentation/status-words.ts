// The words for each status, in one place for everything that shows a status: the tags on screen
// (components/govuk/status-tag.tsx adds their colours) and the files people download
// (lib/export, lib/reports). Plain data, safe in the browser and on the server.

export type DeviceStatus = "BREACH" | "ACTION_DUE" | "UNVERIFIED" | "ADVISORY" | "COMPLIANT" | "REMOVED";
export type OrganisationStatus = "RED" | "AMBER" | "GREEN" | "NO_DATA";

export const STATUS_WORDS: Readonly<Record<DeviceStatus | OrganisationStatus, string>> = {
  BREACH: "Breach",
  ACTION_DUE: "Action due",
  UNVERIFIED: "Unverified",
  ADVISORY: "Advisory",
  COMPLIANT: "Compliant",
  REMOVED: "Removed",
  RED: "Red: breach",
  AMBER: "Amber: action due",
  GREEN: "Green: compliant",
  NO_DATA: "No data",
};

/** The words for a status; an unknown value is shown as it is rather than hidden. */
export function statusWords(status: string): string {
  return Object.prototype.hasOwnProperty.call(STATUS_WORDS, status) ? STATUS_WORDS[status as keyof typeof STATUS_WORDS] : status;
}
