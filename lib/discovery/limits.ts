// Limits on network-discovery files (nmap XML scans and VMS camera lists), and the error that
// refuses a whole file. Each limit keeps one upload's memory and time bounded whatever the file
// holds; apart from the hosts read, nothing grows with the size of the file.
import { MAX_IMPORT_BYTES, MAX_LISTED_ERRORS } from "@/lib/import/limits";

/**
 * An nmap XML file. A camera that is up, scanned with -sV -O, is about 1.7 KB of XML: its MAC
 * address, a hostname, four open ports with their banners, an OS guess and nmap's timing elements
 * (a host that is down is about 150 bytes). A whole /16, 65,536 hosts, every one of them up, is
 * then about 110 MB, so 128 MB takes it with room to spare, and the streaming reader gets through
 * that in a few seconds with its memory bounded by the hosts it keeps. Anything larger is better
 * split by subnet, so that each site's scan is its own upload.
 */
export const MAX_DISCOVERY_BYTES = 128 * 1024 * 1024;

/** A VMS camera list is a spreadsheet: the import's file size cap holds. */
export const MAX_VMS_BYTES = MAX_IMPORT_BYTES;

/**
 * Host elements in one nmap file, up or down, and rows in one VMS list: a /16 twice over, so a
 * /16 with every host listed (nmap -v lists the hosts that are down too) always fits.
 */
export const MAX_DISCOVERY_HOSTS = 131_072;

/**
 * One piece of XML held in memory while it is read: a tag with its attributes, a comment, a
 * processing instruction, a document type declaration, or a run of text. nmap's longest are the
 * service fingerprints of unrecognised services (a few KB each) and script output; 64 KiB is many
 * times those. Counted in characters; a piece can overrun by at most one read (64 KiB) before it
 * is refused.
 */
export const MAX_DISCOVERY_TOKEN = 64 * 1024;

/**
 * Elements inside elements. nmap's deepest is about eight (nmaprun, host, ports, port, script,
 * table, table, elem); 32 leaves room for script tables without letting a file nest for ever.
 */
export const MAX_DISCOVERY_DEPTH = 32;

/** Problems kept for display; every problem is still counted, as in the import. */
export const MAX_LISTED_PROBLEMS = MAX_LISTED_ERRORS;

/**
 * Per host: a camera has a handful of open ports and one or two names. A firewall that answers on
 * every port would otherwise turn one host into 65,535 services.
 */
export const MAX_SERVICES_PER_HOST = 256;
export const MAX_HOSTNAMES_PER_HOST = 16;

/** Text kept from an nmap attribute (a banner, a version, an OS guess) is cut to this length. */
export const MAX_DISCOVERY_TEXT = 200;
/** nmap's command line, kept as evidence, is cut to this length. */
export const MAX_COMMAND_LENGTH = 2_000;

export const DISCOVERY_MESSAGES = {
  empty: "The selected file is empty",
  tooLarge: "The selected file must be smaller than 128 MB: scan fewer addresses at a time, such as one subnet or one site, and upload each file",
  vmsTooLarge: "The selected file must be smaller than 20 MB: split the camera list into smaller files and upload them one after another",
  compressed: "The selected file is compressed: upload the XML file nmap wrote, not a .gz or .zip of it",
  encoding: "The selected file must be UTF-8 text, as nmap writes it: upload the XML file nmap wrote, without converting it",
  vmsEncoding: "The selected file must be saved as CSV (UTF-8) or as an Excel workbook (.xlsx): save it again in one of those formats and upload it again",
  binary: "The selected file contains binary data (a null byte), so it is not an nmap XML file: upload the XML file nmap wrote",
  notNmap: "The selected file is not an nmap XML file: run nmap with -oX and upload the file it writes",
  doctype: "The selected file has a document type declaration that defines entities or points to another file, which nmap never writes: upload the XML file nmap wrote",
  entity: "The selected file uses an XML entity that nmap never writes: upload the XML file nmap wrote",
  processingInstruction: "The selected file has an XML processing instruction that nmap never writes: upload the XML file nmap wrote",
  tokenTooLong: "The selected file has a tag, attribute, comment or text longer than 64 KB, which nmap never writes: upload the XML file nmap wrote",
  tooDeep: "The selected file has elements nested more than 32 deep, which nmap never writes: upload the XML file nmap wrote",
  tooManyHosts: "The selected file has more than 131,072 hosts: scan fewer addresses at a time, such as one subnet or one site, and upload each file",
  malformed: "The selected file is not well-formed XML: upload the XML file nmap wrote, without editing it",
  truncated: "The selected file ends part-way through the scan results: it may have been copied before nmap finished writing it. Run the scan again, let it finish, and upload the file",
  unreadable: "The selected file could not be read: save it again as CSV (UTF-8) or as an Excel workbook (.xlsx) and upload it again",
  noRows: "The selected file has a header row but no cameras",
  mapping: "Choose which columns hold the cameras' details",
  missingColumn: "The selected file does not have a column the mapping names: choose the columns again",
  duplicateColumn: "The selected file has two columns with the same name that the mapping uses: rename one of them and upload the file again",
} as const;

export type DiscoveryErrorCode = keyof typeof DISCOVERY_MESSAGES;

/**
 * A problem with the whole file: nothing in it is used. The message is plain English, shown as it
 * is; `line` (when known) is where the reader stopped, and is already part of the message.
 */
export class DiscoveryFileError extends Error {
  readonly line: number | null;

  constructor(
    readonly code: DiscoveryErrorCode,
    options: { line?: number | null; message?: string } = {},
  ) {
    const line = options.line ?? null;
    const base = options.message ?? DISCOVERY_MESSAGES[code];
    super(line === null ? base : withLine(base, line));
    this.name = "DiscoveryFileError";
    this.line = line;
  }
}

/** "The selected file is not well-formed XML (line 12): upload…" */
function withLine(message: string, line: number): string {
  const colon = message.indexOf(":");
  return colon === -1 ? `${message} (line ${line})` : `${message.slice(0, colon)} (line ${line})${message.slice(colon)}`;
}
