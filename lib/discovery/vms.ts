// Reads a video management system's camera list (CSV or XLSX) into discovered hosts, through a
// column mapping chosen at upload. The import's guarded readers do the reading (lib/import/parse.ts:
// one row at a time, with caps on cells, columns and the XLSX's unpacked parts), so a hostile
// spreadsheet is refused here exactly as it is at the import.
//
// Columns whose header suggests secrets (Milestone's camera report has a Password column when run
// with -IncludePasswords) are never read into a host, whether mapped or not, and are listed in
// discardedColumns so the upload can say so.
import { open, stat } from "node:fs/promises";
import { normaliseMac } from "@/lib/compliance/mac";
import { parseHostAddress } from "@/lib/discovery/address";
import { DiscoveryFileError, MAX_DISCOVERY_HOSTS, MAX_LISTED_PROBLEMS, MAX_VMS_BYTES } from "@/lib/discovery/limits";
import type { DiscoveredHostInput, DiscoveryFileProblem, ParsedDiscovery } from "@/lib/discovery/types";
import { ImportFileError, detectFormat, type ImportFormat } from "@/lib/import/limits";
import { normaliseHeader, readRows } from "@/lib/import/parse";
import {
  VMS_FIELDS,
  VMS_FIELD_NAMES,
  isSecretHeader,
  vmsMappingSchema,
  type VmsField,
  type VmsMapping,
  type VmsMappingInput,
} from "@/lib/validation/discovery-mapping";
import { stripUnsafeText } from "@/lib/validation/text";

export { VMS_FIELDS, isSecretHeader, type VmsField, type VmsMapping };
/** From the file name, confirmed by the first bytes, as at the import. */
export const detectVmsFormat = detectFormat;

/** What the register keeps of each text field; as the register's own device fields allow. */
const MAX_LENGTH: Record<Exclude<VmsField, "address" | "mac">, number> = {
  name: 200, manufacturer: 100, model: 100, serial: 100, firmware: 100, site: 50,
};

/** The import's refusals keep their message; anything else the readers throw means unreadable. */
function asDiscoveryError(error: unknown): unknown {
  if (error instanceof DiscoveryFileError) return error;
  if (error instanceof ImportFileError) {
    return error.code === "tooManyRows" ? new DiscoveryFileError("tooManyHosts") : new DiscoveryFileError("unreadable", { message: error.message });
  }
  if (error instanceof Error && "code" in error && (error.code === "ENOENT" || error.code === "EACCES")) return error;
  return new DiscoveryFileError("unreadable");
}

async function checkFile(path: string, format: ImportFormat): Promise<void> {
  const { size } = await stat(path);
  if (size === 0) throw new DiscoveryFileError("empty");
  if (size > MAX_VMS_BYTES) throw new DiscoveryFileError("vmsTooLarge");
  if (format === "csv") {
    // Excel's "Unicode text" and Windows PowerShell's -Encoding Unicode write UTF-16, which would
    // otherwise be read as text with a null byte between letters.
    const handle = await open(path, "r");
    try {
      const head = Buffer.alloc(2);
      const { bytesRead } = await handle.read(head, 0, 2, 0);
      const [a, b] = [head[0], head[1]];
      if (bytesRead === 2 && ((a === 0xff && b === 0xfe) || (a === 0xfe && b === 0xff) || a === 0 || b === 0)) {
        throw new DiscoveryFileError("vmsEncoding");
      }
    } finally {
      await handle.close();
    }
  }
}

/**
 * The column names on the file's first non-blank row, trimmed, blanks left out, for the mapping
 * page. Throws DiscoveryFileError when the file is refused.
 */
export async function readVmsHeader(path: string, format: ImportFormat): Promise<string[]> {
  await checkFile(path, format);
  try {
    for await (const { cells } of readRows(path, format)) {
      if (cells.every((c) => c.trim() === "")) continue;
      return cells.map((c) => stripUnsafeText(c)).filter((c) => c !== "");
    }
  } catch (error) {
    throw asDiscoveryError(error);
  }
  throw new DiscoveryFileError("empty");
}

// Header shapes of the camera lists the register knows, as normalised headers (normaliseHeader).
const SYNONYMS: Record<VmsField, readonly string[]> = {
  name: ["cameraname", "camera_name", "name", "camera", "device_name", "devicename", "entity", "display_name"],
  address: ["address", "ip_address", "ipaddress", "ip", "ipv4_address", "host", "hostname", "url", "camera_address"],
  mac: ["mac", "mac_address", "macaddress", "physical_address", "physicaladdress", "hardware_address"],
  manufacturer: ["manufacturer", "vendor", "make", "brand", "manufacturer_name"],
  model: ["model", "product_type", "producttype", "model_name", "modelname", "product"],
  serial: ["serial_number", "serialnumber", "serial", "serial_no", "sn"],
  firmware: ["firmware_version", "firmwareversion", "firmware", "firmware_ver"],
  site: ["site_code", "sitecode", "site"],
};

