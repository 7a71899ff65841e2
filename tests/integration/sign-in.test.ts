import { describe, expect, it } from "vitest";
import { testDb } from "./helpers";
import { MAX_FAILED_ATTEMPTS } from "@/lib/auth/lockout";
import { checkCredentials } from "@/lib/data/users";
import { DEMO_PASSWORD } from "@/lib/seed/demo-users";

describe("sign-in", () => {
  it("accepts the right password, whatever the case of the email", async () => {
    const result = await checkCredentials("Viewer@HO.example.gov.uk", DEMO_PASSWORD);
    expect(result.ok).toBe(true);
  });

  it("refuses an unknown email and a wrong password the same way", async () => {
    expect(await checkCredentials("nobody@example.gov.uk", DEMO_PASSWORD)).toEqual({ ok: false, reason: "INVALID" });
    expect(await checkCredentials("viewer@ho.example.gov.uk", "wrong")).toEqual({ ok: false, reason: "INVALID" });
  });

  it("locks an account after repeated failures, refusing even the right password, and records it", async () => {
    const email = "editor@moj.example.gov.uk";
    const results = [];
    for (let i = 0; i < MAX_FAILED_ATTEMPTS; i++) results.push(await checkCredentials(email, `wrong-${i}`));
    expect(results.slice(0, -1).every((r) => !r.ok && r.reason === "INVALID")).toBe(true);
    expect(results.at(-1)).toEqual({ ok: false, reason: "LOCKED" });
    expect(await checkCredentials(email, DEMO_PASSWORD)).toEqual({ ok: false, reason: "LOCKED" });
    const audit = await testDb().auditEvent.count({ where: { action: "user.locked", summary: { contains: email } } });
    expect(audit).toBe(1);

    // The lock-out is temporary: once it has passed, the right password works again.
    await testDb().user.update({ where: { email }, data: { lockedUntil: new Date(Date.now() - 1000) } });
    expect((await checkCredentials(email, DEMO_PASSWORD)).ok).toBe(true);
  });
});
