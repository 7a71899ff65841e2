// Reads an nmap XML scan (nmap -oX) into the hosts it found up, streaming, with a conforming XML
// parser (saxes) that never fetches or expands anything a document type declaration defines.
//
// The file is refused whole (DiscoveryFileError) when it is anything but the XML nmap writes:
// compressed, not UTF-8, binary, not XML, not an nmaprun document, over a limit (size, hosts,
// length of one tag or text, nesting), cut short, or using XML features nmap never uses (entities
// beyond XML's five, a DTD with an internal subset or an external identifier, processing
// instructions other than nmap's stylesheet). Memory stays bounded apart from the hosts read:
// text is never collected, each tag is capped, and only the current host is built.
//
// A host that is up becomes a DiscoveredHostInput; a host that is down is skipped. A host with
// no usable address, or an unreadable MAC or IP address, is a problem listed with its line.
import { createReadStream } from "node:fs";
import { open, stat } from "node:fs/promises";
import { SaxesParser, type SaxesTagPlain } from "saxes";
import { normaliseMac } from "@/lib/compliance/mac";
import { normaliseIp } from "@/lib/discovery/address";
import {
  DiscoveryFileError,
  MAX_COMMAND_LENGTH,
  MAX_DISCOVERY_BYTES,
  MAX_DISCOVERY_DEPTH,
  MAX_DISCOVERY_HOSTS,
  MAX_DISCOVERY_TEXT,
  MAX_DISCOVERY_TOKEN,
  MAX_HOSTNAMES_PER_HOST,
  MAX_LISTED_PROBLEMS,
  MAX_SERVICES_PER_HOST,
} from "@/lib/discovery/limits";
import type { DiscoveredHostInput, DiscoveredService, DiscoveryFileProblem, ParsedDiscovery } from "@/lib/discovery/types";
import { stripUnsafeText } from "@/lib/validation/text";

/** Characters read at a time; a tag still open after a read can overrun the token cap by this. */
const CHUNK = 64 * 1024;
/** Distinct banners, vendors and OS guesses shared between hosts; past this, each is its own copy. */
const MAX_SHARED_TEXTS = 20_000;

/**
 * A copy of `s` that shares no memory with the text it was cut from. V8 keeps a string sliced
 * from a larger one as a view of it, so one banner kept from each host would otherwise keep every
 * 64 KB chunk of the file alive: the hosts would hold the whole file.
 */
function detached(s: string): string {
  return s.length < 13 ? s : Buffer.from(s, "utf8").toString("utf8");
}

/** Text nmap wrote, made safe to store and show: no control or invisible characters, capped. */
export function cleanText(value: string | undefined, max = MAX_DISCOVERY_TEXT): string | null {
  if (value === undefined) return null;
  const t = stripUnsafeText(value);
  if (t === "") return null;
  return detached(t.length > max ? t.slice(0, max) : t);
}

