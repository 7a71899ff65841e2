// Which column of a video management system's camera list holds each detail the register reads.
// Chosen at upload (suggested from the file's header row) and checked here before the file is
// read. A column that looks as if it holds secrets (a camera password, say) can never be chosen.
import { z } from "zod";
import { textProblem } from "@/lib/validation/text";

export const VMS_FIELD_NAMES = ["name", "address", "mac", "manufacturer", "model", "serial", "firmware", "site"] as const;
export type VmsField = (typeof VMS_FIELD_NAMES)[number];

/** Plain-English labels (and the same in the middle of a sentence), with a hint for the mapping page. */
export const VMS_FIELDS: readonly { name: VmsField; label: string; noun: string; hint: string }[] = [
  { name: "name", label: "Camera name", noun: "camera name", hint: "The camera's name in the video management system" },
  { name: "address", label: "IP address", noun: "IP address", hint: "An IP address, an address with a port, or a web address such as http://10.1.2.3/" },
  { name: "mac", label: "MAC address", noun: "MAC address", hint: "In any common format, such as 44:47:CC:12:34:56 or 4447CC123456" },
  { name: "manufacturer", label: "Manufacturer", noun: "manufacturer", hint: "The maker or brand of the camera" },
  { name: "model", label: "Model", noun: "model", hint: "The camera's model" },
  { name: "serial", label: "Serial number", noun: "serial number", hint: "The camera's serial number" },
  { name: "firmware", label: "Firmware version", noun: "firmware version", hint: "The version of the camera's firmware" },
  { name: "site", label: "Site code", noun: "site code", hint: "The register's code for the site, when one file covers several sites" },
];

export type VmsMapping = Record<VmsField, string | null>;

/** Column names are short; a longer one is a mistake or a file that is not a camera list. */
export const MAX_HEADER_LENGTH = 200;

// Words (or parts of words) that mark a column as holding secrets. Whole words for the short ones,
// so that "Keyframes only" or "Passive" is not caught; anywhere for the long ones, so that
// "AdminPassword" and "camera_password" are.
const SECRET_ANYWHERE = /pass(?:word|wd|phrase|code)|secret|credential|private|token/;
const SECRET_WORDS = new Set(["pwd", "pw", "pass", "key", "keys", "apikey", "pin", "psk", "auth", "authorization"]);

/**
 * Whether a column's header suggests it holds passwords, keys or other secrets. Such a column is
 * never read into the register, whether or not it is mapped, and the upload says it was discarded.
 * Deliberately broad: dropping a harmless column costs nothing.
 */
export function isSecretHeader(header: string): boolean {
  const lower = header.toLowerCase();
  if (SECRET_ANYWHERE.test(lower)) return true;
  // "CameraPassword" → camera, password; "api_key" → api, key; "SSH-Key" → ssh, key.
  const words = header
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== "");
  return words.some((w) => SECRET_WORDS.has(w));
}

/** "IP address", "ip-address" and "IP_Address" are the same column (as in the import). */
export function sameHeader(a: string, b: string): boolean {
  return normaliseHeaderText(a) === normaliseHeaderText(b);
}

function normaliseHeaderText(s: string): string {
  return s.trim().toLowerCase().replace(/[\s-]+/g, "_");
}

const NOUNS = Object.fromEntries(VMS_FIELDS.map((f) => [f.name, f.noun])) as Record<VmsField, string>;

/** One field: a column's header as the file writes it, or null (an empty choice) for none. */
function columnChoice(field: VmsField) {
  const noun = NOUNS[field];
  return z
    .string({ error: `Choose the column that holds the ${noun}, or none` })
    .nullish()
    .transform((s) => (s === null || s === undefined || s.trim() === "" ? null : s.trim()))
    .superRefine((s, ctx) => {
      if (s === null) return;
      if (s.length > MAX_HEADER_LENGTH) {
        ctx.addIssue({ code: "custom", message: `The column for the ${noun} must be ${MAX_HEADER_LENGTH} characters or fewer` });
        return;
      }
      const problem = textProblem(s, `The column for the ${noun}`);
      if (problem !== null) {
        ctx.addIssue({ code: "custom", message: problem });
        return;
      }
      if (isSecretHeader(s)) {
        ctx.addIssue({
          code: "custom",
          message: `The column ${s} looks as if it holds passwords or other secrets, which the register never reads: choose another column for the ${noun}`,
        });
      }
    });
}

export const vmsMappingSchema = z
  .object({
    name: columnChoice("name"),
    address: columnChoice("address"),
    mac: columnChoice("mac"),
    manufacturer: columnChoice("manufacturer"),
    model: columnChoice("model"),
    serial: columnChoice("serial"),
    firmware: columnChoice("firmware"),
    site: columnChoice("site"),
  })
  .superRefine((m, ctx) => {
    if (m.address === null && m.mac === null && m.serial === null) {
      ctx.addIssue({
        code: "custom",
        path: ["address"],
        message: "Choose the column that holds the IP address, the MAC address or the serial number: the register matches cameras by at least one of them",
      });
    }
    const seen = new Map<string, VmsField>();
    for (const field of VMS_FIELD_NAMES) {
      const header = m[field];
      if (header === null) continue;
      const key = normaliseHeaderText(header);
      const first = seen.get(key);
      if (first === undefined) {
        seen.set(key, field);
      } else {
        ctx.addIssue({
          code: "custom",
          path: [field],
          message: `The column ${header} is already chosen for the ${NOUNS[first]}: choose a different column for the ${NOUNS[field]}`,
        });
      }
    }
  });

export type VmsMappingInput = z.input<typeof vmsMappingSchema>;
