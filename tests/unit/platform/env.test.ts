import { describe, expect, it } from "vitest";
import { ConfigError, parseEnv } from "@/lib/env";

const SSO = '{"id":"ho-entra","name":"Home Office","issuer":"https://login.example.gov.uk/ho","clientId":"register","clientSecret":"s3cret"}';

describe("configuration", () => {
  it("single sign-on, second factor and API settings: defaults and parsed values", () => {
    const defaults = parseEnv({});
    expect(defaults.OIDC_PROVIDERS).toEqual([]);
    expect(defaults.PASSWORD_SIGN_IN).toBe("on");
    expect(defaults.MFA_REQUIRED_ROLES).toEqual(["ADMIN"]);
    expect(defaults.API_RATE_LIMIT_PER_MINUTE).toBe(600);
    const set = parseEnv({ OIDC_PROVIDERS: `[${SSO}]`, PASSWORD_SIGN_IN: "off", MFA_REQUIRED_ROLES: " ESTATES_EDITOR ,ESTATES_EDITOR" });
    expect(set.OIDC_PROVIDERS).toEqual([{ id: "ho-entra", name: "Home Office", issuer: "https://login.example.gov.uk/ho", clientId: "register", clientSecret: "s3cret", trustEmails: false }]);
    expect(set.PASSWORD_SIGN_IN).toBe("off");
    // Administrators always need a second factor, whatever the setting lists.
    expect(set.MFA_REQUIRED_ROLES.sort()).toEqual(["ADMIN", "ESTATES_EDITOR"]);
  });

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
    [{ OIDC_PROVIDERS: "{not json" }, "Configuration error: OIDC_PROVIDERS must be a JSON array of providers"],
    [{ OIDC_PROVIDERS: '[{"id":"ho","name":"Home Office","issuer":"nope","clientId":"a","clientSecret":"b"}]' }, "Configuration error: OIDC_PROVIDERS.0.issuer"],
    [{ OIDC_PROVIDERS: `[${SSO},${SSO}]` }, "Configuration error: OIDC_PROVIDERS each provider needs its own id"],
    [{ OIDC_PROVIDERS: `[{"id":"Bad Id","name":"x","issuer":"https://x.example","clientId":"a","clientSecret":"b"}]` }, "Configuration error: OIDC_PROVIDERS.0.id"],
    [{ PASSWORD_SIGN_IN: "off" }, "Configuration error: PASSWORD_SIGN_IN can only be off when OIDC_PROVIDERS names a provider"],
    [{ MFA_REQUIRED_ROLES: "ADMIN,EVERYONE" }, "Configuration error: MFA_REQUIRED_ROLES"],
    [{ API_RATE_LIMIT_PER_MINUTE: "0" }, "Configuration error: API_RATE_LIMIT_PER_MINUTE"],
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
