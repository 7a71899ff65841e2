// IP addresses as discovery files write them, to the one form the register compares.
import { describe, expect, it } from "vitest";
import { normaliseIp, parseHostAddress } from "@/lib/discovery/address";

describe("normaliseIp", () => {
  it.each([
    ["10.1.2.3", { ipv4: "10.1.2.3", ipv6: null }],
    [" 192.168.0.254 ", { ipv4: "192.168.0.254", ipv6: null }],
    ["FE80:0000:0000:0000:0202:B3FF:FE1E:8329", { ipv4: null, ipv6: "fe80::202:b3ff:fe1e:8329" }],
    ["2001:db8:0:0:1:0:0:1", { ipv4: null, ipv6: "2001:db8::1:0:0:1" }],
    ["fe80::1%eth0", { ipv4: null, ipv6: "fe80::1" }],
    ["::ffff:10.1.2.3", { ipv4: null, ipv6: "::ffff:a01:203" }],
  ])("%s", (input, expected) => {
    expect(normaliseIp(input)).toEqual(expected);
  });

  it.each(["", "10.1.2", "10.1.2.256", "010.1.2.3", "10.1.2.3.4", "fe80::1::2", "cam.example", "[fe80::1]", "fe80::1%"])("refuses %j", (input) => {
    expect(normaliseIp(input)).toBeNull();
  });
});

describe("parseHostAddress", () => {
  const v4 = (ipv4: string) => ({ ipv4, ipv6: null, hostname: null });
  const v6 = (ipv6: string) => ({ ipv4: null, ipv6, hostname: null });
  const name = (hostname: string) => ({ ipv4: null, ipv6: null, hostname });

  it.each([
    ["10.1.2.3", v4("10.1.2.3")],
    ["10.1.2.3:8080", v4("10.1.2.3")],
    ["http://10.1.2.3/", v4("10.1.2.3")],
    ["HTTP://10.1.2.3", v4("10.1.2.3")],
    ["https://10.1.2.3:443/onvif/device_service?x=1#y", v4("10.1.2.3")],
    ["rtsp://admin:pa55@10.1.2.3:554/Streaming/Channels/101", v4("10.1.2.3")],
    ["fe80::1", v6("fe80::1")],
    ["[fe80::1]", v6("fe80::1")],
    ["[FE80::1]:443", v6("fe80::1")],
    ["https://[fe80::1]:443/", v6("fe80::1")],
    ["http://[fd00:20:30::21]/", v6("fd00:20:30::21")],
    ["cam-01.estate.example", name("cam-01.estate.example")],
    ["http://CAM-01.Estate.Example.:8080/", name("cam-01.estate.example")],
    ["axis-accc8e123456", name("axis-accc8e123456")],
  ])("%s", (input, expected) => {
    expect(parseHostAddress(input)).toEqual(expected);
  });

  it.each([
    "", "   ", "10.1.2.300", "10.1.2.3:0", "10.1.2.3:65536", "10.1.2.3:http", "http://fe80::1/", "[fe80::1", "[10.1.2.3]:80",
    "[fe80::1]:99999", "10.1", "0x0a.1.2.3", "http://", "-cam.example", "cam_01.example", "not a host", "http://admin@/", "a".repeat(3_000),
  ])("refuses %j", (input) => {
    expect(parseHostAddress(input)).toBeNull();
  });
});
