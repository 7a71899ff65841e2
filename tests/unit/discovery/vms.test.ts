// VMS camera lists: the mapping suggested for Milestone XProtect and Genetec Security Center
// exports, the example lists read exactly (CSV and XLSX alike), passwords never read, and every
// unreadable cell a problem with its row and column.
import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { afterAll, describe, expect, it } from "vitest";
import { DiscoveryFileError, MAX_DISCOVERY_HOSTS, MAX_VMS_BYTES, type DiscoveryErrorCode } from "@/lib/discovery/limits";
import type { DiscoveredHostInput } from "@/lib/discovery/types";
import { VMS_FIELDS, detectVmsFormat, readVmsHeader, readVmsList, suggestMapping, type VmsMapping } from "@/lib/discovery/vms";

const EXAMPLES = path.join(process.cwd(), "docs/examples/discovery");
const MILESTONE = path.join(EXAMPLES, "milestone-xprotect-cameras.csv");
const GENETEC_CSV = path.join(EXAMPLES, "genetec-security-center-cameras.csv");
const GENETEC_XLSX = path.join(EXAMPLES, "genetec-security-center-cameras.xlsx");

const dir = mkdtempSync(path.join(tmpdir(), "vms-test-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let counter = 0;
function csvFile(content: string): string {
  const file = path.join(dir, `list-${++counter}.csv`);
  writeFileSync(file, content);
  return file;
}

const NONE: VmsMapping = { name: null, address: null, mac: null, manufacturer: null, model: null, serial: null, firmware: null, site: null };
const map = (m: Partial<VmsMapping>): VmsMapping => ({ ...NONE, ...m });

const host = (h: Partial<DiscoveredHostInput> & { line: number }): DiscoveredHostInput => ({
  ipv4: null, ipv6: null, mac: null, macVendor: null, hostnames: [], name: null, manufacturer: null, model: null, serial: null,
  firmware: null, services: [], osGuess: null, siteCode: null, ...h,
});

async function refusedWith(promise: Promise<unknown>, code: DiscoveryErrorCode): Promise<DiscoveryFileError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(DiscoveryFileError);
    expect((error as DiscoveryFileError).code).toBe(code);
    return error as DiscoveryFileError;
  }
  throw new Error("the file was accepted");
}

const MILESTONE_HEADERS = [
  "CameraName", "Channel", "Enabled", "State", "HardwareName", "RecorderName", "Model", "Address", "UserName", "Password", "HTTPSEnabled",
  "MAC", "Firmware", "DriverFamily", "Driver", "ConfiguredLiveResolution", "ConfiguredLiveCodec", "RecordKeyframesOnly",
];
const GENETEC_HEADERS = [
  "Name", "Description", "Entity type", "Manufacturer", "Product type", "Firmware version", "IP address", "Physical address", "Serial number", "Time zone",
];

describe("the fields", () => {
  it("has a plain-English label for each field", () => {
    expect(VMS_FIELDS.map((f) => [f.name, f.label, f.noun])).toEqual([
      ["name", "Camera name", "camera name"], ["address", "IP address", "IP address"], ["mac", "MAC address", "MAC address"],
      ["manufacturer", "Manufacturer", "manufacturer"], ["model", "Model", "model"], ["serial", "Serial number", "serial number"],
      ["firmware", "Firmware version", "firmware version"], ["site", "Site code", "site code"],
    ]);
  });
});

