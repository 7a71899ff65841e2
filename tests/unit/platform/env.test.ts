import { describe, expect, it } from "vitest";
import { ConfigError, parseEnv } from "@/lib/env";

describe("configuration", () => {
  it("defaults to the embedded database on port 3000", () => {
    const e = parseEnv({});
    expect(e.DATABASE_URL).toBeUndefined();
    expect(e.PORT).toBe(3000);
    expect(e.DATA_DIR).toBe(".data");
  });

  it.each([
    [{ PORT: "eighty" }, "Configuration error: PORT"],
    [{ PORT: "70000" }, "Configuration error: PORT"],
    [{ DATABASE_URL: "mysql://root@localhost/db" }, "Configuration error: DATABASE_URL must be a postgresql:// URL"],
    [{ NEXTAUTH_SECRET: "short" }, "Configuration error: NEXTAUTH_SECRET must be at least 32 characters"],
    [{ NEXTAUTH_URL: "not a url" }, "Configuration error: NEXTAUTH_URL must be a URL"],
    [{ SESSION_MAX_AGE_HOURS: "0" }, "Configuration error: SESSION_MAX_AGE_HOURS"],
  ])("a malformed setting stops start-up with one line naming it: %o", (source, message) => {
    let error: unknown;
    try {
      parseEnv(source);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message.startsWith(message)).toBe(true);
    expect((error as Error).message).not.toContain("\n");
  });

  it("an empty DATABASE_URL means the embedded database", () => {
    expect(parseEnv({ DATABASE_URL: "  " }).DATABASE_URL).toBeUndefined();
  });
});