/** The first bytes say what the file really is, whatever its name. */
async function checkHead(path: string): Promise<void> {
  const handle = await open(path, "r");
  let head: Buffer;
  try {
    const buffer = Buffer.alloc(8);
    const { bytesRead } = await handle.read(buffer, 0, 8, 0);
    head = buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
  const starts = (...bytes: number[]) => bytes.every((b, i) => head[i] === b);
  if (
    starts(0x1f, 0x8b) || // gzip
    starts(0x50, 0x4b, 0x03, 0x04) || starts(0x50, 0x4b, 0x05, 0x06) || // zip
    starts(0x42, 0x5a, 0x68) || // bzip2
    starts(0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00) || // xz
    starts(0x28, 0xb5, 0x2f, 0xfd) || // zstd
    starts(0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c) // 7-Zip
  ) {
    throw new DiscoveryFileError("compressed");
  }
  // UTF-16 and UTF-32, with a byte order mark or without one ("<" next to a zero byte).
  if (starts(0xff, 0xfe) || starts(0xfe, 0xff) || starts(0x00, 0x00, 0xfe, 0xff) || starts(0x3c, 0x00) || starts(0x00, 0x3c)) {
    throw new DiscoveryFileError("encoding");
  }
}

interface HostBuilder {
  line: number;
  state: string | null;
  ipv4: string | null;
  ipv6: string | null;
  mac: string | null;
  macVendor: string | null;
  hostnames: string[];
  services: DiscoveredService[];
  osGuess: string | null;
  /** Something was wrong with an address: the "no address" problem would only repeat it. */
  addressProblem: boolean;
  extraServices: number;
}

interface PortBuilder {
  port: number;
  protocol: DiscoveredService["protocol"];
  open: boolean;
  service: Omit<DiscoveredService, "port" | "protocol"> | null;
}

const PROTOCOLS = new Set(["tcp", "udp", "sctp"]);
/** Encodings nmap's UTF-8 output may be labelled with. */
const UTF8_LABELS = /^(utf-?8|us-ascii|ascii)$/i;
const PORT_NUMBER = /^[0-9]{1,5}$/;
const START = /^[0-9]{1,12}$/;

class NmapReader {
  private readonly parser: SaxesParser<{ xmlns: false; position: true }>;
  private readonly stack: string[] = [];
  private mark = 0;
  private tagLine = 1;
  private sawRoot = false;
  private hostCount = 0;
  private host: HostBuilder | null = null;
  private port: PortBuilder | null = null;
  private chars = 0;
  private readonly texts = new Map<string, string | null>();
  readonly hosts: DiscoveredHostInput[] = [];
  readonly problems: DiscoveryFileProblem[] = [];
  problemCount = 0;
  scannedAt: string | null = null;
  command: string | null = null;

  constructor() {
    this.parser = new SaxesParser({ xmlns: false, position: true });
    const p = this.parser;
    // saxes stores each handler as a new property of the parser. Past seven of them V8 turns the
    // parser into a slow dictionary object and parsing takes four times as long, so only the
    // events needed are handled: the XML declaration is read from p.xmlDecl at the root, and
    // a CDATA section (which nmap never writes) counts towards the piece of XML after it.
    p.on("error", (error) => {
      throw this.refusal(error.message);
    });
    p.on("doctype", (doctype) => {
      this.token();
      // nmap writes "<!DOCTYPE nmaprun>": a name, with no internal subset ("[…]") and no
      // external identifier (SYSTEM or PUBLIC), so it can define nothing and point nowhere.
      if (!/^\s*[A-Za-z_][A-Za-z0-9_.-]*\s*$/.test(doctype)) throw new DiscoveryFileError("doctype", { line: p.line });
    });
    p.on("processinginstruction", ({ target }) => {
      this.token();
      if (target !== "xml-stylesheet") throw new DiscoveryFileError("processingInstruction", { line: p.line });
    });
    p.on("comment", () => this.token());
    p.on("opentagstart", () => {
      this.tagLine = p.line;
    });
    p.on("opentag", (tag) => {
      this.token();
      this.open(tag);
    });
    p.on("closetag", (tag) => {
      this.token();
      this.close(tag.name);
    });
  }

  write(chunk: string): void {
    this.chars += chunk.length;
    if (this.chars > MAX_DISCOVERY_BYTES) throw new DiscoveryFileError("tooLarge");
    if (chunk.includes("\u0000")) throw new DiscoveryFileError("binary");
    this.guard(() => this.parser.write(chunk));
    // A tag, comment or text still open at the end of this read. (Between writes saxes's own
    // position counts the last chunk twice, so the characters written are counted here.)
    if (this.chars - this.mark > MAX_DISCOVERY_TOKEN) throw new DiscoveryFileError("tokenTooLong", { line: this.parser.line });
  }

  end(): void {
    this.guard(() => this.parser.close());
    if (!this.sawRoot) throw new DiscoveryFileError("notNmap");
  }

  /** saxes reports a malformed document through its error event, which throws a refusal. */
  private guard(step: () => void): void {
    try {
      step();
    } catch (error) {
      if (error instanceof DiscoveryFileError) throw error;
      throw this.refusal(error instanceof Error ? error.message : String(error));
    }
  }

  private refusal(message: string): DiscoveryFileError {
    const line = this.parser.line;
    if (/entity/i.test(message)) return new DiscoveryFileError("entity", { line });
    if (!this.sawRoot) return new DiscoveryFileError("notNmap");
    if (/unclosed tag|must contain a root/i.test(message)) return new DiscoveryFileError("truncated", { line });
    return new DiscoveryFileError("malformed", { line });
  }

  /** A piece of XML has ended: it must not have been longer than the cap. */
  private token(): void {
    const position = this.parser.position;
    if (position - this.mark > MAX_DISCOVERY_TOKEN) throw new DiscoveryFileError("tokenTooLong", { line: this.parser.line });
    this.mark = position;
  }

  /**
   * cleanText, with one copy of each distinct text: a scan of a camera estate repeats the same
   * few banners, vendors and OS guesses on thousands of hosts.
   */
  private shared(value: string | undefined): string | null {
    if (value === undefined) return null;
    const known = this.texts.get(value);
    if (known !== undefined) return known;
    const text = cleanText(value);
    if (this.texts.size < MAX_SHARED_TEXTS) this.texts.set(detached(value), text);
    return text;
  }

  private problem(line: number, field: string | null, message: string): void {
    this.problemCount += 1;
    if (this.problems.length < MAX_LISTED_PROBLEMS) this.problems.push({ line, field, message });
  }

  private open(tag: SaxesTagPlain): void {
    const parent = this.stack.length === 0 ? null : this.stack[this.stack.length - 1]!;
    if (this.stack.length + 1 > MAX_DISCOVERY_DEPTH) throw new DiscoveryFileError("tooDeep", { line: this.tagLine });
    const a = tag.attributes;
    if (parent === null) {
      if (tag.name !== "nmaprun") throw new DiscoveryFileError("notNmap");
      const encoding = this.parser.xmlDecl.encoding;
      if (encoding !== undefined && !UTF8_LABELS.test(encoding)) throw new DiscoveryFileError("encoding");
      this.sawRoot = true;
      const start = a.start?.trim();
      if (start !== undefined && START.test(start)) this.scannedAt = new Date(Number(start) * 1000).toISOString();
      this.command = cleanText(a.args, MAX_COMMAND_LENGTH);
    } else if (tag.name === "host" && parent === "nmaprun") {
      this.hostCount += 1;
      if (this.hostCount > MAX_DISCOVERY_HOSTS) throw new DiscoveryFileError("tooManyHosts");
      this.host = {
        line: this.tagLine, state: null, ipv4: null, ipv6: null, mac: null, macVendor: null, hostnames: [], services: [],
        osGuess: null, addressProblem: false, extraServices: 0,
      };
    } else if (this.host !== null) {
      this.openInHost(this.host, tag.name, parent, a);
    }
    // saxes sends a closetag for a self-closing tag too, so every tag is pushed.
    this.stack.push(tag.name);
  }

  private openInHost(host: HostBuilder, name: string, parent: string, a: Record<string, string>): void {
    if (parent === "host") {
      if (name === "status") host.state = a.state ?? null;
      else if (name === "address") this.address(host, a);
    } else if (name === "hostname" && parent === "hostnames") {
      const hostname = cleanText(a.name, 253);
      if (hostname !== null && !host.hostnames.includes(hostname) && host.hostnames.length < MAX_HOSTNAMES_PER_HOST) {
        host.hostnames.push(hostname);
      }
    } else if (name === "port" && parent === "ports") {
      const protocol = a.protocol ?? "";
      const portid = a.portid ?? "";
      this.port =
        PROTOCOLS.has(protocol) && PORT_NUMBER.test(portid) && Number(portid) <= 65_535
          ? { port: Number(portid), protocol: protocol as DiscoveredService["protocol"], open: false, service: null }
          : null;
    } else if (this.port !== null && parent === "port") {
      if (name === "state") this.port.open = a.state === "open";
      else if (name === "service") {
        this.port.service = {
          name: this.shared(a.name), product: this.shared(a.product), version: this.shared(a.version), extraInfo: this.shared(a.extrainfo),
        };
      }
    } else if (name === "osmatch" && parent === "os" && host.osGuess === null) {
      host.osGuess = this.shared(a.name);
    }
  }

  private address(host: HostBuilder, a: Record<string, string>): void {
    const addr = a.addr ?? "";
    const type = a.addrtype ?? "";
    if (type === "mac") {
      if (host.mac !== null) return;
      const mac = normaliseMac(addr);
      if (mac === null) {
        host.addressProblem = true;
        this.problem(host.line, "address", `The host at line ${host.line} has a MAC address nmap wrote as "${cleanText(addr, 40) ?? ""}", which is not a MAC address: the MAC address is left out`);
      } else {
        host.mac = mac;
        host.macVendor = this.shared(a.vendor);
      }
    } else if (type === "ipv4" || type === "ipv6") {
      if ((type === "ipv4" ? host.ipv4 : host.ipv6) !== null) return;
      const ip = normaliseIp(addr);
      if (ip === null || (type === "ipv4") !== (ip.ipv4 !== null)) {
        host.addressProblem = true;
        this.problem(host.line, "address", `The host at line ${host.line} has an ${type === "ipv4" ? "IPv4" : "IPv6"} address nmap wrote as "${cleanText(addr, 60) ?? ""}", which is not an IP address: the address is left out`);
      } else if (ip.ipv4 !== null) {
        host.ipv4 = detached(ip.ipv4);
      } else {
        host.ipv6 = detached(ip.ipv6);
      }
    }
  }

  private close(name: string): void {
    this.stack.pop();
    const host = this.host;
    if (host === null) return;
    if (name === "port" && this.port !== null && this.stack[this.stack.length - 1] === "ports") {
      const port = this.port;
      this.port = null;
      if (!port.open) return;
      if (host.services.length >= MAX_SERVICES_PER_HOST) {
        host.extraServices += 1;
        return;
      }
      const service = port.service ?? { name: null, product: null, version: null, extraInfo: null };
      host.services.push({ port: port.port, protocol: port.protocol, ...service });
    } else if (name === "host" && this.stack.length === 1) {
      this.host = null;
      this.finishHost(host);
    }
  }

  private finishHost(host: HostBuilder): void {
    if (host.state !== "up") return;
    if (host.ipv4 === null && host.ipv6 === null && host.mac === null) {
      this.problem(
        host.line,
        null,
        host.addressProblem
          ? `The host at line ${host.line} is left out: it has no readable IP or MAC address`
          : `The host at line ${host.line} has no IP or MAC address, so it is left out`,
      );
      return;
    }
    if (host.extraServices > 0) {
      this.problem(host.line, "ports", `The host at line ${host.line} has more than ${MAX_SERVICES_PER_HOST} open ports: only the first ${MAX_SERVICES_PER_HOST} are kept`);
    }
    this.hosts.push({
      line: host.line,
      ipv4: host.ipv4,
      ipv6: host.ipv6,
      mac: host.mac,
      macVendor: host.macVendor,
      hostnames: host.hostnames,
      name: null,
      manufacturer: null,
      model: null,
      serial: null,
      firmware: null,
      services: host.services,
      osGuess: host.osGuess,
      siteCode: null,
    });
  }
}

/**
 * Reads the nmap XML file at `path`. Throws DiscoveryFileError when the file is refused whole;
 * any other error (the file cannot be opened) is the caller's.
 */
export async function readNmapXml(path: string): Promise<ParsedDiscovery> {
  const { size } = await stat(path);
  if (size === 0) throw new DiscoveryFileError("empty");
  if (size > MAX_DISCOVERY_BYTES) throw new DiscoveryFileError("tooLarge");
  await checkHead(path);
  const reader = new NmapReader();
  // Decoding as UTF-8 here keeps a character split between two reads whole.
  const stream = createReadStream(path, { encoding: "utf8", highWaterMark: CHUNK });
  try {
    for await (const chunk of stream as AsyncIterable<string>) reader.write(chunk);
    reader.end();
  } finally {
    stream.destroy();
  }
  return {
    source: "NMAP",
    scannedAt: reader.scannedAt,
    command: reader.command,
    hosts: reader.hosts,
    problems: reader.problems,
    problemCount: reader.problemCount,
    discardedColumns: [],
  };
}