describe("reading the header row", () => {
  it("gives each example's column names", async () => {
    expect(await readVmsHeader(MILESTONE, "csv")).toEqual(MILESTONE_HEADERS);
    expect(await readVmsHeader(GENETEC_CSV, "csv")).toEqual(GENETEC_HEADERS);
    expect(await readVmsHeader(GENETEC_XLSX, "xlsx")).toEqual(GENETEC_HEADERS);
  });

  it("skips blank rows above the header, and refuses an empty file", async () => {
    expect(await readVmsHeader(csvFile(",,\n\n Name ,IP address,\n"), "csv")).toEqual(["Name", "IP address"]);
    await refusedWith(readVmsHeader(csvFile(""), "csv"), "empty");
    await refusedWith(readVmsHeader(csvFile(",,\n,\n"), "csv"), "empty");
  });

  it("confirms the format by the first bytes, as the import does", () => {
    expect(detectVmsFormat("cameras.xlsx", readFileSync(GENETEC_XLSX).subarray(0, 8))).toBe("xlsx");
    expect(detectVmsFormat("cameras.csv", readFileSync(GENETEC_CSV).subarray(0, 8))).toBe("csv");
    expect(detectVmsFormat("cameras.xlsx", readFileSync(GENETEC_CSV).subarray(0, 8))).toBeNull();
  });
});

describe("suggesting a mapping", () => {
  it("recognises Milestone XProtect's camera report, and never offers its password column", () => {
    expect(suggestMapping(MILESTONE_HEADERS)).toEqual({
      product: "Milestone XProtect",
      mapping: map({ name: "CameraName", address: "Address", mac: "MAC", model: "Model", firmware: "Firmware" }),
      secretColumns: ["Password"],
    });
  });

  it("recognises newer reports that call the camera's name Name", () => {
    const headers = ["Name", "Channel", "Enabled", "State", "HardwareName", "Model", "Address", "Username", "MAC", "Firmware", "Driver", "RecorderName"];
    expect(suggestMapping(headers)).toEqual({
      product: "Milestone XProtect",
      mapping: map({ name: "Name", address: "Address", mac: "MAC", model: "Model", firmware: "Firmware" }),
      secretColumns: [],
    });
  });

  it("recognises Genetec Security Center's camera report, in its variants", () => {
    expect(suggestMapping(GENETEC_HEADERS)).toEqual({
      product: "Genetec Security Center",
      mapping: map({
        name: "Name", address: "IP address", mac: "Physical address", manufacturer: "Manufacturer", model: "Product type",
        serial: "Serial number", firmware: "Firmware version",
      }),
      secretColumns: [],
    });
    expect(suggestMapping(["Entity", "Manufacturer", "Model", "Firmware version", "IP address", "MAC address", "Password strength"])).toEqual({
      product: "Genetec Security Center",
      mapping: map({ name: "Entity", address: "IP address", mac: "MAC address", manufacturer: "Manufacturer", model: "Model", firmware: "Firmware version" }),
      secretColumns: ["Password strength"],
    });
  });

  it("guesses from common column names for other products", () => {
    expect(suggestMapping(["Camera name", "IP", "MAC address", "Vendor", "Model", "Serial No", "Firmware", "Site code", "Admin password", "api_key"])).toEqual({
      product: null,
      mapping: map({ name: "Camera name", address: "IP", mac: "MAC address", manufacturer: "Vendor", model: "Model", serial: "Serial No", firmware: "Firmware", site: "Site code" }),
      secretColumns: ["Admin password", "api_key"],
    });
    expect(suggestMapping(["Password", "Notes"])).toEqual({ product: null, mapping: NONE, secretColumns: ["Password"] });
    expect(suggestMapping([])).toEqual({ product: null, mapping: NONE, secretColumns: [] });
  });
});

const GENETEC_HOSTS: DiscoveredHostInput[] = [
  host({ line: 2, name: "Reception entrance", manufacturer: "Axis", model: "P3245-V", firmware: "10.12.182", ipv4: "10.20.30.4", mac: "ACCC8E123456", serial: "ACCC8E123456" }),
  host({
    line: 3, name: "Gatehouse - Camera 1", manufacturer: "Hikvision", model: "DS-2CD2143G2-I", firmware: "V5.7.3", ipv4: "10.20.30.2", mac: "4447CC6A210F",
    serial: "DS-2CD2143G2-I20220315AAWRJ12345678",
  }),
  host({ line: 4, name: "Loading bay NVR", manufacturer: "Dahua", model: "DHI-NVR4108HS-8P-4KS2", firmware: "V4.001.0000000.3", ipv4: "10.20.30.3", mac: "3CEF8C4D7A90", serial: "7J0ABC1PAZ12345" }),
  host({ line: 5, name: "Stairwell 2", manufacturer: "Bosch", model: "FLEXIDOME IP 5000i", firmware: "7.80.0128", ipv4: "10.20.30.13", mac: "00075FB2314C", serial: "404512345678901234" }),
  host({ line: 6, name: "Post room", manufacturer: "Hanwha Vision", model: "XNV-8080R", firmware: "2.21.02", ipv4: "10.20.30.14", mac: "0009185A6B7C", serial: "ZL7D70GM500123X" }),
  host({ line: 7, name: "Car park north", manufacturer: "Axis", model: "M3106-L Mk II", firmware: "10.12.182", ipv6: "fd00:20:30::21", mac: "ACCC8E7F0A21", serial: "ACCC8E7F0A21" }),
];

