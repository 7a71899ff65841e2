import { describe, expect, it } from "vitest";
import { buildBrandIndex, REGISTER_SEED, type MacEvidence } from "@/lib/compliance";
import { classifyHosts } from "@/lib/discovery/classify";
import type { DiscoveredHostInput, DiscoveredService } from "@/lib/discovery/types";

// Which hosts the reconciliation keeps: camera-like ones (and, in the database, matched ones).
const register = { brands: buildBrandIndex(REGISTER_SEED), macPrefixes: new Map<string, MacEvidence>([["4447CC", { owner: "Hangzhou Hikvision Digital Technology Co.,Ltd.", producerName: "Hikvision" }]]) };

const service = (port: number, name: string | null, product: string | null): DiscoveredService => ({ port, protocol: "tcp", name, product, version: null, extraInfo: null });

function host(over: Partial<DiscoveredHostInput>): DiscoveredHostInput {
  return {
    line: 1, ipv4: "10.0.0.1", ipv6: null, mac: null, macVendor: null, hostnames: [], name: null, manufacturer: null, model: null, serial: null,
    firmware: null, services: [], osGuess: null, siteCode: null, ...over,
  };
}

const classify = (h: DiscoveredHostInput, everyHostIsCamera = false) => classifyHosts(register, [{ host: h, siteId: 1 }], { everyHostIsCamera })[0]!;

describe("classifyHosts", () => {
  it.each([
    ["an RTSP port", host({ services: [service(554, "rtsp", null)] }), true],
    ["Dahua's SDK port", host({ services: [service(37777, "unknown", null)] }), true],
    ["a camera's web server", host({ services: [service(80, "http", "Axis P3245-V Network Camera http config")] }), true],
    ["a maker the register knows, by the scanner's vendor name", host({ mac: "ACCC8E000001", macVendor: "Axis Communications AB" }), true],
    ["a covered producer's MAC prefix", host({ mac: "4447CC000001" }), true],
    ["a workstation", host({ mac: "F8BC12000001", macVendor: "Dell", services: [service(443, "https", "Microsoft IIS httpd")] }), false],
    ["a printer", host({ services: [service(80, "http", "HP LaserJet M404dn http config")] }), false],
    ["a switch", host({ macVendor: "Cisco Systems", services: [service(80, "http", "Cisco IOS http config")] }), false],
  ])("%s: camera-like %s", (_name, h, expected) => {
    expect(classify(h).cameraLike).toBe(expected);
  });

  it("takes every row of a camera list as camera equipment", () => {
    expect(classify(host({}), true).cameraLike).toBe(true);
  });

  it("names the probable producer with its reasons, and weighs the same evidence once for many hosts", () => {
    const many = Array.from({ length: 1000 }, (_, i) => ({ host: host({ mac: `4447CC${i.toString(16).padStart(6, "0")}` }), siteId: 1 }));
    const out = classifyHosts(register, many);
    expect(new Set(out.map((h) => h.probableProducer))).toEqual(new Set(["Hikvision"]));
    expect(out[0]!.reasons[0]).toContain("Hikvision prefix");
  });
});
