import { describe, expect, it } from "vitest";
import { ConfigError, parseEnv } from "@/lib/env";

describe("session settings", () => {
  it("ends idle sessions after 30 minutes unless told otherwise", () => {
    expect(parseEnv({}).SESSION_IDLE_MINUTES).toBe(30);
    expect(parseEnv({ SESSION_IDLE_MINUTES: "15" }).SESSION_IDLE_MINUTES).toBe(15);
  });

  it("refuses an idle timeout the once-a-minute activity record cannot keep, or that is not a number", () => {
    for (const bad of ["0", "1", "-5", "2.5", "thirty", String(24 * 60 + 1)]) {
      expect(() => parseEnv({ SESSION_IDLE_MINUTES: bad }), bad).toThrow(ConfigError);
      expect(() => parseEnv({ SESSION_IDLE_MINUTES: bad })).toThrow(/SESSION_IDLE_MINUTES/);
    }
  });
});
