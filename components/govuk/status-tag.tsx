import { STATUS_WORDS } from "@/lib/presentation/status-words";
import { Tag, type TagColour } from "./tag";

export type DeviceStatus = "BREACH" | "ACTION_DUE" | "UNVERIFIED" | "ADVISORY" | "COMPLIANT" | "REMOVED";
export type OrganisationStatus = "RED" | "AMBER" | "GREEN" | "NO_DATA";

export interface StatusPresentation {
  colour: TagColour;
  text: string;
}

export const STATUS_PRESENTATION: Readonly<Record<DeviceStatus | OrganisationStatus, StatusPresentation>> = {
  // Device statuses
  BREACH: { colour: "red", text: STATUS_WORDS.BREACH },
  ACTION_DUE: { colour: "orange", text: STATUS_WORDS.ACTION_DUE },
  UNVERIFIED: { colour: "yellow", text: STATUS_WORDS.UNVERIFIED },
  ADVISORY: { colour: "blue", text: STATUS_WORDS.ADVISORY },
  COMPLIANT: { colour: "green", text: STATUS_WORDS.COMPLIANT },
  REMOVED: { colour: "grey", text: STATUS_WORDS.REMOVED },
  // Organisation (RAG) statuses
  RED: { colour: "red", text: STATUS_WORDS.RED },
  AMBER: { colour: "orange", text: STATUS_WORDS.AMBER },
  GREEN: { colour: "green", text: STATUS_WORDS.GREEN },
  NO_DATA: { colour: "grey", text: STATUS_WORDS.NO_DATA },
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
