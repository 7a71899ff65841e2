// The column mapping chosen for a VMS camera list: what it must name, and what it may never name.
import { describe, expect, it } from "vitest";
import { isSecretHeader, sameHeader, vmsMappingSchema, type VmsMappingInput } from "@/lib/validation/discovery-mapping";

const NONE = { name: null, address: null, mac: null, manufacturer: null, model: null, serial: null, firmware: null, site: null };

function messages(input: VmsMappingInput): { path: string; message: string }[] {
  const result = vmsMappingSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
}

describe("isSecretHeader", () => {
  it.each([
    "Password", "password", "PASSWORD", "CameraPassword", "camera_password", "Admin password", "Passwd", "pwd", "PW", "Passphrase", "Pass",
    "Secret", "ClientSecret", "Credentials", "Credential ID", "API key", "api_key", "ApiKey", "SSH-Key", "Private key", "Token", "AccessToken",
    "PIN", "PSK", "Password strength",
  ])("%s looks secret", (header) => {
    expect(isSecretHeader(header)).toBe(true);
  });

  it.each([
    "CameraName", "Address", "MAC", "UserName", "Username", "Model", "Driver", "DriverFamily", "RecordKeyframesOnly", "Keyframe interval",
    "Physical address", "Serial number", "Firmware version", "HTTPSEnabled", "Passive", "Monkey", "Spinner", "Description", "Site code",
  ])("%s does not", (header) => {
    expect(isSecretHeader(header)).toBe(false);
  });
});

describe("sameHeader", () => {
  it("compares headers as the import does", () => {
    expect(sameHeader("IP address", " ip-address ")).toBe(true);
    expect(sameHeader("IP_Address", "ip address")).toBe(true);
    expect(sameHeader("IP address", "IP addresses")).toBe(false);
  });
});

describe("vmsMappingSchema", () => {
  it("accepts a mapping, trimming names and reading empty choices as none", () => {
    const result = vmsMappingSchema.parse({ name: " CameraName ", address: "Address", mac: "", model: undefined, serial: null });
    expect(result).toEqual({ ...NONE, name: "CameraName", address: "Address" });
  });

  it("accepts any one of the address, MAC address or serial number", () => {
    expect(vmsMappingSchema.safeParse({ mac: "MAC" }).success).toBe(true);
    expect(vmsMappingSchema.safeParse({ serial: "Serial number" }).success).toBe(true);
  });

  it("refuses a mapping with none of them", () => {
    expect(messages({ name: "CameraName", model: "Model", manufacturer: "Manufacturer" })).toEqual([
      {
        path: "address",
        message: "Choose the column that holds the IP address, the MAC address or the serial number: the register matches cameras by at least one of them",
      },
    ]);
    expect(messages({})).toHaveLength(1);
  });

  it("refuses a column chosen twice, however it is written", () => {
    expect(messages({ address: "Address", name: "address " })).toEqual([
      { path: "address", message: "The column Address is already chosen for the camera name: choose a different column for the IP address" },
    ]);
    expect(messages({ mac: "MAC", serial: "mac", firmware: "M A C" })).toEqual([
      { path: "serial", message: "The column mac is already chosen for the MAC address: choose a different column for the serial number" },
    ]);
  });

  it("refuses a column that looks as if it holds passwords", () => {
    expect(messages({ address: "Address", serial: "Password" })).toEqual([
      {
        path: "serial",
        message: "The column Password looks as if it holds passwords or other secrets, which the register never reads: choose another column for the serial number",
      },
    ]);
  });

  it("refuses control characters, invisible characters and over-long names", () => {
    expect(messages({ address: "Add\u0000ress" })).toEqual([
      { path: "address", message: "The column for the IP address must not contain control characters, such as a null byte" },
    ]);
    expect(messages({ address: "Add\u200Bress" })[0]?.message).toMatch(/must not contain invisible formatting characters/);
    expect(messages({ address: "A".repeat(201) })).toEqual([{ path: "address", message: "The column for the IP address must be 200 characters or fewer" }]);
  });

  it("refuses a choice that is not text", () => {
    expect(messages({ address: 42 } as unknown as VmsMappingInput)).toEqual([
      { path: "address", message: "Choose the column that holds the IP address, or none" },
    ]);
  });
});