describe("reading the example lists", () => {
  it("reads Milestone's list, with its web addresses, and discards the password column", async () => {
    const parsed = await readVmsList(MILESTONE, "csv", suggestMapping(MILESTONE_HEADERS).mapping);
    expect(parsed).toEqual({
      source: "VMS", scannedAt: null, command: null, problems: [], problemCount: 0, discardedColumns: ["Password"],
      hosts: [
        host({ line: 2, name: "Gatehouse - Camera 1", model: "Hikvision DS-2CD2143G2-I", ipv4: "10.20.30.2", mac: "4447CC6A210F", firmware: "V5.7.3 build 220112" }),
        host({ line: 3, name: "Loading bay NVR - Camera 1", model: "Dahua DHI-NVR4108HS-8P-4KS2", ipv4: "10.20.30.3", mac: "3CEF8C4D7A90", firmware: "V4.001.0000000.3.R" }),
        host({ line: 4, name: "Reception entrance", model: "AXIS P3245-V", ipv4: "10.20.30.4", mac: "ACCC8E123456", firmware: "10.12.182" }),
        host({ line: 5, name: "Reception desk", model: "ONVIF Conformant Device", ipv4: "10.20.30.5", mac: "021A7F3C55E1" }),
        host({ line: 6, name: "Car park north", model: "AXIS M3106-L Mk II", ipv6: "fd00:20:30::21", mac: "ACCC8E7F0A21", firmware: "10.12.182" }),
        host({ line: 7, name: "Car park south", model: "Hikvision DS-2CD2386G2-IU", ipv4: "10.20.30.12", mac: "C056E3A1B2C3", firmware: "V5.7.10 build 221209" }),
      ],
    });
    // No password from the file is anywhere in what was read.
    const text = JSON.stringify(parsed);
    for (const password of ["Gatehouse#2023", "LoadingBay!77", "Rc9!vQ2m", "Desk2024", "Cp-North-88", "CarPark$outh1"]) {
      expect(readFileSync(MILESTONE, "utf8")).toContain(password);
      expect(text).not.toContain(password);
    }
  });

  it("reads Genetec's list, the same from the CSV and the XLSX", async () => {
    const mapping = suggestMapping(GENETEC_HEADERS).mapping;
    const csv = await readVmsList(GENETEC_CSV, "csv", mapping);
    const xlsx = await readVmsList(GENETEC_XLSX, "xlsx", mapping);
    expect(csv.hosts).toEqual(GENETEC_HOSTS);
    expect(xlsx.hosts).toEqual(GENETEC_HOSTS);
    expect(csv.problemCount + xlsx.problemCount).toBe(0);
    expect(xlsx.discardedColumns).toEqual([]);
  });

  it("never reads a password column, even when asked to", async () => {
    await refusedWith(readVmsList(MILESTONE, "csv", map({ address: "Address", name: "Password" })), "mapping");
    await refusedWith(readVmsList(MILESTONE, "csv", map({ address: "Address", serial: " password " })), "mapping");
  });
});