export interface MappingSuggestion {
  /** The product the header row looks like, when it is one the register knows. */
  product: string | null;
  mapping: VmsMapping;
  /** Headers that look as if they hold passwords or other secrets: never read, never offered. */
  secretColumns: string[];
}

/**
 * A first guess at the mapping from the header row, for the user to check at upload: Milestone
 * XProtect's camera report (MilestonePSTools' Get-VmsCameraReport | Export-Csv), Genetec Security
 * Center's camera or unit report, or any list whose columns have common names. Secret-looking
 * columns are never suggested.
 */
export function suggestMapping(headers: readonly string[]): MappingSuggestion {
  const trimmed = headers.map((h) => h.trim()).filter((h) => h !== "");
  const secretColumns = trimmed.filter((h) => isSecretHeader(h));
  const usable = trimmed.filter((h) => !isSecretHeader(h));
  const byKey = new Map<string, string>();
  for (const h of usable) {
    const key = normaliseHeader(h);
    if (!byKey.has(key)) byKey.set(key, h);
  }
  const has = (...keys: string[]) => keys.every((k) => byKey.has(k));
  const pick = (...keys: string[]) => {
    for (const k of keys) {
      const h = byKey.get(k);
      if (h !== undefined) return h;
    }
    return null;
  };

  const mapping = Object.fromEntries(VMS_FIELD_NAMES.map((f) => [f, null])) as VmsMapping;
  let product: string | null = null;
  if (has("hardwarename", "recordername") && (byKey.has("cameraname") || byKey.has("name"))) {
    // Milestone XProtect. Model names the maker ("Hikvision DS-2CD2143G2-I"); DriverFamily is the
    // driver's, which is ONVIF or Universal for many cameras, so it is not the manufacturer.
    product = "Milestone XProtect";
    Object.assign(mapping, {
      name: pick("cameraname", "name"),
      address: pick("address"),
      mac: pick("mac"),
      model: pick("model"),
      firmware: pick("firmware"),
      serial: pick("serialnumber", "serial_number"),
    });
  } else if (byKey.has("manufacturer") && ["product_type", "physical_address", "entity", "entity_type"].some((k) => byKey.has(k))) {
    // Genetec Security Center: Config Tool's reports name the maker "Manufacturer", the model
    // "Product type", the MAC "Physical address", and the camera or unit "Entity" or "Name".
    product = "Genetec Security Center";
    Object.assign(mapping, {
      name: pick("name", "entity", "camera", "unit"),
      address: pick("ip_address", "address"),
      mac: pick("physical_address", "mac_address", "mac"),
      manufacturer: pick("manufacturer"),
      model: pick("product_type", "model"),
      serial: pick("serial_number", "serial"),
      firmware: pick("firmware_version", "firmware"),
    });
  } else {
    for (const field of VMS_FIELD_NAMES) mapping[field] = pick(...SYNONYMS[field]);
  }
  // One column, one field: a later field that landed on an already chosen column gives it up.
  const taken = new Set<string>();
  for (const field of VMS_FIELD_NAMES) {
    const h = mapping[field];
    if (h === null) continue;
    if (taken.has(h)) mapping[field] = null;
    else taken.add(h);
  }
  return { product, mapping, secretColumns };
}

interface ColumnPlan {
  field: VmsField;
  index: number;
  header: string;
}

/**
 * Reads the camera list at `path` with `mapping` (checked with vmsMappingSchema; a mapping that is
 * refused, or names a column the file does not have, refuses the file). Each row becomes a host
 * whose line is its row number; a row with no IP address, MAC address or serial number, and each
 * cell that cannot be read, is a problem with its row and column.
 */
export async function readVmsList(path: string, format: ImportFormat, mappingInput: VmsMapping | VmsMappingInput): Promise<ParsedDiscovery> {
  const parsed = vmsMappingSchema.safeParse(mappingInput);
  if (!parsed.success) throw new DiscoveryFileError("mapping", { message: parsed.error.issues[0]?.message ?? undefined });
  const mapping = parsed.data;
  await checkFile(path, format);

  const hosts: DiscoveredHostInput[] = [];
  const problems: DiscoveryFileProblem[] = [];
  let problemCount = 0;
  const problem = (line: number, field: string | null, message: string) => {
    problemCount += 1;
    if (problems.length < MAX_LISTED_PROBLEMS) problems.push({ line, field, message });
  };
  let plan: ColumnPlan[] | null = null;
  const discardedColumns: string[] = [];
  let rows = 0;

  try {
    for await (const { rowNumber, cells } of readRows(path, format)) {
      if (cells.every((c) => c.trim() === "")) continue;
      if (plan === null) {
        plan = planColumns(cells, mapping, discardedColumns);
        continue;
      }
      rows += 1;
      if (rows > MAX_DISCOVERY_HOSTS) throw new DiscoveryFileError("tooManyHosts");
      const host = readRow(rowNumber, cells, plan, problem);
      if (host !== null) hosts.push(host);
    }
  } catch (error) {
    throw asDiscoveryError(error);
  }
  if (plan === null) throw new DiscoveryFileError("empty");
  if (rows === 0) throw new DiscoveryFileError("noRows");
  return { source: "VMS", scannedAt: null, command: null, hosts, problems, problemCount, discardedColumns };
}

