import { describe, expect, it } from "vitest";
import { LIMIT_MESSAGES, MAX_IMPORTS_IN_TOTAL } from "@/lib/import/limits";
import { claimImportSlot, importsInProgress, type ImportSlot } from "@/lib/import/slots";

function take(userId: number): ImportSlot {
  const claim = claimImportSlot(userId);
  if (!claim.ok) throw new Error(claim.error);
  return claim.slot;
}

describe("import slots", () => {
  it("gives a person one at a time and the server two, and counts a release once", () => {
    expect(MAX_IMPORTS_IN_TOTAL).toBe(2);
    const first = take(1);
    expect(claimImportSlot(1)).toEqual({ ok: false, error: LIMIT_MESSAGES.busyYou });
    const second = take(2);
    expect(claimImportSlot(3)).toEqual({ ok: false, error: LIMIT_MESSAGES.busyService });
    first.release();
    first.release();
    expect(importsInProgress()).toBe(1);
    // Released twice, counted once: user 2 still holds theirs, so the server has room for one.
    const again = take(1);
    expect(claimImportSlot(3)).toEqual({ ok: false, error: LIMIT_MESSAGES.busyService });
    again.release();
    second.release();
    expect(importsInProgress()).toBe(0);
  });
});
