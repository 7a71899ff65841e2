// observeRequest on a real HTTP server: request ids, the log line, the user from the request
// context, abandoned requests, and the route labels kept to a bounded set.
import { createServer, request as httpRequest, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { observeRequest, requestIdFrom, routeLabel, routeShape } from "@/lib/platform/http-observe";
import { createLogger } from "@/lib/platform/log";
import { metrics } from "@/lib/platform/metrics";
import { setRequestUser } from "@/lib/platform/request-context";

describe("request ids", () => {
  it("keeps a plain incoming id and replaces anything else", () => {
    expect(requestIdFrom("abcDEF12-._x")).toBe("abcDEF12-._x");
    expect(requestIdFrom(["first-id-1234", "second-id-5678"])).toBe("first-id-1234");
    for (const bad of [undefined, "", "short", "x".repeat(65), "has space 123", "line\nbreak-123", '{"json":1}', "semi;colon123"]) {
      const id = requestIdFrom(bad);
      expect(id).not.toBe(bad);
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
    }
  });
});

describe("route labels", () => {
  it("replaces ids of every shape", () => {
    expect(routeShape("/devices/123/edit", 200)).toBe("/devices/:id/edit");
    expect(routeShape("/admin/jobs/0b6e5c1e-8f3a-4c39-9c35-0d6d7f1b2a4c", 200)).toBe("/admin/jobs/:id");
    expect(routeShape("/import/clx9k2m3n0000abcd1234efgh", 200)).toBe("/import/:id");
    expect(routeShape("/sites/7/systems/12/edit", 200)).toBe("/sites/:id/systems/:id/edit");
    expect(routeShape("/dashboard", 200)).toBe("/dashboard");
    expect(routeShape("/", 200)).toBe("/");
    expect(routeShape("/import/template.csv", 200)).toBe("/import/template.csv");
    expect(routeShape("/a%20b", 200)).toBe("/:param");
  });

  it("groups unmatched paths, Next's assets and very deep paths", () => {
    expect(routeShape("/no/such/page", 404)).toBe("(not found)");
    expect(routeShape("/_next/static/chunks/abc123.js", 200)).toBe("/_next/static/*");
    expect(routeShape("/_next/image", 200)).toBe("/_next/image");
    expect(routeShape("/a/b/c/d/e/f/g/h", 200)).toBe("/a/b/c/d/e/f/*");
  });

  it("gives invented paths that are refused or redirected one shared label", () => {
    const labels = new Set<string>();
    for (let i = 0; i < 300; i++) labels.add(routeLabel(`/invented-${i.toString(36)}x`, i % 2 ? 403 : 308));
    expect([...labels]).toEqual(["(other)"]);
    expect(routeLabel("/sites/12", 200)).toBe("/sites/:id");
    expect(routeLabel("/sites/13", 307)).toBe("/sites/:id");
  });
});

describe("observeRequest on a real server", () => {
  const lines: Record<string, unknown>[] = [];
  let server: Server;
  let base: string;
  const LOGGER = Symbol.for("estate-camera-register.logger");
  const holder = globalThis as unknown as Record<symbol, unknown>;
  let previous: unknown;

  beforeAll(async () => {
    previous = holder[LOGGER];
    const stream = new Writable({
      write(chunk: Buffer, _e, cb) {
        for (const l of chunk.toString().split("\n").filter(Boolean)) lines.push(JSON.parse(l) as Record<string, unknown>);
        cb();
      },
    });
    holder[LOGGER] = createLogger("info", stream);
    server = createServer((req, res) =>
      observeRequest(req, res, async () => {
        const url = new URL(req.url ?? "/", "http://x");
        // The app resolves the user later in the request, after some awaits.
        await new Promise((r) => setTimeout(r, 5));
        if (url.searchParams.has("user")) setRequestUser(Number(url.searchParams.get("user")));
        if (url.pathname === "/slow") {
          await new Promise((r) => setTimeout(r, 300));
          if (!res.destroyed) res.end("late");
          return;
        }
        if (url.pathname === "/boom") {
          res.statusCode = 500;
          res.end("failed");
          return;
        }
        res.setHeader("Content-Type", "text/plain");
        res.end("hello world");
      }),
    );
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    holder[LOGGER] = previous;
    await new Promise((r) => server.close(r));
  });

  async function waitForLine(requestId: string) {
    for (let i = 0; i < 100; i++) {
      const line = lines.find((l) => l.requestId === requestId);
      if (line) return line;
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error(`no log line for ${requestId}`);
  }

  it("logs one allow-listed line a request, with the user, and none of the secrets sent", async () => {
    const response = await fetch(`${base}/devices/123?token=qs-secret-1111&user=42`, {
      headers: { Authorization: "Bearer bearer-secret-2222", Cookie: "next-auth.session-token=cookie-secret-3333", "X-Request-Id": "client-req-0001" },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("x-request-id")).toBe("client-req-0001");
    const line = await waitForLine("client-req-0001");
    expect(Object.keys(line).sort()).toEqual(["bytes", "durationMs", "hostname", "level", "method", "msg", "pid", "requestId", "route", "status", "time", "userId"]);
    expect(line).toMatchObject({ level: "info", msg: "request", requestId: "client-req-0001", userId: 42, method: "GET", route: "/devices/123", status: 200 });
    expect(line.durationMs as number).toBeGreaterThanOrEqual(5);
    expect(line.bytes as number).toBeGreaterThan("hello world".length);
    const everything = JSON.stringify(lines);
    for (const secret of ["qs-secret-1111", "bearer-secret-2222", "cookie-secret-3333"]) expect(everything).not.toContain(secret);
  });

  it("makes its own id when the client's is unsafe, and keeps requests' users apart", async () => {
    const [a, b] = await Promise.all([
      fetch(`${base}/a?user=7`, { headers: { "X-Request-Id": "bad id\u00e9" } }),
      fetch(`${base}/b`),
    ]);
    const idA = a.headers.get("x-request-id")!;
    const idB = b.headers.get("x-request-id")!;
    expect(idA).toMatch(/^[0-9a-f-]{36}$/);
    expect(idA).not.toBe(idB);
    expect(await waitForLine(idA)).toMatchObject({ userId: 7, route: "/a" });
    expect(await waitForLine(idB)).toMatchObject({ userId: null, route: "/b" });
  });

  it("logs an error-level line for a 5xx and an abandoned request as aborted", async () => {
    const boom = await fetch(`${base}/boom`);
    expect(await waitForLine(boom.headers.get("x-request-id")!)).toMatchObject({ level: "error", status: 500 });

    await new Promise<void>((resolve) => {
      const req = httpRequest(`${base}/slow`, { headers: { "X-Request-Id": "abandoned-0001" } });
      req.on("error", () => resolve());
      req.end();
      setTimeout(() => {
        req.destroy();
        resolve();
      }, 50);
    });
    expect(await waitForLine("abandoned-0001")).toMatchObject({ status: 499, aborted: true, route: "/slow" });
  });

  it("counts requests and their durations by method, route shape and status", async () => {
    const before = await counted("GET", "/devices/:id", "200");
    await fetch(`${base}/devices/9`);
    await fetch(`${base}/devices/10?x=1`);
    await new Promise((r) => setTimeout(r, 20));
    expect((await counted("GET", "/devices/:id", "200")) - before).toBe(2);
    const text = await metrics().registry.metrics();
    expect(text).toMatch(/http_request_duration_seconds_count\{method="GET",route="\/devices\/:id"\} \d+/);
    expect(text).not.toContain("qs-secret");
  });
});

async function counted(method: string, route: string, status: string): Promise<number> {
  const json = await metrics().httpRequests.get();
  return json.values.find((v) => v.labels.method === method && v.labels.route === route && v.labels.status === status)?.value ?? 0;
}

describe("route labels under a flood of successful invented paths", () => {
  it("stay bounded", () => {
    const labels = new Set<string>();
    for (let i = 0; i < 1000; i++) labels.add(routeLabel(`/made-up-${i.toString(36)}x`, 200));
    expect(labels.size).toBeLessThanOrEqual(201);
    expect(labels.has("(other)")).toBe(true);
  });
});
