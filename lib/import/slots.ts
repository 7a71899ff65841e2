// How many imports are being checked or applied at once, per person and on the whole server.
// Checking a large file takes a core and a few hundred megabytes for a minute, so a person gets
// one at a time and the server a few. Counted in this process (on globalThis, so every route
// bundle shares the count); claiming is synchronous, so two requests cannot both take the last
// slot. Whoever claims a slot releases it in a finally block; releasing twice is harmless.
import { LIMIT_MESSAGES, MAX_IMPORTS_IN_TOTAL, MAX_IMPORTS_PER_USER } from "@/lib/import/limits";

interface Counts {
  total: number;
  byUser: Map<number, number>;
}

const counts: Counts = ((globalThis as { importSlots?: Counts }).importSlots ??= { total: 0, byUser: new Map() });

export interface ImportSlot {
  release(): void;
}

export type SlotClaim = { ok: true; slot: ImportSlot } | { ok: false; error: string };

export function claimImportSlot(userId: number): SlotClaim {
  const mine = counts.byUser.get(userId) ?? 0;
  if (mine >= MAX_IMPORTS_PER_USER) return { ok: false, error: LIMIT_MESSAGES.busyYou };
  if (counts.total >= MAX_IMPORTS_IN_TOTAL) return { ok: false, error: LIMIT_MESSAGES.busyService };
  counts.byUser.set(userId, mine + 1);
  counts.total += 1;
  let released = false;
  return {
    ok: true,
    slot: {
      release() {
        if (released) return;
        released = true;
        counts.total -= 1;
        const left = (counts.byUser.get(userId) ?? 1) - 1;
        if (left > 0) counts.byUser.set(userId, left);
        else counts.byUser.delete(userId);
      },
    },
  };
}

/** Imports under way, for tests and diagnostics. */
export function importsInProgress(): number {
  return counts.total;
}
