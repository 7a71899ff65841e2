import { Tag, type TagColour } from "./tag";

export type DeviceStatus = "BREACH" | "ACTION_DUE" | "UNVERIFIED" | "ADVISORY" | "COMPLIANT" | "REMOVED";
export type OrganisationStatus = "RED" | "AMBER" | "GREEN" | "NO_DATA";

export interface StatusPresentation {
  colour: TagColour;
  text: string;
}

export const STATUS_PRESENTATION: Readonly<Record<DeviceStatus | OrganisationStatus, StatusPresentation>> = {
  // Device statuses
  BREACH: { colour: "red", text: "Breach" },
  ACTION_DUE: { colour: "orange", text: "Action due" },
  UNVERIFIED: { colour: "yellow", text: "Unverified" },
  ADVISORY: { colour: "blue", text: "Advisory" },
  COMPLIANT: { colour: "green", text: "Compliant" },
  REMOVED: { colour: "grey", text: "Removed" },
  // Organisation (RAG) statuses
  RED: { colour: "red", text: "Red: breach" },
  AMBER: { colour: "orange", text: "Amber: action due" },
  GREEN: { colour: "green", text: "Green: compliant" },
  NO_DATA: { colour: "grey", text: "No data" },
};

function isKnownStatus(status: string): status is DeviceStatus | OrganisationStatus {
  return Object.prototype.hasOwnProperty.call(STATUS_PRESENTATION, status);
}

/** Colour and words for a status; unknown values fall back to grey with the raw text. */
export function statusPresentation(status: string): StatusPresentation {
  return isKnownStatus(status) ? STATUS_PRESENTATION[status] : { colour: "grey", text: status };
}

export interface StatusTagProps {
  status: DeviceStatus | OrganisationStatus | (string & {});
  className?: string;
}

export function StatusTag({ status, className }: StatusTagProps) {
  const { colour, text } = statusPresentation(status);
  return (
    <Tag colour={colour} className={className}>
      {text}
    </Tag>
  );
}
