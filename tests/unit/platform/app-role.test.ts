import { describe, expect, it } from "vitest";
import { auditRowHash, canonicalAuditRecord, type ChainRow } from "@/lib/data/audit-chain";
import { ConfigError, parseEnv } from "@/lib/env";
import { appRoleUrl, appRoleVerdict } from "@/lib/platform/app-role";

describe("the app role's settings", () => {
  it("default to ecr_app with a generated password", () => {
    const e = parseEnv({});
    expect(e.DATABASE_APP_ROLE).toBe("ecr_app");
    expect(e.DATABASE_APP_PASSWORD).toBeUndefined();
  });

  it.each([
    ['ecr"; DROP TABLE audit_events; --', "DATABASE_APP_ROLE must be a lower-case PostgreSQL role name"],
    ["ECR_APP", "DATABASE_APP_ROLE must be a lower-case PostgreSQL role name"],
    ["ecr app", "DATABASE_APP_ROLE must be a lower-case PostgreSQL role name"],
    ["ecr\u0000app", "DATABASE_APP_ROLE must be a lower-case PostgreSQL role name"],
    ["", "DATABASE_APP_ROLE must be a lower-case PostgreSQL role name"],
    ["a".repeat(64), "DATABASE_APP_ROLE must be a lower-case PostgreSQL role name"],
    ["postgres", "DATABASE_APP_ROLE must not be a built-in role"],
    ["pg_read_all_data", "DATABASE_APP_ROLE must not be a built-in role"],
  ])("refuses the role name %j with one line naming it", (value, message) => {
    const error = (() => {
      try {
        parseEnv({ DATABASE_APP_ROLE: value });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toBe(`Configuration error: ${message}${message.endsWith("role") ? "" : " such as ecr_app"}`);
  });

  it("refuses a short or huge password", () => {
    expect(() => parseEnv({ DATABASE_APP_PASSWORD: "short" })).toThrow("Configuration error: DATABASE_APP_PASSWORD must be at least 16 characters");
    expect(() => parseEnv({ DATABASE_APP_PASSWORD: "x".repeat(201) })).toThrow("DATABASE_APP_PASSWORD must be at most 200 characters");
  });

  it("builds the app's URL from the owner's, whatever the password holds", () => {
    const url = appRoleUrl("postgresql://owner:secret@db.internal:5433/ecr?sslmode=require", "ecr_app", "p@ss:w/rd#?%");
    const u = new URL(url);
    expect(decodeURIComponent(u.username)).toBe("ecr_app");
    expect(decodeURIComponent(u.password)).toBe("p@ss:w/rd#?%");
    expect(`${u.host}${u.pathname}${u.search}`).toBe("db.internal:5433/ecr?sslmode=require");
    expect(appRoleUrl("postgresql://postgres:postgres@127.0.0.1:54329/postgres", "ecr_app", null)).toBe("postgresql://ecr_app@127.0.0.1:54329/postgres");
  });
});

describe("start-up's verdict on the web server's role", () => {
  const superuser = { role: "admin", superuser: true, excess: ["it is a superuser"] };
  it("refuses a superuser in production against a server", () => {
    expect(appRoleVerdict(superuser, true, false).refuse).toMatch(/^Refusing to start: the web server's database role admin is a superuser/);
  });
  it("warns, and starts, in development or embedded", () => {
    for (const [production, embedded] of [[false, false], [true, true], [false, true]] as const) {
      const v = appRoleVerdict(superuser, production, embedded);
      expect(v.refuse).toBeNull();
      expect(v.warnings).toEqual(["the web server's database role admin has more power than it needs: it is a superuser."]);
    }
  });
  it("says nothing about a role with only what it needs", () => {
    expect(appRoleVerdict({ role: "ecr_app", superuser: false, excess: [] }, true, false)).toEqual({ refuse: null, warnings: [] });
  });
});

describe("the audit chain's canonical encoding", () => {
  const row: ChainRow = {
    id: "7", at: new Date("2026-03-01T09:05:03.120Z"), actorId: null, actorEmail: "a@b", action: "x", entityType: "site",
    entityId: "1", organisationId: "3", summary: "é;N;", before: null, after: "null", chainSeq: "2", prevHash: "0".repeat(64), hash: null,
  };
  it("is length-prefixed in UTF-8 bytes, with NULL distinct from JSON null and from text", () => {
    expect(canonicalAuditRecord(row)).toBe(
      `ecr-audit-chain-v1;S1:2;S64:${"0".repeat(64)};S1:7;S24:2026-03-01T09:05:03.120Z;N;S3:a@b;S1:x;S4:site;S1:1;S1:3;S5:é;N;;N;S4:null;`,
    );
  });
  it("changes with any field, and cannot be matched by moving text between fields", () => {
    const base = auditRowHash(row);
    expect(auditRowHash({ ...row, summary: "é;N" })).not.toBe(base);
    expect(auditRowHash({ ...row, after: null })).not.toBe(base);
    expect(auditRowHash({ ...row, at: new Date("2026-03-01T09:05:03.121Z") })).not.toBe(base);
    expect(auditRowHash({ ...row, actorEmail: "a@", action: "bx" })).not.toBe(base);
    expect(auditRowHash({ ...row })).toBe(base);
    expect(base).toMatch(/^[0-9a-f]{64}$/);
  });
});