describe("cells that cannot be read", () => {
  const HEADER = "Name,Address,MAC,Serial,Model,Site,Password\n";
  const mapping = map({ name: "Name", address: "Address", mac: "MAC", serial: "Serial", model: "Model", site: "Site" });

  it("reads every form of address", async () => {
    const parsed = await readVmsList(csvFile(`${HEADER}a,10.1.2.3,,,,,\nb,10.1.2.4:8080,,,,,\nc,[FE80::1]:443,,,,,\nd,https://[fe80::1]:443/onvif/device_service,,,,,\ne,rtsp://admin:secret@10.1.2.5:554/Streaming/Channels/101,,,,,\nf,http://cam-01.estate.example/,,SN-6,,,\ng,fe80::0:1,,,,,\n`), "csv", mapping);
    expect(parsed.problems).toEqual([]);
    expect(parsed.hosts.map((h) => [h.line, h.ipv4, h.ipv6, h.hostnames])).toEqual([
      [2, "10.1.2.3", null, []], [3, "10.1.2.4", null, []], [4, null, "fe80::1", []], [5, null, "fe80::1", []], [6, "10.1.2.5", null, []],
      [7, null, null, ["cam-01.estate.example"]], [8, null, "fe80::1", []],
    ]);
    expect(JSON.stringify(parsed)).not.toContain("secret");
  });

  it("lists each bad cell with its row and column, and keeps the rest of the row", async () => {
    const parsed = await readVmsList(
      csvFile(`${HEADER}Gate,10.1.2.300,44:47:CC:12:34:56,,,,hunter2\nYard,10.1.2.3,44:47:CC:12:34,SN-1,,,\n,http://admin:hunter2@not a host/,,,,,\n`),
      "csv",
      mapping,
    );
    expect(parsed.problems).toEqual([
      { line: 2, field: "Address", message: "The IP address (10.1.2.300) is not an IP address, an address with a port, or a web address like http://10.1.2.3/" },
      { line: 3, field: "MAC", message: "The MAC address (44:47:CC:12:34) is not a MAC address: enter it like 44:47:CC:12:34:56 or 4447CC123456" },
      { line: 4, field: "Address", message: "The IP address is not an IP address, an address with a port, or a web address like http://10.1.2.3/" },
    ]);
    expect(parsed.problemCount).toBe(3);
    expect(parsed.hosts).toEqual([
      host({ line: 2, name: "Gate", mac: "4447CC123456" }),
      host({ line: 3, name: "Yard", ipv4: "10.1.2.3", serial: "SN-1" }),
    ]);
    expect(JSON.stringify(parsed)).not.toContain("hunter2");
    expect(parsed.discardedColumns).toEqual(["Password"]);
  });

  it("leaves out a row with nothing to match it by, skips blank rows, and reads the site", async () => {
    const parsed = await readVmsList(
      csvFile(`${HEADER}Lobby,,,,AXIS P3245-V,,\n,,,,,,\n\nStore,,00:00:00:00:00:00,,,,\nDock,,,SN-9,,HO-0001,\n`),
      "csv",
      mapping,
    );
    expect(parsed.problems).toEqual([
      { line: 2, field: null, message: "The row has no IP address, MAC address or serial number, so the camera cannot be matched: it is left out" },
      { line: 5, field: null, message: "The row has no IP address, MAC address or serial number, so the camera cannot be matched: it is left out" },
    ]);
    expect(parsed.hosts).toEqual([host({ line: 6, name: "Dock", serial: "SN-9", siteCode: "HO-0001" })]);
  });

  it("refuses an over-long cell and removes invisible characters", async () => {
    const parsed = await readVmsList(csvFile(`${HEADER}Lobby\u200B,10.0.0.1,,,${"M".repeat(101)},,\n`), "csv", mapping);
    expect(parsed.problems).toEqual([{ line: 2, field: "Model", message: "The model must be 100 characters or fewer" }]);
    expect(parsed.hosts).toEqual([host({ line: 2, name: "Lobby", ipv4: "10.0.0.1" })]);
  });

  it("matches the mapping's column names as the import does", async () => {
    const parsed = await readVmsList(csvFile("ip-address,mac_address\n10.0.0.1,\n"), "csv", map({ address: "IP Address", mac: "MAC address" }));
    expect(parsed.hosts).toEqual([host({ line: 2, ipv4: "10.0.0.1" })]);
  });
});

