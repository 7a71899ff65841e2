// How many imports are being checked or applied at once: one per person, and MAX_IMPORTS_IN_TOTAL
// across the whole service. Checking a large file takes a core and a few hundred megabytes for a
// minute, and every import's transaction queues on one advisory lock in the database anyway
// (runImport), so more imports at once than that across the service would only wait, holding
// memory and connections; and a person's requests land on any process, so their limit is per
// service too. Whoever claims a slot releases it in a finally block; releasing twice is harmless.
//
// Against a PostgreSQL server the claims are rows with a renewed lease (lib/data/import-slots.ts).
// Embedded PGlite, which always runs exactly one server process, counts them in memory, chosen by
// EMBEDDED: its one connection is held by an import's transaction, so a lease could not be renewed
// while the import runs (see lib/import/progress.ts for the measurement), and a claim left by a
// killed process would block its person for the length of a lease after every restart.
import { claimSlotInDatabase, slotsInDatabase } from "@/lib/data/import-slots";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { LIMIT_MESSAGES, MAX_IMPORTS_IN_TOTAL, MAX_IMPORTS_PER_USER } from "@/lib/import/limits";

export interface ImportSlot {
  release(): Promise<void>;
}

export type SlotClaim = { ok: true; slot: ImportSlot } | { ok: false; error: string };

interface Counts {
  total: number;
  byUser: Map<number, number>;
}

// On globalThis so every route bundle of the one embedded server process shares the count.
const counts: Counts = ((globalThis as { importSlots?: Counts }).importSlots ??= { total: 0, byUser: new Map() });

/** Claiming is synchronous here, so two requests cannot both take the last slot. */
function claimInMemory(userId: number): SlotClaim {
  const mine = counts.byUser.get(userId) ?? 0;
  if (mine >= MAX_IMPORTS_PER_USER) return { ok: false, error: LIMIT_MESSAGES.busyYou };
  if (counts.total >= MAX_IMPORTS_IN_TOTAL) return { ok: false, error: LIMIT_MESSAGES.busyService };
  counts.byUser.set(userId, mine + 1);
  counts.total += 1;
  let released = false;
  return {
    ok: true,
    slot: {
      async release() {
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

const embedded = () => env().EMBEDDED === "1";

export async function claimImportSlot(userId: number): Promise<SlotClaim> {
  return embedded() ? claimInMemory(userId) : claimSlotInDatabase(db(), userId);
}

/** Imports under way across the service, for tests and diagnostics. */
export async function importsInProgress(): Promise<number> {
  return embedded() ? counts.total : slotsInDatabase(db());
}
