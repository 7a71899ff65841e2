// First answers for the review of hosts to add, from what the scan says. They are guesses for the
// editor to check, never facts: the form shows them as values to keep or change.
import type { DiscoveredService } from "@/lib/discovery/types";

/** The import's words for a device's kind and network (lib/validation/import-row.ts accepts them). */
export const KIND_CHOICES = ["Camera", "Recorder", "Encoder", "Other"] as const;
export const NETWORK_CHOICES = ["Core", "Segregated", "Standalone", "Unknown"] as const;
export type KindChoice = (typeof KIND_CHOICES)[number];

export interface HostEvidence {
  services: readonly DiscoveredService[];
  name: string | null;
  model: string | null;
  osGuess: string | null;
  hostnames: readonly string[];
  probableProducer: string | null;
  manufacturer: string | null;
  macVendor: string | null;
}

// Hikvision's SDK port is 8000, Dahua's 37777: recorders answer on them, and say DVR or NVR.
const RECORDER_PORTS = new Set([8000, 37777]);
const RECORDER_WORDS = /\b(?:[DNX]VR|HVR|recorder)\b/i;
// RTSP is how cameras stream; ONVIF is how they are found and configured.
const CAMERA_PORTS = new Set([554]);
const CAMERA_WORDS = /\b(?:onvif|rtsp|ip ?cam(?:era)?|network camera|webcam|dome|bullet|ptz|ipc)\b/i;

function textsOf(h: HostEvidence): string[] {
  return [
    ...h.services.flatMap((s) => [s.name, s.product, s.version, s.extraInfo]),
    h.name,
    h.model,
    h.osGuess,
    ...h.hostnames,
  ].filter((t): t is string => Boolean(t));
}

/** Recorder when a recorder port is open and something says DVR or NVR; camera on RTSP, ONVIF or a camera's words; else Other. */
export function guessKind(h: HostEvidence): KindChoice {
  const texts = textsOf(h);
  const says = (re: RegExp) => texts.some((t) => re.test(t));
  if (h.services.some((s) => RECORDER_PORTS.has(s.port)) && says(RECORDER_WORDS)) return "Recorder";
  if (h.services.some((s) => CAMERA_PORTS.has(s.port)) || says(CAMERA_WORDS)) return "Camera";
  return "Other";
}

/** The brand to start from: the probable covered producer, else the maker the file names, else the MAC vendor. */
export function guessBrand(h: HostEvidence): string {
  return h.probableProducer ?? h.manufacturer ?? h.macVendor ?? "";
}