describe("files refused whole", () => {
  it("refuses a mapping without a key field", async () => {
    const error = await refusedWith(readVmsList(MILESTONE, "csv", map({ name: "CameraName", model: "Model" })), "mapping");
    expect(error.message).toMatch(/^Choose the column that holds the IP address, the MAC address or the serial number/);
  });

  it("refuses a mapping naming a column the file does not have, or has twice", async () => {
    const missing = await refusedWith(readVmsList(MILESTONE, "csv", map({ address: "IP address" })), "missingColumn");
    expect(missing.message).toBe("The selected file does not have a column called IP address: choose the columns again");
    const twice = await refusedWith(readVmsList(csvFile("Address,address\n10.0.0.1,10.0.0.2\n"), "csv", map({ address: "Address" })), "duplicateColumn");
    expect(twice.message).toBe("The selected file has two columns called Address: rename one of them and upload the file again");
  });

  it("refuses an empty file, and a header with no cameras", async () => {
    await refusedWith(readVmsList(csvFile(""), "csv", map({ address: "Address" })), "empty");
    const error = await refusedWith(readVmsList(csvFile("Address,MAC\n,\n"), "csv", map({ address: "Address" })), "noRows");
    expect(error.message).toBe("The selected file has a header row but no cameras");
  });

  it("refuses a file over the size limit", async () => {
    const file = csvFile("Address\n10.0.0.1\n");
    truncateSync(file, MAX_VMS_BYTES + 1);
    const error = await refusedWith(readVmsList(file, "csv", map({ address: "Address" })), "vmsTooLarge");
    expect(error.message).toContain("20 MB");
  });

  it("refuses more rows than the host limit", async () => {
    const file = csvFile(`Address\n${"10.0.0.1\n".repeat(MAX_DISCOVERY_HOSTS + 1)}`);
    await refusedWith(readVmsList(file, "csv", map({ address: "Address" })), "tooManyHosts");
  }, 60_000);

  it("refuses a CSV saved as UTF-16", async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("Address\r\n10.0.0.1\r\n", "utf16le")]);
    const file = path.join(dir, "unicode.csv");
    writeFileSync(file, utf16);
    const error = await refusedWith(readVmsHeader(file, "csv"), "vmsEncoding");
    expect(error.message).toBe("The selected file must be saved as CSV (UTF-8) or as an Excel workbook (.xlsx): save it again in one of those formats and upload it again");
    writeFileSync(file, Buffer.from("Address\r\n10.0.0.1\r\n", "utf16le"));
    await refusedWith(readVmsList(file, "csv", map({ address: "Address" })), "vmsEncoding");
  });

  it("refuses a file that is not the workbook it claims to be", async () => {
    await refusedWith(readVmsList(GENETEC_CSV, "xlsx", map({ address: "IP address" })), "unreadable");
    await refusedWith(readVmsHeader(GENETEC_CSV, "xlsx"), "unreadable");
  });

  it("passes on the import's refusals of hostile spreadsheets", async () => {
    const error = await refusedWith(readVmsList(csvFile(`Address,Notes\n10.0.0.1,${"x".repeat(40_000)}\n`), "csv", map({ address: "Address" })), "unreadable");
    expect(error.message).toMatch(/longer than 32,767 characters/);
  });

  it("reads a workbook whose cells are numbers and dates as text", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Cameras");
    sheet.addRow(["Name", "IP address", "Serial number"]);
    sheet.addRow([42, "10.0.0.42", 1234567]);
    const file = path.join(dir, "numbers.xlsx");
    await workbook.xlsx.writeFile(file);
    const parsed = await readVmsList(file, "xlsx", map({ name: "Name", address: "IP address", serial: "Serial number" }));
    expect(parsed.hosts).toEqual([host({ line: 2, name: "42", ipv4: "10.0.0.42", serial: "1234567" })]);
  });
});
