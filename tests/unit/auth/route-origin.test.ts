import { afterEach, describe, expect, it, vi } from "vitest";

// route() refuses a request from elsewhere before it looks at the session or runs the handler.

const OURS = "https://register.example.gov.uk";

async function wrapped() {
  vi.stubEnv("NEXTAUTH_URL", OURS);
  vi.resetModules();
  const { route } = await import("@/lib/auth/route");
  const handler = vi.fn(async () => new Response("done"));
  return { handler, GET: route("reports:read", handler), POST: route("register:write", handler) };
}

const context = { params: Promise.resolve({}) };

afterEach(() => {
  vi.unstubAllEnvs();
  vi.resetModules();
});

describe("route(): requests from elsewhere", () => {
  it.each([
    ["a foreign Origin", { origin: "http://evil.example" }],
    ["Origin: null", { origin: "null" }],
    ["cross-site, no Origin", { "sec-fetch-site": "cross-site" }],
    ["neither Origin nor Sec-Fetch-Site", {}],
    ["our host over http", { origin: "http://register.example.gov.uk" }],
  ])("a POST with %s answers 403 with a message, and the handler never runs", async (_d, headers) => {
    const { handler, POST } = await wrapped();
    const response = await POST(new Request(`${OURS}/api/import`, { method: "POST", headers, body: "x" }), context);
    expect(response.status).toBe(403);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(((await response.json()) as { error: string }).error).toMatch(/^This request did not come from the Estate Camera Register's own pages/);
    expect(handler).not.toHaveBeenCalled();
  });

  it.each([
    ["a link on another site", { "sec-fetch-site": "cross-site" }],
    ["an image on a sibling subdomain", { "sec-fetch-site": "same-site" }],
    ["a foreign Referer", { referer: "http://evil.example/mail" }],
  ])("a download opened from %s answers 403, and the handler never runs", async (_d, headers) => {
    const { handler, GET } = await wrapped();
    const response = await GET(new Request(`${OURS}/api/reports/download?format=csv`, { headers }), context);
    expect(response.status).toBe(403);
    expect(((await response.json()) as { error: string }).error).toMatch(/^This link was opened from another website/);
    expect(handler).not.toHaveBeenCalled();
  });

  it("a same-origin request goes on to the session check (here, outside a request, it fails there)", async () => {
    const { handler, POST } = await wrapped();
    const request = new Request(`${OURS}/api/import`, { method: "POST", headers: { origin: OURS }, body: "x" });
    await expect(POST(request, context)).rejects.toThrow(/outside a request scope|headers/);
    expect(handler).not.toHaveBeenCalled();
  });
});
