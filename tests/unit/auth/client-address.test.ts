import { once } from "node:events";
import http from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { clientAddress, normaliseAddress, PEER_ADDRESS_HEADER } from "@/lib/auth/client-address";

const peer = (address: string, more: Record<string, string> = {}) => ({ [PEER_ADDRESS_HEADER]: address, ...more });

describe("clientAddress", () => {
  it("uses the connection's own address, ignoring X-Forwarded-For, when no proxy is trusted", () => {
    expect(clientAddress(peer("203.0.113.9", { "x-forwarded-for": "198.51.100.1" }), 0)).toBe("203.0.113.9");
  });

  it("believes only as many X-Forwarded-For hops as there are trusted proxies", () => {
    // The client wrote "1.1.1.1, 2.2.2.2" itself; our one proxy appended the address it saw.
    const headers = peer("10.0.0.2", { "x-forwarded-for": "1.1.1.1, 2.2.2.2, 198.51.100.7" });
    expect(clientAddress(headers, 1)).toBe("198.51.100.7");
    expect(clientAddress(headers, 2)).toBe("2.2.2.2");
    // More trusted hops than the request passed through: the furthest address there is.
    expect(clientAddress(peer("10.0.0.2"), 3)).toBe("10.0.0.2");
  });

  it("falls back to the peer when a trusted hop wrote something that is not an address", () => {
    expect(clientAddress(peer("10.0.0.2", { "x-forwarded-for": "unknown" }), 1)).toBe("10.0.0.2");
  });

  it("is unknown when the server was started without the peer-address preload", () => {
    expect(clientAddress({ "x-forwarded-for": "198.51.100.1" }, 0)).toBeNull();
    expect(clientAddress({ "x-forwarded-for": "198.51.100.1" }, 1)).toBeNull();
  });
});

describe("normaliseAddress", () => {
  it.each([
    ["127.0.0.1", "127.0.0.1"],
    ["::ffff:127.0.0.1", "127.0.0.1"],
    ["::ffff:7f00:1", "127.0.0.1"],
    ["2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64"],
    ["2001:db8:1:2:ffff::9", "2001:db8:1:2::/64"],
    ["[2001:db8::1]", "2001:db8:0:0::/64"],
    ["fe80::1%eth0", "fe80:0:0:0::/64"],
    ["::1", "0:0:0:0::/64"],
    ["not an address", null],
    ["1.2.3.4\u0000", null],
    ["", null],
  ])("%j → %j", (raw, expected) => {
    expect(normaliseAddress(raw)).toBe(expected);
  });
});

describe("the peer-address preload", () => {
  it("overwrites whatever a client sends under the header with the real peer", async () => {
    createRequire(import.meta.url)("../../../scripts/peer-address.cjs");
    const server = http.createServer((req, res) => res.end(String(req.headers[PEER_ADDRESS_HEADER])));
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    try {
      const { port } = server.address() as AddressInfo;
      const response = await fetch(`http://127.0.0.1:${port}/`, { headers: { [PEER_ADDRESS_HEADER]: "198.51.100.66" } });
      expect(await response.text()).toBe("127.0.0.1");
    } finally {
      server.close();
    }
  });
});