function planColumns(cells: string[], mapping: VmsMapping, discarded: string[]): ColumnPlan[] {
  const headers = cells.map((c) => stripUnsafeText(c));
  for (const h of headers) if (h !== "" && isSecretHeader(h) && !discarded.includes(h)) discarded.push(h);
  const plan: ColumnPlan[] = [];
  for (const field of VMS_FIELD_NAMES) {
    const wanted = mapping[field];
    if (wanted === null) continue;
    const key = normaliseHeader(wanted);
    const indexes = headers.flatMap((h, i) => (h !== "" && normaliseHeader(h) === key ? [i] : []));
    if (indexes.length === 0) {
      throw new DiscoveryFileError("missingColumn", { message: `The selected file does not have a column called ${wanted}: choose the columns again` });
    }
    if (indexes.length > 1) {
      throw new DiscoveryFileError("duplicateColumn", { message: `The selected file has two columns called ${wanted}: rename one of them and upload the file again` });
    }
    const index = indexes[0]!;
    // The schema refuses secret-looking names; this holds whatever the mapping was given.
    if (isSecretHeader(headers[index]!)) {
      throw new DiscoveryFileError("mapping", { message: `The column ${headers[index]} looks as if it holds passwords or other secrets, which the register never reads: choose another column` });
    }
    plan.push({ field, index, header: headers[index]! });
  }
  return plan;
}

const NOUNS = Object.fromEntries(VMS_FIELDS.map((f) => [f.name, f.noun])) as Record<VmsField, string>;

/** A cell's value in a message: short, safe to show. */
function shown(value: string): string {
  const t = stripUnsafeText(value);
  return t.length > 40 ? `${t.slice(0, 40)}…` : t;
}

function readRow(
  line: number,
  cells: string[],
  plan: readonly ColumnPlan[],
  problem: (line: number, field: string | null, message: string) => void,
): DiscoveredHostInput | null {
  const host: DiscoveredHostInput = {
    line, ipv4: null, ipv6: null, mac: null, macVendor: null, hostnames: [], name: null, manufacturer: null, model: null,
    serial: null, firmware: null, services: [], osGuess: null, siteCode: null,
  };
  let cellProblems = 0;
  for (const { field, index, header } of plan) {
    const raw = cells[index] ?? "";
    const value = stripUnsafeText(raw);
    if (value === "") continue;
    if (field === "address") {
      const address = parseHostAddress(value);
      if (address === null) {
        cellProblems += 1;
        // A URL can carry a user name and password: such a cell is never repeated back.
        const echo = value.includes("@") ? "" : ` (${shown(value)})`;
        problem(line, header, `The IP address${echo} is not an IP address, an address with a port, or a web address like http://10.1.2.3/`);
      } else {
        host.ipv4 = address.ipv4;
        host.ipv6 = address.ipv6;
        if (address.hostname !== null) host.hostnames.push(address.hostname);
      }
    } else if (field === "mac") {
      const mac = normaliseMac(value);
      if (mac === null) {
        cellProblems += 1;
        problem(line, header, `The MAC address (${shown(value)}) is not a MAC address: enter it like 44:47:CC:12:34:56 or 4447CC123456`);
      } else if (mac !== "000000000000" && mac !== "FFFFFFFFFFFF") {
        // All zeros or all ones is what a VMS shows when it does not know the address.
        host.mac = mac;
      }
    } else {
      const max = MAX_LENGTH[field];
      if (value.length > max) {
        cellProblems += 1;
        problem(line, header, `The ${NOUNS[field]} must be ${max} characters or fewer`);
        continue;
      }
      if (field === "site") host.siteCode = value;
      else host[field] = value;
    }
  }
  if (host.ipv4 === null && host.ipv6 === null && host.mac === null && host.serial === null) {
    if (cellProblems === 0) problem(line, null, "The row has no IP address, MAC address or serial number, so the camera cannot be matched: it is left out");
    return null;
  }
  return host;
}
