// The logger's redaction backstop and the request line's allow-list.
import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { requestLogLine } from "@/lib/platform/http-observe";
import { createLogger, REDACTED, redactSecrets } from "@/lib/platform/log";

function capture(level: "info" | "warn" = "info") {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      lines.push(...chunk.toString().split("\n").filter(Boolean));
      callback();
    },
  });
  return { logger: createLogger(level, stream), lines, parsed: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe("logger", () => {
  it("writes one JSON object a line with a level name, an ISO time and the message", () => {
    const { logger, parsed } = capture();
    logger.info({ route: "/dashboard" }, "request");
    const [line] = parsed();
    expect(line).toMatchObject({ level: "info", msg: "request", route: "/dashboard" });
    expect(typeof line!.time).toBe("string");
    expect(new Date(line!.time as string).toISOString()).toBe(line!.time);
    expect(line!.pid).toBe(process.pid);
  });

  it("respects the level", () => {
    const { logger, lines } = capture("warn");
    logger.info("not shown");
    logger.warn("shown");
    expect(lines.map((l) => (JSON.parse(l) as { msg: string }).msg)).toEqual(["shown"]);
  });

  it("redacts secret-shaped fields at the top level and nested, as a backstop", () => {
    const { logger, lines } = capture();
    const secrets = {
      password: "pw-top-1111",
      token: "tok-top-2222",
      req: { headers: { authorization: "Bearer hdr-3333", cookie: "next-auth.session-token=ck-4444", "set-cookie": ["sc-5555"] } },
      form: { newPassword: "pw-new-6666", currentPassword: "pw-cur-7777" },
      deep: { a: { b: { secret: "sec-8888", accessToken: "at-9999" } } },
      deeper: { a: { b: { c: { password: "pw-deep-0000" } } } },
      config: { connectionString: "postgresql://u:cs-1212@h/db" },
    };
    logger.info(secrets, "something happened");
    const out = lines.join("\n");
    for (const value of ["pw-top-1111", "tok-top-2222", "hdr-3333", "ck-4444", "sc-5555", "pw-new-6666", "pw-cur-7777", "sec-8888", "at-9999", "pw-deep-0000", "cs-1212"]) {
      expect(out).not.toContain(value);
    }
    const line = JSON.parse(lines[0]!) as typeof secrets & { msg: string };
    expect(line.password).toBe(REDACTED);
    expect(line.req.headers.cookie).toBe(REDACTED);
    expect(line.deep.a.b.secret).toBe(REDACTED);
    expect(line.deeper.a.b.c.password).toBe(REDACTED);
    expect(line.msg).toBe("something happened");
    // The object passed in is left as it was.
    expect(secrets.password).toBe("pw-top-1111");
  });

  it("finds secret-named fields at any depth and in arrays, and keeps errors intact", () => {
    const { logger, lines } = capture();
    const nested = { a: { b: { c: { d: { e: { f: { csrfToken: "csrf-1313", DATABASE_URL: "postgresql://u:db-1414@h/x" } } } } } } };
    logger.warn({ list: [{ apiKey: "key-1515" }, { "Set-Cookie": "sc-1616" }], nested, err: new Error("plain failure") }, "careless");
    const out = lines.join("\n");
    for (const value of ["csrf-1313", "db-1414", "key-1515", "sc-1616"]) expect(out).not.toContain(value);
    const line = JSON.parse(lines[0]!) as { err: { message: string; stack: string }; list: { apiKey: string }[] };
    expect(line.list[0]!.apiKey).toBe(REDACTED);
    expect(line.err.message).toBe("plain failure");
    expect(line.err.stack).toContain("Error: plain failure");
  });

  it("hands back the very object when there is nothing to redact (the request line's case)", () => {
    const line = { requestId: "abcdefgh", userId: 1, method: "GET", route: "/", status: 200, durationMs: 1 };
    expect(redactSecrets(line)).toBe(line);
    const withSecret = { user: { password: "x" } };
    expect(redactSecrets(withSecret)).toEqual({ user: { password: REDACTED } });
    expect(withSecret.user.password).toBe("x");
  });
});

describe("the request log line", () => {
  it("holds exactly the allow-listed fields, the path without its query and no header", () => {
    const context = { requestId: "req-12345678", userId: 42, extra: "cookie=abc" } as unknown as { requestId: string; userId: number };
    const line = requestLogLine({
      context,
      method: "post",
      url: "/login?callbackUrl=%2Fdevices%2F1&token=tok-abcdef#frag",
      status: 303,
      durationMs: 12.345,
      bytes: 512,
      aborted: false,
    });
    expect(line).toEqual({ requestId: "req-12345678", userId: 42, method: "POST", route: "/login", status: 303, durationMs: 12.3, bytes: 512 });
  });

  it("says null for a signed-out request and marks one the client abandoned", () => {
    const line = requestLogLine({ context: { requestId: "abcdefgh", userId: null }, method: "BREW", url: "/", status: 499, durationMs: 1, aborted: true });
    expect(line).toEqual({ requestId: "abcdefgh", userId: null, method: "OTHER", route: "/", status: 499, durationMs: 1, aborted: true });
  });

  it("caps a long path and keeps unprintable characters out", () => {
    const line = requestLogLine({ context: { requestId: "abcdefgh", userId: null }, method: "GET", url: `/${"a".repeat(500)}`, status: 404, durationMs: 1, aborted: false });
    expect(line.route.length).toBeLessThanOrEqual(202);
    const odd = requestLogLine({ context: { requestId: "abcdefgh", userId: null }, method: "GET", url: "/a\nb\u0000c", status: 404, durationMs: 1, aborted: false });
    expect(odd.route).toBe("/a?b?c");
  });
});
